// The thematic sheet of one fiche, generated from its catalogue entries and its rows of the published indicator
// table: key figures with their change from the previous year, one section per indicator (evolution, every
// breakdown, every territorial level: a chart and its table with CSV downloads) and a map where the data is
// territorial. Nothing here names a fiche: a fiche whose models land later fills in at the next build.
import type { Topology } from "topojson-specification";
import { anneeIncomplete as anneeEnCours, moisArrete } from "./annees.js";
import { carteTerritoires, OBJETS_CARTE } from "./carte.js";
import { grilleChiffres, type Chiffre } from "./chiffres.js";
import { choix } from "./controles.js";
import type { Colonne } from "./csv.js";
import { depuisColonnes, indicateurPrincipal, libelleModalite, ordreIndicateurs, type Catalogue, type Ligne } from "./donnees.js";
import { el } from "./dom.js";
import { explication } from "./explication.js";
import { barres, barresEmpilees, barresMensuelles } from "./graphiques.js";
import { mois, moisAbrege, moisCumules, nombre, unite as accord, valeurPubliee } from "./format.js";
import { MARQUE_NON_DISPONIBLE, MARQUE_SECRET } from "./marques.js";
import { conventionIncomplete, enPeriode, estConvention, libellePeriode, moisDansPeriode, periodePrecedente } from "./periodes.js";
import { tableau } from "./tableau.js";
import { elementValeur } from "./valeur.js";

export interface DonneesFicheBrutes {
  fiche: { fiche: string; numero: string; titre: string; resume: string; chiffresCles: string[] };
  dateArrete: string | null;
  annees: string[];
  /** Convention periods of the fiche (« 2025-11/2026-10 »), whose rows are in `annuel` beside the years'. */
  conventions?: string[];
  catalogue: Catalogue[];
  territoires: { niveau: string; code: string; libelle: string }[];
  ventilations: Record<string, string>;
  modalites: Record<string, Record<string, string>>;
  annuel: Record<string, unknown[]>;
  mensuel: Record<string, unknown[]>;
  /** Cumuls January…cut-off month, département totals (pipelines/site/cumuls.ts). */
  cumuls: { indicateur: string; periode: string; valeur: number | null; secret: boolean }[];
  /** Indicators whose incomplete year is the sum of its months, the only ones compared with the same months. */
  sommesDesMois: string[];
}

export interface Fiche extends Omit<DonneesFicheBrutes, "annuel" | "mensuel" | "conventions"> {
  conventions: string[];
  annuel: Ligne[];
  mensuel: Ligne[];
  /** Main indicators with at least one row, in natural order (i01, i02 … x01). */
  indicateurs: string[];
}

export const NIVEAUX: Record<string, string> = {
  departement: "Département",
  ami: "Appel à manifestation d'intérêt",
  territoire_lda: "Territoire Logement d'abord",
  territoire_mds: "Territoire MDS",
  epci: "EPCI",
  lot: "Lot",
  groupe: "Groupe",
  commune: "Commune",
};

// Breakdowns whose modalities have an order of their own (age bands…): kept in the order of their labels.
const ORDINALES = new Set(["tranche_age", "age", "jeunes", "tranche_dette", "duree", "anciennete"]);

const humain = (code: string) => code.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
const estSecret = (l: Ligne | undefined) => Boolean(l?.secret);

export function preparer(brut: DonneesFicheBrutes): Fiche {
  const annuel = depuisColonnes(brut.annuel).map((l) => ({ ...l, secret: Boolean(l.secret) }));
  const mensuel = depuisColonnes(brut.mensuel).map((l) => ({ ...l, secret: Boolean(l.secret) }));
  const indicateurs = [...new Set([...annuel, ...mensuel].map((l) => indicateurPrincipal(l.indicateur)))].sort(ordreIndicateurs);
  // A fiche published by month only still gets a year selector (its months' years).
  const annees = brut.annees.length ? brut.annees : [...new Set(mensuel.map((l) => l.periode.slice(0, 4)))].sort();
  return { ...brut, annees, conventions: brut.conventions ?? [], annuel, mensuel, indicateurs };
}

function entree(f: Fiche, id: string): Catalogue | undefined {
  return f.catalogue.find((c) => c.indicateur === id);
}

const libelleIndicateur = (f: Fiche, id: string) => entree(f, id)?.libelle_court ?? id;
const uniteIndicateur = (f: Fiche, id: string) => entree(f, id)?.unite ?? "";
const libelleVentilation = (f: Fiche, v: string) => f.ventilations[v] ?? humain(v);
const libelleNiveau = (n: string) => NIVEAUX[n] ?? humain(n);

function libelleTerritoire(f: Fiche, niveau: string, code: string): string {
  return f.territoires.find((t) => t.niveau === niveau && t.code === code)?.libelle ?? f.territoires.find((t) => t.code === code)?.libelle ?? humain(code);
}

/** Département total of an indicator for a year or a convention period. */
function total(f: Fiche, id: string, annee: string): Ligne | undefined {
  return f.annuel.find((l) => l.indicateur === id && l.periode === annee && l.niveau === "departement" && l.ventilation === "ensemble");
}

/** The year (or convention period) of the data cut-off is incomplete: its figures run to the cut-off month. */
function anneeIncomplete(f: Fiche, annee: string): string | null {
  return estConvention(annee) ? conventionIncomplete(f.dateArrete, annee) : anneeEnCours(f.dateArrete, annee);
}

/** The years, then the fiche's convention periods (spec §A.4: its bilans are per convention period). */
export function choixAnnee(f: Fiche): HTMLLabelElement & { value: string } {
  const options = [...f.annees].reverse().concat([...f.conventions].reverse())
    .map((a) => ({ valeur: a, texte: anneeIncomplete(f, a) ? `${libellePeriode(a)} (en cours)` : libellePeriode(a) }));
  return choix(f.conventions.length ? "Année ou période de convention" : "Année", options, f.annees.at(-1), "annee");
}

// ——— Key figures ———

export interface ChiffreCle extends Chiffre {
  fiche: string;
  secret: boolean;
}

/** « +12 (+8,5 %) »: the change from a published figure to another; no percentage from a zero. */
function ecart(valeur: number, avant: number, unite: string): string {
  const d = valeur - avant;
  const pourcent = avant !== 0 ? ` (${d >= 0 ? "+" : "−"}${nombre(Math.abs((100 * d) / avant))} %)` : "";
  return `${d > 0 ? "+" : d < 0 ? "−" : "±"}${nombre(Math.abs(d), unite)}${pourcent}`;
}

const publie = (l: { valeur: number | null; secret?: boolean | number } | undefined): l is { valeur: number; secret?: boolean | number } => Boolean(l) && !l!.secret && l!.valeur !== null;

/** A complete year against the whole previous year (yearly rows). */
function comparaisonAnnuelle(f: Fiche, id: string, annee: string, ligne: Ligne | undefined): string | null {
  if (!publie(ligne)) return null;
  // A convention period still running is not compared with a whole one.
  if (estConvention(annee) && anneeIncomplete(f, annee)) return "comparaison indisponible tant que la période de convention est en cours";
  const precedente = periodePrecedente(annee);
  const nom = libellePeriode(precedente);
  const avant = total(f, id, precedente);
  if (!avant) return `${nom} : pas de donnée`;
  if (!publie(avant)) return `${nom} : ${valeurPubliee(avant).texte}`;
  const unite = uniteIndicateur(f, id);
  return `${ecart(ligne.valeur, avant.valeur, unite)} par rapport à ${nom} (${nombre(avant.valeur, unite)})`;
}

/**
 * The incomplete current year against the same months of the previous one: both are rows of the marts (the current
 * year's yearly row runs to the cut-off; the previous one's cumul is mart_indicateurs_cumuls). Only where the year is
 * the sum of its months (sommesDesMois: the catalogue's somme_mois, checked by the build): distinct persons or households over several months are
 * not, and get no comparison rather than one with a whole year.
 */
function comparaisonMemesMois(f: Fiche, id: string, annee: string, moisFin: string, ligne: Ligne | undefined): { texte: string | null; periode: string | null; valeur: number | null } {
  if (!f.sommesDesMois.includes(id)) return { texte: "comparaison sur l'année complète indisponible en cours d'année", periode: null, valeur: null };
  const precedente = String(Number(annee) - 1);
  const periode = `${precedente}-01..${precedente}-${moisFin}`;
  const avant = f.cumuls.find((c) => c.indicateur === id && c.periode === periode);
  const unite = uniteIndicateur(f, id);
  const texteAvant = avant ? valeurPubliee(avant, unite).texte : "pas de donnée";
  const variation = publie(ligne) && publie(avant) ? ` ; ${ecart(ligne.valeur, avant.valeur, unite)}` : "";
  return { texte: `${moisCumules(periode)} : ${texteAvant}${variation}`, periode, valeur: avant?.valeur ?? null };
}

/** The fiche's key figures for a year, with the change from the previous year (the same months in the current year). */
export function chiffresCles(f: Fiche, annee: string): ChiffreCle[] {
  const choisis = f.fiche.chiffresCles.filter((id) => f.annuel.some((l) => l.indicateur === id));
  const ids = choisis.length ? choisis : f.indicateurs.filter((id) => f.annuel.some((l) => l.indicateur === id)).slice(0, 4);
  const moisFin = moisArrete(f.dateArrete, annee);
  return ids.map((id) => {
    const ligne = total(f, id, annee);
    const e = entree(f, id);
    const unite = uniteIndicateur(f, id);
    const memesMois = moisFin ? comparaisonMemesMois(f, id, annee, moisFin, ligne) : null;
    return {
      fiche: f.fiche.fiche,
      indicateur: id,
      libelle: libelleIndicateur(f, id),
      explication: e ? [e.libelle, e.definition].filter(Boolean).join(" — ") : null,
      valeur: ligne?.valeur ?? null,
      unite,
      secret: estSecret(ligne),
      periode: annee,
      detail: [unite, moisFin ? `${f.sommesDesMois.includes(id) ? "cumul " : ""}${moisCumules(`${annee}-01..${annee}-${moisFin}`)}` : enPeriode(annee)].filter(Boolean).join(", "),
      evolution: memesMois ? memesMois.texte : comparaisonAnnuelle(f, id, annee, ligne),
      periodeComparee: memesMois?.periode ?? null,
      valeurComparee: memesMois?.valeur ?? null,
    };
  });
}

export function grilleChiffresCles(f: Fiche, annee: string): HTMLElement {
  return grilleChiffres(chiffresCles(f, annee));
}

// ——— Tables ———

interface LigneTableau {
  indicateur: string;
  libelle: string;
  periode: string;
  niveau: string;
  territoire: string;
  ventilation: string;
  modalite: string;
  valeur: number | string | null;
  unite: string;
}

const COLONNES_CSV: Colonne<LigneTableau>[] = [
  { cle: "indicateur", titre: "Indicateur" },
  { cle: "libelle", titre: "Libellé" },
  { cle: "periode", titre: "Période" },
  { cle: "niveau", titre: "Niveau territorial" },
  { cle: "territoire", titre: "Territoire" },
  { cle: "ventilation", titre: "Ventilation" },
  { cle: "modalite", titre: "Modalité" },
  { cle: "valeur", titre: "Valeur" },
  { cle: "unite", titre: "Unité" },
];

function ligneTableau(f: Fiche, l: Ligne): LigneTableau {
  return {
    indicateur: l.indicateur,
    libelle: libelleIndicateur(f, l.indicateur),
    periode: l.periode,
    niveau: libelleNiveau(l.niveau),
    territoire: libelleTerritoire(f, l.niveau, l.territoire),
    ventilation: l.ventilation === "ensemble" ? "Ensemble" : libelleVentilation(f, l.ventilation),
    modalite: libelleModalite(f.modalites, l.ventilation, l.modalite),
    // « s »: masked by statistical secret, as the published files write it.
    valeur: l.secret ? MARQUE_SECRET : l.valeur,
    unite: uniteIndicateur(f, l.indicateur),
  };
}

const valeurGraphique = (l: Ligne) => ({ valeur: l.secret ? null : l.valeur, secret: Boolean(l.secret) });

// ——— Sections ———

export function sectionsIndicateurs(f: Fiche, annee: string, width: number): HTMLElement {
  return el("div", { class: "obs-indicateurs" }, ...f.indicateurs.map((id) => sectionIndicateur(f, id, annee, width)));
}

function sectionIndicateur(f: Fiche, id: string, annee: string, width: number): HTMLElement {
  const e = entree(f, id);
  const libelle = libelleIndicateur(f, id);
  const unite = e?.unite ?? "";
  const nomFichier = `${f.fiche.fiche}-${id}-${annee.replace("/", "_")}`;
  const titre = `${libelle} — fiche ${f.fiche.numero}, ${libellePeriode(annee)}`;
  const section = el(
    "section",
    { class: "obs-indicateur", "data-indicateur": id },
    el("h3", {}, libelle, " ", el("span", { class: "obs-code" }, `(${id})`)),
    e ? explication(e) : null,
  );
  const ensemble = total(f, id, annee);
  section.append(
    ensemble
      ? el("p", { class: "obs-valeur", "data-valeur": ensemble.valeur ?? "" }, el("strong", {}, elementValeur(ensemble, unite)), ` ${ensemble.secret ? unite : accord(ensemble.valeur, unite)} ${anneeIncomplete(f, annee) ? `${estConvention(annee) ? "sur la" : "en"} ${anneeIncomplete(f, annee)}` : enPeriode(annee)}${ensemble.secret ? " (secret statistique)" : ""}`)
      : el("p", { class: "obs-note" }, `Pas de chiffre départemental publié ${enPeriode(annee)}.`),
  );

  const sous = [...new Set(f.annuel.filter((l) => l.indicateur.startsWith(`${id}_`)).map((l) => l.indicateur))].sort(ordreIndicateurs);
  if (sous.length) {
    section.append(
      el(
        "ul",
        { class: "obs-sous-indicateurs" },
        ...sous.map((s) => {
          const l = total(f, s, annee);
          return el("li", { "data-indicateur": s }, `${libelleIndicateur(f, s)} : `, el("strong", {}, elementValeur(l, uniteIndicateur(f, s))), uniteIndicateur(f, s) ? ` ${l?.secret ? uniteIndicateur(f, s) : accord(l?.valeur, uniteIndicateur(f, s))}` : "");
        }),
      ),
    );
  }

  // Evolution by year, the indicator and its sub-figures (calendar years: convention periods overlap them).
  const parAnnee = f.annuel.filter((l) => (l.indicateur === id || l.indicateur.startsWith(`${id}_`)) && !estConvention(l.periode) && l.niveau === "departement" && l.ventilation === "ensemble");
  const principal = parAnnee.filter((l) => l.indicateur === id);
  if (principal.length > 1) {
    section.append(
      el("h4", {}, "Évolution par année"),
      barresMensuelles(principal.map((l) => ({ periode: l.periode, libelle: anneeIncomplete(f, l.periode) ? `${l.periode} (en cours)` : l.periode, ...valeurGraphique(l) })), { width, unite, titre: `${libelle} — fiche ${f.fiche.numero}, par année` }),
      tableau(parAnnee.map((l) => ligneTableau(f, l)), {
        legende: `${libelle} — fiche ${f.fiche.numero}, par année`,
        colonnes: [{ cle: "libelle", titre: "Indicateur" }, { cle: "periode", titre: "Année" }, { cle: "valeur", titre: "Valeur" }],
        colonnesCsv: COLONNES_CSV,
        nomFichier: `${f.fiche.fiche}-${id}-par-annee`,
      }),
    );
  }

  const mensuel = f.mensuel.filter((l) => l.indicateur === id && moisDansPeriode(annee, l.periode));
  if (mensuel.length) {
    section.append(
      el("h4", {}, "Par mois"),
      barresMensuelles(mensuel.map((l) => ({ periode: l.periode, libelle: moisAbrege(l.periode), ...valeurGraphique(l) })), { width, unite, titre: `${titre}, par mois` }),
      tableau(mensuel.map((l) => ({ ...ligneTableau(f, l), mois: mois(l.periode) })), {
        legende: `${titre}, par mois`,
        colonnes: [{ cle: "mois", titre: "Mois" }, { cle: "valeur", titre: "Valeur" }],
        colonnesCsv: COLONNES_CSV,
        nomFichier: `${nomFichier}-par-mois`,
      }),
    );
  }

  // Every breakdown published at département level for the year.
  const departement = f.annuel.filter((l) => l.indicateur === id && l.periode === annee && l.niveau === "departement" && l.ventilation !== "ensemble");
  for (const ventilation of [...new Set(departement.map((l) => l.ventilation))]) {
    const lignes = ordonner(f, departement.filter((l) => l.ventilation === ventilation), ventilation);
    const nom = libelleVentilation(f, ventilation).toLowerCase();
    section.append(el("h4", {}, `Par ${nom}`), graphiqueVentilation(f, lignes, ventilation, { width, unite, titre: `${titre}, par ${nom}` }));
    section.append(
      tableau(lignes.map((l) => ligneTableau(f, l)), {
        legende: `${titre}, par ${nom}`,
        colonnes: [{ cle: "modalite", titre: libelleVentilation(f, ventilation) }, { cle: "valeur", titre: "Valeur" }],
        colonnesCsv: COLONNES_CSV,
        nomFichier: `${nomFichier}-${ventilation}`,
      }),
    );
  }

  // Every territorial level below the département.
  const territoriales = f.annuel.filter((l) => l.indicateur === id && l.periode === annee && l.niveau !== "departement" && l.ventilation === "ensemble");
  for (const niveau of [...new Set(territoriales.map((l) => l.niveau))]) {
    const lignes = territoriales.filter((l) => l.niveau === niveau).sort((a, b) => (b.valeur ?? -1) - (a.valeur ?? -1));
    const nom = libelleNiveau(niveau);
    section.append(
      el("h4", {}, `Par ${nom.charAt(0).toLowerCase()}${nom.slice(1)}`),
      barres(lignes.map((l) => ({ libelle: libelleTerritoire(f, niveau, l.territoire), ...valeurGraphique(l) })), { width, unite, titre: `${titre}, par ${nom.toLowerCase()}` }),
      tableau(lignes.map((l) => ligneTableau(f, l)), {
        legende: `${titre}, par ${nom.toLowerCase()}`,
        colonnes: [{ cle: "territoire", titre: nom }, { cle: "valeur", titre: "Valeur" }],
        colonnesCsv: COLONNES_CSV,
        nomFichier: `${nomFichier}-${niveau}`,
      }),
    );
  }
  return section;
}

function rang(ordre: string[], code: string): number {
  const i = ordre.indexOf(code);
  return i === -1 ? ordre.length : i;
}

/** Ordinal breakdowns in their own order, sex × age by sex then age, the others largest first. */
function ordonner(f: Fiche, lignes: Ligne[], ventilation: string): Ligne[] {
  if (ventilation === "sexe_tranche_age") {
    const sexes = Object.keys(f.modalites.sexe ?? {});
    const tranches = Object.keys(f.modalites.tranche_age ?? {});
    const cle = (l: Ligne) => {
      const [s = "", t = ""] = l.modalite.split("|");
      return rang(sexes, s) * 1000 + rang(tranches, t);
    };
    return [...lignes].sort((a, b) => cle(a) - cle(b));
  }
  if (ORDINALES.has(ventilation)) {
    const ordre = Object.keys(f.modalites[ventilation] ?? f.modalites.tranche_age ?? {});
    return [...lignes].sort((a, b) => rang(ordre, a.modalite) - rang(ordre, b.modalite) || a.modalite.localeCompare(b.modalite));
  }
  return [...lignes].sort((a, b) => (b.valeur ?? -1) - (a.valeur ?? -1));
}

function graphiqueVentilation(f: Fiche, lignes: Ligne[], ventilation: string, options: { width: number; unite: string; titre: string }): Element {
  if (ventilation === "sexe_tranche_age") {
    const tranches = [...new Set(lignes.map((l) => l.modalite.split("|")[1] ?? ""))];
    const sexes = [...new Set(lignes.map((l) => l.modalite.split("|")[0] ?? ""))];
    return barresEmpilees(
      lignes.map((l) => {
        const [s = "", t = ""] = l.modalite.split("|");
        return { groupe: libelleModalite(f.modalites, "tranche_age", t), serie: libelleModalite(f.modalites, "sexe", s), ...valeurGraphique(l) };
      }),
      { ...options, groupes: tranches.map((t) => libelleModalite(f.modalites, "tranche_age", t)), series: sexes.map((s) => libelleModalite(f.modalites, "sexe", s)) },
    );
  }
  return barres(
    lignes.map((l) => ({ libelle: libelleModalite(f.modalites, ventilation, l.modalite), ...valeurGraphique(l) })),
    { ...options, trier: !ORDINALES.has(ventilation) },
  );
}

// ——— Map ———

/** Indicators with yearly rows at a level the map can draw, and that level (the finest available). */
export function indicateursCartographiables(f: Fiche): { indicateur: string; niveau: string }[] {
  const resultat: { indicateur: string; niveau: string }[] = [];
  for (const id of [...new Set(f.annuel.map((l) => l.indicateur))].sort(ordreIndicateurs)) {
    const niveaux = new Set(f.annuel.filter((l) => l.indicateur === id && l.ventilation === "ensemble").map((l) => l.niveau));
    const niveau = ["epci", "territoire_mds", "territoire_lda"].find((n) => niveaux.has(n) && n in OBJETS_CARTE);
    if (niveau) resultat.push({ indicateur: id, niveau });
  }
  return resultat;
}

export function choixIndicateurCarte(f: Fiche): HTMLLabelElement & { value: string } {
  const options = indicateursCartographiables(f).map((c) => ({ valeur: c.indicateur, texte: `${libelleIndicateur(f, c.indicateur)} (${c.indicateur})` }));
  return choix("Indicateur cartographié", options, options[0]?.valeur, "indicateur-carte");
}

interface LigneCarte {
  territoire: string;
  indicateur: string;
  libelle: string;
  periode: string;
  niveau: string;
  valeur: number | string | null;
  unite: string;
}

export function carteFiche(f: Fiche, topo: Topology, indicateur: string, annee: string, width: number): HTMLElement {
  const choisi = indicateursCartographiables(f).find((c) => c.indicateur === indicateur);
  if (!choisi) return el("p", { class: "obs-note" }, "Pas de chiffre territorial pour cet indicateur.");
  const { niveau } = choisi;
  const unite = uniteIndicateur(f, indicateur);
  const valeurs = new Map<string, number | null>();
  const secrets = new Set<string>();
  for (const l of f.annuel) {
    if (l.indicateur !== indicateur || l.niveau !== niveau || l.ventilation !== "ensemble" || l.periode !== annee) continue;
    valeurs.set(l.territoire, l.secret ? null : l.valeur);
    if (l.secret) secrets.add(l.territoire);
  }
  const nomNiveau = libelleNiveau(niveau).toLowerCase();
  const titre = `${libelleIndicateur(f, indicateur)} par ${nomNiveau} — fiche ${f.fiche.numero}, ${libellePeriode(annee)}`;
  const territoires = f.territoires.filter((t) => t.niveau === niveau);
  const lignes: LigneCarte[] = territoires.map((t) => ({
    territoire: t.libelle,
    indicateur,
    libelle: libelleIndicateur(f, indicateur),
    periode: annee,
    niveau: libelleNiveau(niveau),
    valeur: secrets.has(t.code) ? MARQUE_SECRET : (valeurs.get(t.code) ?? MARQUE_NON_DISPONIBLE),
    unite,
  }));
  const colonnes: Colonne<LigneCarte>[] = [
    { cle: "territoire", titre: libelleNiveau(niveau) },
    { cle: "valeur", titre: `Valeur${unite ? ` (${unite})` : ""}` },
  ];
  return el(
    "div",
    { class: "obs-carte-bloc" },
    carteTerritoires(topo as never, valeurs, { width, niveau, titre, unite, secrets, libelles: new Map(territoires.map((t) => [t.code, t.libelle])) }),
    tableau(lignes, {
      legende: titre,
      colonnes,
      colonnesCsv: [...colonnes, { cle: "indicateur", titre: "Indicateur" }, { cle: "libelle", titre: "Libellé" }, { cle: "periode", titre: "Période" }, { cle: "niveau", titre: "Niveau territorial" }, { cle: "unite", titre: "Unité" }],
      nomFichier: `${f.fiche.fiche}-carte-${indicateur}-${annee.replace("/", "_")}`,
    }),
  );
}
