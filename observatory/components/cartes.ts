// The map explorer (observatory/cartes.md, observatory/jeunes/cartes.md): an indicator, a level (MDS or Logement
// d'abord territory, EPCI, commune) and, where the unit counts people or households, the choice between the raw count
// and the rate per 10 000 inhabitants — the default, since raw counts mostly map where people live. Each map has its
// legend, a tooltip per territory and the table of its values (with population, count and rate) downloadable in CSV.
// Every year's rows are in the page's data, rates included (computed in SQL: pipelines/site/cartes.ts); the pickers
// only choose among them (latest complete year first).
import type { Topology } from "topojson-specification";
import { anneeIncomplete, anneeParDefaut } from "./annees.js";
import { carteTerritoires } from "./carte.js";
import { MARQUE_NON_DISPONIBLE, MARQUE_SECRET } from "./marques.js";
import { choix, choixAvecRecherche } from "./controles.js";
import type { Colonne } from "./csv.js";
import { depuisColonnes } from "./donnees.js";
import { el } from "./dom.js";
import { nombre } from "./format.js";
import { tableau } from "./tableau.js";

// The loader's output (pipelines/site/cartes.ts builds it, typed by these two interfaces).
export interface IndicateurCarte {
  fiche: string;
  numero: string;
  indicateur: string;
  /** The fiche's title: the picker groups indicators by fiche. */
  titreFiche: string;
  libelle: string;
  unite: string;
  /** The unit counts people, households or their requests (ref.unites.par_habitant): the map offers the rate. */
  parHabitant: boolean;
  /** Each year with a territorial row, oldest first → the levels it has rows at (a level can start later). */
  niveaux: Record<string, string[]>;
}

export interface DonneesCartes {
  indicateurs: IndicateurCarte[];
  /** ISO date the data are cut at (main.execution): its year is incomplete unless it ends in December. */
  dateArrete: string | null;
  /** Column-wise rows: indicator index (into indicateurs), year, level, territory code, value, secret (0/1), rate per 10 000 inhabitants. */
  lignes: Record<string, unknown[]>;
  /** level → code → [name, population]. */
  territoires: Record<string, Record<string, [string, number]>>;
}

interface LigneCarte {
  i: number;
  annee: string;
  niveau: string;
  territoire: string;
  valeur: number | null;
  secret: number;
  /** Per 10 000 inhabitants; null where the value is masked or the unit is not rated per inhabitant. */
  taux: number | null;
}

export interface Cartes extends Omit<DonneesCartes, "lignes"> {
  lignes: LigneCarte[];
}

export const NIVEAUX_CARTES: Record<string, string> = {
  territoire_mds: "Territoire MDS",
  territoire_lda: "Territoire Logement d'abord",
  epci: "EPCI",
  commune: "Commune",
};

export const TAUX = "taux";
export const NOMBRE = "nombre";

export function preparerCartes(brut: DonneesCartes): Cartes {
  return { ...brut, lignes: depuisColonnes(brut.lignes) as unknown as LigneCarte[] };
}

/** The indicators grouped by fiche, labelled by the catalogue's short label, with a filter box (234 of them). */
export function choixIndicateur(d: Cartes, initial?: string): HTMLDivElement & { value: string } {
  const groupes = new Map<string, { libelle: string; options: { valeur: string; texte: string }[] }>();
  d.indicateurs.forEach((c, i) => {
    const groupe = groupes.get(c.fiche) ?? { libelle: `Fiche ${c.numero} — ${c.titreFiche}`, options: [] };
    groupe.options.push({ valeur: String(i), texte: c.libelle });
    groupes.set(c.fiche, groupe);
  });
  const depart = initial ? d.indicateurs.findIndex((c) => c.indicateur === initial) : 0;
  return choixAvecRecherche("Indicateur", [...groupes.values()], String(Math.max(0, depart)), "indicateur");
}

/** The years an indicator is mapped, oldest first. */
function anneesCarte(c: IndicateurCarte | undefined): string[] {
  return Object.keys(c?.niveaux ?? {}).sort();
}

/** The indicator's years, latest first; it opens on the latest complete year, and says so. */
export function choixAnneeCarte(d: Cartes, i: string): HTMLLabelElement & { value: string } {
  const annees = anneesCarte(d.indicateurs[Number(i)]);
  const defaut = anneeParDefaut(d.dateArrete, annees);
  const options = [...annees].reverse().map((a) => {
    const partielle = anneeIncomplete(d.dateArrete, a);
    return { valeur: a, texte: partielle ? `${a} (en cours, ${partielle.replace(`${a} `, "")})` : a === defaut ? `${a} (dernière année complète, par défaut)` : a };
  });
  return choix("Année", options, defaut, "annee");
}

export function choixNiveau(d: Cartes, i: string, annee: string, prefere?: string): HTMLLabelElement & { value: string } {
  const niveaux = d.indicateurs[Number(i)]?.niveaux[annee] ?? [];
  const options = niveaux.map((n) => ({ valeur: n, texte: NIVEAUX_CARTES[n] ?? n }));
  return choix("Découpage", options, prefere && niveaux.includes(prefere) ? prefere : niveaux.find((n) => n !== "commune") ?? niveaux[0], "niveau");
}

export function choixMode(d: Cartes, i: string): HTMLLabelElement & { value: string } {
  const c = d.indicateurs[Number(i)];
  const options = c?.parHabitant
    ? [
        { valeur: TAUX, texte: "Pour 10 000 habitants" },
        { valeur: NOMBRE, texte: `Nombre (${c.unite})` },
      ]
    : [{ valeur: NOMBRE, texte: c?.unite === "%" ? "Part (%), non rapportée à la population" : `Valeur (${c?.unite ?? ""}), non rapportée à la population` }];
  return choix("Représentation", options, options[0]!.valeur, "mode");
}

interface LigneTableau {
  territoire: string;
  code: string;
  valeur: number | string | null;
  population: number | null;
  taux: number | string | null;
  indicateur: string;
  libelle: string;
  periode: string;
  unite: string;
}

export function carteIndicateur(d: Cartes, topo: Topology, topoCommunes: Topology | null, i: string, annee: string, niveau: string, mode: string, width: number): HTMLElement {
  const c = d.indicateurs[Number(i)];
  if (!c) return el("p", { class: "obs-note" }, "Aucun indicateur publié par territoire.");
  if (!anneesCarte(c).includes(annee)) return el("p", { class: "obs-note" }, `Pas de chiffre territorial de cet indicateur en ${annee}.`);
  const carte = niveau === "commune" ? topoCommunes : topo;
  if (!carte) return el("p", { class: "obs-note" }, "Chargement de la carte des communes…");
  const taux = mode === TAUX && c.parHabitant;
  const noms = d.territoires[niveau] ?? {};
  const valeurs = new Map<string, number | null>();
  const secrets = new Set<string>();
  const complements = new Map<string, string>();
  const lignes: LigneTableau[] = [];
  const siennes = d.lignes.filter((l) => l.i === Number(i) && l.annee === annee && l.niveau === niveau);
  for (const l of siennes) {
    const population = noms[l.territoire]?.[1] ?? null;
    const secret = Boolean(l.secret);
    const t = secret ? null : l.taux;
    valeurs.set(l.territoire, secret ? null : taux ? t : l.valeur);
    if (secret) secrets.add(l.territoire);
    if (taux && !secret) complements.set(l.territoire, ` (${nombre(l.valeur, c.unite)} ${c.unite}, ${nombre(population)} habitants)`);
    const nom = noms[l.territoire]?.[0];
    if (!nom) throw new Error(`Carte ${c.fiche}/${c.indicateur} : territoire ${l.territoire} (${niveau}) sans nom dans data/cartes.json — ajoutez-le à sa table de référence (sources/reference/)`);
    lignes.push({ territoire: nom, code: l.territoire, valeur: secret ? MARQUE_SECRET : l.valeur, population, taux: c.parHabitant ? (secret ? MARQUE_SECRET : t) : null, indicateur: c.indicateur, libelle: c.libelle, periode: annee, unite: c.unite });
  }
  // Territories of a coarse level without a row are listed too (« nd »): the table says what the map hatches.
  if (niveau !== "commune") {
    for (const [code, [nom, population]] of Object.entries(noms)) {
      if (!siennes.some((l) => l.territoire === code)) lignes.push({ territoire: nom, code, valeur: MARQUE_NON_DISPONIBLE, population, taux: c.parHabitant ? MARQUE_NON_DISPONIBLE : null, indicateur: c.indicateur, libelle: c.libelle, periode: annee, unite: c.unite });
    }
  }
  lignes.sort((a, b) => a.territoire.localeCompare(b.territoire, "fr"));
  const unite = taux ? `${c.unite} pour 10 000 habitants` : c.unite;
  const nomNiveau = (NIVEAUX_CARTES[niveau] ?? niveau).toLowerCase();
  const titre = `${c.libelle}${taux ? ", pour 10 000 habitants" : ""}, par ${nomNiveau} — fiche ${c.numero}, ${anneeIncomplete(d.dateArrete, annee) ?? annee}`;
  const colonnes: Colonne<LigneTableau>[] = [
    { cle: "territoire", titre: NIVEAUX_CARTES[niveau] ?? niveau },
    { cle: "valeur", titre: `Nombre (${c.unite})` },
    ...(c.parHabitant
      ? [
          { cle: "population", titre: "Population de référence" } as Colonne<LigneTableau>,
          { cle: "taux", titre: "Pour 10 000 habitants" } as Colonne<LigneTableau>,
        ]
      : []),
  ];
  if (!c.parHabitant) colonnes[1] = { cle: "valeur", titre: `Valeur (${c.unite})` };
  return el(
    "div",
    { class: "obs-carte-bloc", "data-indicateur": c.indicateur, "data-annee": annee, "data-niveau": niveau, "data-mode": taux ? TAUX : NOMBRE },
    carteTerritoires(carte as never, valeurs, { width, niveau, titre, unite, secrets, complements, libelles: new Map(Object.entries(noms).map(([code, [nom]]) => [code, nom])) }),
    tableau(lignes, {
      legende: titre,
      colonnes,
      colonnesCsv: [...colonnes, { cle: "code", titre: "Code" }, { cle: "indicateur", titre: "Indicateur" }, { cle: "libelle", titre: "Libellé" }, { cle: "periode", titre: "Période" }, { cle: "unite", titre: "Unité" }],
      nomFichier: `carte-${c.fiche}-${c.indicateur}-${niveau}-${annee}`,
    }),
  );
}
