// The youth observatory's pages (observatory/jeunes/): a thematic sheet per youth slice (THEMES_JEUNES), the
// synthesis and the full report reuse the generic sheet's sections (components/fiche.ts) on the slice's indicators.
import { chiffresCles, preparer, sectionsIndicateurs, type DonneesFicheBrutes, type Fiche } from "./fiche.js";
import { grilleChiffres } from "./chiffres.js";
import { legendeMarques, MARQUE_SECRET } from "./marques.js";
import { elementValeur } from "./valeur.js";
import type { Colonne } from "./csv.js";
import { el } from "./dom.js";
import { nombre } from "./format.js";
import { tableau } from "./tableau.js";
import { cheminThemeJeunes, THEMES_JEUNES, type ThemeJeunes } from "./themes-jeunes.js";

export interface Jeunes {
  sources: Record<string, Fiche>;
}

export function preparerJeunes(brut: { sources: Record<string, DonneesFicheBrutes> }): Jeunes {
  return { sources: Object.fromEntries(Object.entries(brut.sources).map(([k, v]) => [k, preparer(v)])) };
}

function theme(slug: string): ThemeJeunes {
  const t = THEMES_JEUNES.find((x) => x.slug === slug);
  if (!t) throw new Error(`Thème inconnu : ${slug}`);
  return t;
}

const appartient = (id: string, racines: readonly string[]) => racines.some((r) => id === r || id.startsWith(`${r}_`));

/** The source fiche narrowed to the theme's indicators, with the theme's key figures. */
export function ficheTheme(j: Jeunes, slug: string): Fiche {
  const t = theme(slug);
  const f = j.sources[t.source]!;
  if (!t.indicateurs.length) return f;
  const racines = [...t.indicateurs, ...t.cles];
  const annuel = f.annuel.filter((l) => appartient(l.indicateur, racines));
  const mensuel = f.mensuel.filter((l) => appartient(l.indicateur, racines));
  const indicateurs = t.indicateurs.filter((id) => annuel.some((l) => l.indicateur === id));
  return { ...f, fiche: { ...f.fiche, chiffresCles: t.cles }, annuel, mensuel, indicateurs };
}

/** The latest year with a yearly row for the theme. */
export function anneeTheme(j: Jeunes, slug: string): string {
  const f = ficheTheme(j, slug);
  return [...new Set(f.annuel.map((l) => l.periode))].sort().at(-1) ?? f.annees.at(-1) ?? "";
}

/** A thematic sheet's body: key figures, then each indicator with its evolution, breakdowns and territories. */
export function sectionTheme(j: Jeunes, slug: string, width: number): HTMLElement {
  const f = ficheTheme(j, slug);
  const annee = anneeTheme(j, slug);
  if (!f.annuel.length) {
    return el("p", { class: "obs-en-attente", role: "status" }, "Pas encore de chiffre publié pour ce volet : il apparaîtra dès que les rapports concernés auront été traités.");
  }
  return el(
    "div",
    { class: "obs-theme-jeunes", "data-theme": slug },
    el("p", { class: "obs-note" }, `Chiffres du département du Pas-de-Calais en ${annee} ; ${legendeMarques([MARQUE_SECRET])}.`),
    grilleChiffres(chiffresCles(f, annee)),
    sectionsIndicateurs(f, annee, width),
  );
}

interface LigneEssentiel {
  theme: string;
  fiches: string;
  indicateur: string;
  libelle: string;
  periode: string;
  valeur: number | string | null;
  unite: string;
}

/** The synthesis: the first key figure of every thematic sheet, with a link to it. */
export function essentiel(j: Jeunes): HTMLElement {
  const lignes: LigneEssentiel[] = [];
  const cartes = THEMES_JEUNES.map((t) => {
    const f = ficheTheme(j, t.slug);
    const annee = anneeTheme(j, t.slug);
    const [premier] = chiffresCles(f, annee);
    if (premier) {
      lignes.push({ theme: t.titre, fiches: t.fiches.join(", "), indicateur: premier.indicateur, libelle: premier.libelle, periode: annee, valeur: premier.secret ? MARQUE_SECRET : premier.valeur, unite: f.catalogue.find((c) => c.indicateur === premier.indicateur)?.unite ?? "" });
    }
    return el(
      "div",
      { class: "card obs-chiffre", "data-theme": t.slug, "data-indicateur": premier?.indicateur, "data-valeur": premier?.valeur ?? "" },
      el("span", { class: "obs-chiffre-valeur" }, elementValeur(premier, premier?.unite)),
      el("span", { class: "obs-chiffre-libelle" }, premier?.libelle ?? "Pas encore de chiffre publié"),
      el("span", { class: "obs-chiffre-detail" }, `${premier?.detail ?? annee} — fiche${t.fiches.length > 1 ? "s" : ""} ${t.fiches.join(", ")}`),
      el("a", { href: `.${cheminThemeJeunes(t.slug).replace(/^\/jeunes/, "")}` }, t.titre),
    );
  });
  const colonnes: Colonne<LigneEssentiel>[] = [
    { cle: "theme", titre: "Fiche thématique" },
    { cle: "libelle", titre: "Chiffre clé" },
    { cle: "periode", titre: "Année" },
    { cle: "valeur", titre: "Valeur" },
    { cle: "unite", titre: "Unité" },
  ];
  return el(
    "div",
    {},
    el("div", { class: "obs-chiffres" }, ...cartes),
    tableau(lignes, { legende: "L'essentiel de l'observatoire des jeunes : un chiffre clé par fiche thématique", colonnes, colonnesCsv: [...colonnes, { cle: "fiches", titre: "Fiches" }, { cle: "indicateur", titre: "Indicateur" }], nomFichier: "jeunes-essentiel" }),
  );
}

interface LigneTerritoire {
  territoire: string;
  [indicateur: string]: string | number | null;
}

/** A synthesis table by territory: one row per territory of the level, one column per indicator (latest year). */
export function syntheseParTerritoire(j: Jeunes, niveau: string, indicateurs: string[], legende: string): HTMLElement {
  const f = j.sources.f2_9_observatoire_jeunes!;
  const annee = [...new Set(f.annuel.filter((l) => l.niveau === niveau && indicateurs.includes(l.indicateur)).map((l) => l.periode))].sort().at(-1);
  if (!annee) return el("p", { class: "obs-note" }, "Pas de chiffre publié à cette échelle.");
  const territoires = f.territoires.filter((t) => t.niveau === niveau && f.annuel.some((l) => l.niveau === niveau && l.territoire === t.code));
  const libelle = (id: string) => {
    const c = f.catalogue.find((x) => x.indicateur === id);
    return `${c?.libelle ?? id}${c?.unite ? ` (${c.unite})` : ""}`;
  };
  const lignes: LigneTerritoire[] = territoires.map((t) => {
    const ligne: LigneTerritoire = { territoire: t.libelle };
    for (const id of indicateurs) {
      const l = f.annuel.find((x) => x.indicateur === id && x.niveau === niveau && x.territoire === t.code && x.periode === annee && x.ventilation === "ensemble");
      ligne[id] = l?.secret ? MARQUE_SECRET : (l?.valeur ?? null);
    }
    return ligne;
  });
  const colonnes: Colonne<LigneTerritoire>[] = [{ cle: "territoire", titre: "Territoire" }, ...indicateurs.map((id) => ({ cle: id, titre: libelle(id) }))];
  return tableau(lignes, { legende: `${legende}, ${annee}`, colonnes, nomFichier: `jeunes-synthese-${niveau}-${annee}`, replie: false });
}
