// One section per indicator of the sheet: catalogue label and definition, the figure for the chosen year,
// its sub-figures, a chart of its breakdown (or of the territories), and the table behind the chart.
import type { Colonne } from "./csv.js";
import { entreeCatalogue, indicateurPrincipal, libelleModalite, ordreIndicateurs, TOUTES, type Catalogue, type Ligne, type Territoire } from "./donnees.js";
import { el } from "./dom.js";
import { explication } from "./explication.js";
import { barres, barresEmpilees, barresMensuelles } from "./graphiques.js";
import { mois, moisAbrege, nombre, unite as accord } from "./format.js";
import { MARQUE_SECRET } from "./marques.js";
import { tableau } from "./tableau.js";
import { elementValeur } from "./valeur.js";

export interface Contexte {
  catalogue: Catalogue[];
  modalites: Record<string, Record<string, string>>;
  ventilations: Record<string, string>;
  territoires: Territoire[];
  /** Yearly rows of the chosen fiche (or of the four together). */
  lignes: Ligne[];
  /** Monthly rows of the same scope. */
  mensuel: Ligne[];
  fiche: string;
  perimetre: string;
  annee: string;
  width: number;
}

// Which breakdown to draw when an indicator has several: the richest first (sex × age contains both).
const PREFERENCE = ["sexe_tranche_age", "type_logement_relogement", "categorie_partenaire", "type_contrat_emploi", "tranche_age", "sexe"];

interface LigneTableau {
  indicateur: string;
  libelle: string;
  perimetre: string;
  periode: string;
  territoire: string;
  ventilation: string;
  modalite: string;
  valeur: number | typeof MARQUE_SECRET | null;
  unite: string;
}

const COLONNES_CSV: Colonne<LigneTableau>[] = [
  { cle: "indicateur", titre: "Indicateur" },
  { cle: "libelle", titre: "Libellé" },
  { cle: "perimetre", titre: "Périmètre" },
  { cle: "periode", titre: "Période" },
  { cle: "territoire", titre: "Territoire" },
  { cle: "ventilation", titre: "Ventilation" },
  { cle: "modalite", titre: "Modalité" },
  { cle: "valeur", titre: "Valeur" },
  { cle: "unite", titre: "Unité" },
];

const valeurGraphique = (l: Ligne) => ({ valeur: l.secret ? null : l.valeur, secret: Boolean(l.secret) });

export function sectionsIndicateurs(ctx: Contexte): HTMLElement {
  const principaux = [...new Set(ctx.lignes.map((l) => indicateurPrincipal(l.indicateur)))].sort(ordreIndicateurs);
  return el("div", { class: "obs-indicateurs" }, ...principaux.map((id) => sectionIndicateur(ctx, id)));
}

export function sectionIndicateur(ctx: Contexte, id: string): HTMLElement {
  const entree = entreeCatalogue(ctx.catalogue, ctx.fiche, id);
  const libelle = entree?.libelle_court ?? id;
  const unite = entree?.unite ?? "";
  const section = el(
    "section",
    { class: "obs-indicateur", "data-indicateur": id },
    el("h3", {}, libelle, " ", el("span", { class: "obs-code" }, `(${id})`)),
    entree ? explication(entree) : null,
  );
  if (ctx.fiche === TOUTES && entree?.additif === false) {
    section.append(el("p", { class: "obs-note" }, "Cet indicateur ne s'additionne pas d'une fiche à l'autre : choisissez une fiche pour l'afficher."));
    return section;
  }
  const departement = ctx.lignes.filter((l) => l.niveau === "departement" && l.periode === ctx.annee);
  const ensemble = departement.find((l) => l.indicateur === id && l.ventilation === "ensemble");
  if (!ensemble) {
    section.append(el("p", { class: "obs-note" }, `Pas de donnée publiée pour ${ctx.annee}.`));
    return section;
  }
  section.append(
    el("p", { class: "obs-valeur", "data-valeur": ensemble.valeur ?? "" }, el("strong", {}, elementValeur(ensemble, unite)), ` ${accord(ensemble.valeur, unite)} en ${ctx.annee}`),
  );
  const sousIndicateurs = [...new Set(departement.filter((l) => l.indicateur.startsWith(`${id}_`)).map((l) => l.indicateur))].sort(ordreIndicateurs);
  if (sousIndicateurs.length) {
    section.append(
      el(
        "ul",
        { class: "obs-sous-indicateurs" },
        ...sousIndicateurs.map((s) => {
          const ligne = departement.find((l) => l.indicateur === s && l.ventilation === "ensemble");
          const e = entreeCatalogue(ctx.catalogue, ctx.fiche, s);
          return el("li", { "data-indicateur": s }, `${e?.libelle_court ?? s} : `, el("strong", {}, elementValeur(ligne, e?.unite)), e?.unite ? ` ${accord(ligne?.valeur, e.unite)}` : "");
        }),
      ),
    );
  }
  section.append(...graphiqueEtTableau(ctx, id, libelle, unite, departement));
  return section;
}

function graphiqueEtTableau(ctx: Contexte, id: string, libelle: string, unite: string, departement: Ligne[]): Node[] {
  const ligneTableau = (l: Ligne, territoire: string, modalite: string): LigneTableau => ({
    indicateur: l.indicateur,
    libelle,
    perimetre: ctx.perimetre,
    periode: l.periode,
    territoire,
    ventilation: ctx.ventilations[l.ventilation] ?? (l.ventilation === "ensemble" ? "Ensemble" : l.ventilation),
    modalite,
    valeur: l.secret ? MARQUE_SECRET : l.valeur,
    unite,
  });
  const nomFichier = `logement-d-abord-${id}-${ctx.fiche}-${ctx.annee}`;
  const titre = `${libelle} — ${ctx.perimetre}, ${ctx.annee}`;

  const mensuel = ctx.mensuel.filter((l) => l.indicateur === id && l.periode.startsWith(`${ctx.annee}-`));
  if (mensuel.length) {
    const lignes = mensuel.map((l) => ligneTableau(l, "Pas-de-Calais", "Ensemble"));
    return [
      el("h4", {}, "Par mois"),
      barresMensuelles(mensuel.map((l) => ({ periode: l.periode, libelle: moisAbrege(l.periode), ...valeurGraphique(l) })), { width: ctx.width, unite, titre }),
      tableau(lignes.map((l) => ({ ...l, mois: mois(l.periode) })), {
        legende: `${titre}, par mois`,
        colonnes: [{ cle: "mois", titre: "Mois" }, { cle: "valeur", titre: "Valeur" }],
        colonnesCsv: COLONNES_CSV,
        nomFichier: `${nomFichier}-par-mois`,
      }),
    ];
  }

  const disponibles = new Set(departement.filter((l) => l.indicateur === id && l.ventilation !== "ensemble").map((l) => l.ventilation));
  const ventilation = PREFERENCE.find((v) => disponibles.has(v)) ?? [...disponibles].sort()[0];
  if (ventilation) {
    const detail = ordonner(
      departement.filter((l) => l.indicateur === id && l.ventilation === ventilation),
      ventilation,
      ctx.modalites,
    );
    const lignes = detail.map((l) => ligneTableau(l, "Pas-de-Calais", libelleModalite(ctx.modalites, ventilation, l.modalite)));
    const nomVentilation = ctx.ventilations[ventilation] ?? ventilation;
    const colonnes: Colonne<LigneTableau>[] = [{ cle: "modalite", titre: nomVentilation }, { cle: "valeur", titre: "Valeur" }];
    let graphique: Element;
    if (ventilation === "sexe_tranche_age") {
      const ordreTranches = Object.keys(ctx.modalites.tranche_age ?? {});
      const ordreSexes = Object.keys(ctx.modalites.sexe ?? {});
      const tranches = [...new Set(detail.map((l) => l.modalite.split("|")[1] ?? ""))].sort((a, b) => rang(ordreTranches, a) - rang(ordreTranches, b));
      const sexes = [...new Set(detail.map((l) => l.modalite.split("|")[0] ?? ""))].sort((a, b) => rang(ordreSexes, a) - rang(ordreSexes, b));
      graphique = barresEmpilees(
        detail.map((l) => {
          const [s = "", t = ""] = l.modalite.split("|");
          return { groupe: libelleModalite(ctx.modalites, "tranche_age", t), serie: libelleModalite(ctx.modalites, "sexe", s), ...valeurGraphique(l) };
        }),
        {
          width: ctx.width,
          unite,
          titre,
          groupes: tranches.map((t) => libelleModalite(ctx.modalites, "tranche_age", t)),
          series: sexes.map((s) => libelleModalite(ctx.modalites, "sexe", s)),
        },
      );
    } else {
      graphique = barres(
        detail.map((l) => ({ libelle: libelleModalite(ctx.modalites, ventilation, l.modalite), ...valeurGraphique(l) })),
        { width: ctx.width, unite, titre },
      );
    }
    return [
      el("h4", {}, `Par ${nomVentilation.toLowerCase()}`),
      graphique,
      tableau(lignes, { legende: `${titre}, par ${nomVentilation.toLowerCase()}`, colonnes, colonnesCsv: COLONNES_CSV, nomFichier: `${nomFichier}-${ventilation}` }),
    ];
  }

  const libelles = new Map(ctx.territoires.map((t) => [t.code, t.libelle]));
  const parTerritoire = ctx.lignes.filter((l) => l.indicateur === id && l.niveau === "territoire_lda" && l.ventilation === "ensemble" && l.periode === ctx.annee);
  if (!parTerritoire.length) return [];
  const lignes = parTerritoire.map((l) => ligneTableau(l, libelles.get(l.territoire) ?? l.territoire, "Ensemble"));
  return [
    el("h4", {}, "Par territoire Logement d'abord"),
    barres(parTerritoire.map((l) => ({ libelle: libelles.get(l.territoire) ?? l.territoire, ...valeurGraphique(l) })), { width: ctx.width, unite, titre }),
    tableau(lignes, {
      legende: `${titre}, par territoire`,
      colonnes: [{ cle: "territoire", titre: "Territoire" }, { cle: "valeur", titre: "Valeur" }],
      colonnesCsv: COLONNES_CSV,
      nomFichier: `${nomFichier}-territoires`,
    }),
  ];
}

/** Table rows in the chart's order: sex then age band for the composite, largest first otherwise. */
function ordonner(lignes: Ligne[], ventilation: string, modalites: Record<string, Record<string, string>>): Ligne[] {
  if (ventilation !== "sexe_tranche_age") return [...lignes].sort((a, b) => (b.valeur ?? -1) - (a.valeur ?? -1));
  const sexes = Object.keys(modalites.sexe ?? {});
  const tranches = Object.keys(modalites.tranche_age ?? {});
  const cle = (l: Ligne) => {
    const [s = "", t = ""] = l.modalite.split("|");
    return rang(sexes, s) * 1000 + rang(tranches, t);
  };
  return [...lignes].sort((a, b) => cle(a) - cle(b));
}

function rang(ordre: string[], code: string): number {
  const i = ordre.indexOf(code);
  return i === -1 ? ordre.length : i;
}

/** Key figures of the chosen scope and year (département level). */
export function chiffresDuPerimetre(ctx: Contexte, ids: readonly string[]): { indicateur: string; libelle: string; valeur: number | null; secret: boolean; periode: string; detail: string | null }[] {
  return ids.map((id) => {
    const ligne = ctx.lignes.find((l) => l.indicateur === id && l.niveau === "departement" && l.ventilation === "ensemble" && l.periode === ctx.annee);
    const entree = entreeCatalogue(ctx.catalogue, ctx.fiche, id);
    return { indicateur: id, libelle: entree?.libelle_court ?? id, valeur: ligne?.valeur ?? null, secret: Boolean(ligne?.secret), periode: ctx.annee, detail: entree?.unite ?? null };
  });
}
