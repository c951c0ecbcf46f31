// The map explorer (observatory/cartes.md, observatory/jeunes/cartes.md): an indicator, a level (MDS or Logement
// d'abord territory, EPCI, commune) and, where the unit counts people or households, the choice between the raw count
// and the rate per 10 000 inhabitants — the default, since raw counts mostly map where people live. Each map has its
// legend, a tooltip per territory and the table of its values (with population, count and rate) downloadable in CSV.
import { MARQUE_SECRET } from "./marques.js";
import type { Topology } from "topojson-specification";
import { carteTerritoires } from "./carte.js";
import { choix } from "./controles.js";
import type { Colonne } from "./csv.js";
import { depuisColonnes } from "./donnees.js";
import { el } from "./dom.js";
import { nombre } from "./format.js";
import { parHabitant, pour10000 } from "./population.js";
import { tableau } from "./tableau.js";

export interface IndicateurCarte {
  fiche: string;
  numero: string;
  indicateur: string;
  libelle: string;
  unite: string;
  annee: string;
  niveaux: string[];
}

export interface DonneesCartes {
  indicateurs: IndicateurCarte[];
  lignes: Record<string, unknown[]>;
  territoires: Record<string, Record<string, [string, number]>>;
}

interface LigneCarte {
  i: number;
  niveau: string;
  territoire: string;
  valeur: number | null;
  secret: number;
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

export function choixIndicateur(d: Cartes, initial?: string): HTMLLabelElement & { value: string } {
  const options = d.indicateurs.map((c, i) => ({ valeur: String(i), texte: `${c.numero} — ${c.libelle} (${c.indicateur}, ${c.annee})` }));
  const depart = initial ? d.indicateurs.findIndex((c) => c.indicateur === initial) : 0;
  return choix("Indicateur", options, String(Math.max(0, depart)), "indicateur");
}

export function choixNiveau(d: Cartes, i: string, prefere?: string): HTMLLabelElement & { value: string } {
  const niveaux = d.indicateurs[Number(i)]?.niveaux ?? [];
  const options = niveaux.map((n) => ({ valeur: n, texte: NIVEAUX_CARTES[n] ?? n }));
  return choix("Découpage", options, prefere && niveaux.includes(prefere) ? prefere : niveaux.find((n) => n !== "commune") ?? niveaux[0], "niveau");
}

export function choixMode(d: Cartes, i: string): HTMLLabelElement & { value: string } {
  const c = d.indicateurs[Number(i)];
  const options = c && parHabitant(c.unite)
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

export function carteIndicateur(d: Cartes, topo: Topology, topoCommunes: Topology | null, i: string, niveau: string, mode: string, width: number): HTMLElement {
  const c = d.indicateurs[Number(i)];
  if (!c) return el("p", { class: "obs-note" }, "Aucun indicateur publié par territoire.");
  const carte = niveau === "commune" ? topoCommunes : topo;
  if (!carte) return el("p", { class: "obs-note" }, "Chargement de la carte des communes…");
  const taux = mode === TAUX && parHabitant(c.unite);
  const noms = d.territoires[niveau] ?? {};
  const valeurs = new Map<string, number | null>();
  const secrets = new Set<string>();
  const complements = new Map<string, string>();
  const lignes: LigneTableau[] = [];
  const siennes = d.lignes.filter((l) => l.i === Number(i) && l.niveau === niveau);
  for (const l of siennes) {
    const population = noms[l.territoire]?.[1] ?? null;
    const secret = Boolean(l.secret);
    const t = secret ? null : pour10000(l.valeur, population);
    valeurs.set(l.territoire, secret ? null : taux ? t : l.valeur);
    if (secret) secrets.add(l.territoire);
    if (taux && !secret) complements.set(l.territoire, ` (${nombre(l.valeur)} ${c.unite}, ${nombre(population)} habitants)`);
    lignes.push({ territoire: noms[l.territoire]?.[0] ?? l.territoire, code: l.territoire, valeur: secret ? MARQUE_SECRET : l.valeur, population, taux: parHabitant(c.unite) ? (secret ? MARQUE_SECRET : t) : null, indicateur: c.indicateur, libelle: c.libelle, periode: c.annee, unite: c.unite });
  }
  // Territories of a coarse level without a row are listed too (« nd »): the table says what the map leaves white.
  if (niveau !== "commune") {
    for (const [code, [nom, population]] of Object.entries(noms)) {
      if (!siennes.some((l) => l.territoire === code)) lignes.push({ territoire: nom, code, valeur: null, population, taux: null, indicateur: c.indicateur, libelle: c.libelle, periode: c.annee, unite: c.unite });
    }
  }
  lignes.sort((a, b) => a.territoire.localeCompare(b.territoire, "fr"));
  const unite = taux ? `${c.unite} pour 10 000 habitants` : c.unite;
  const nomNiveau = (NIVEAUX_CARTES[niveau] ?? niveau).toLowerCase();
  const titre = `${c.libelle}${taux ? ", pour 10 000 habitants" : ""}, par ${nomNiveau} — fiche ${c.numero}, ${c.annee}`;
  const colonnes: Colonne<LigneTableau>[] = [
    { cle: "territoire", titre: NIVEAUX_CARTES[niveau] ?? niveau },
    { cle: "valeur", titre: `Nombre (${c.unite})` },
    ...(parHabitant(c.unite)
      ? [
          { cle: "population", titre: "Population de référence" } as Colonne<LigneTableau>,
          { cle: "taux", titre: "Pour 10 000 habitants" } as Colonne<LigneTableau>,
        ]
      : []),
  ];
  if (!parHabitant(c.unite)) colonnes[1] = { cle: "valeur", titre: `Valeur (${c.unite})` };
  return el(
    "div",
    { class: "obs-carte-bloc", "data-indicateur": c.indicateur, "data-niveau": niveau, "data-mode": taux ? TAUX : NOMBRE },
    carteTerritoires(carte as never, valeurs, { width, niveau, titre, unite, secrets, complements, libelles: new Map(Object.entries(noms).map(([code, [nom]]) => [code, nom])) }),
    tableau(lignes, {
      legende: titre,
      colonnes,
      colonnesCsv: [...colonnes, { cle: "code", titre: "Code" }, { cle: "indicateur", titre: "Indicateur" }, { cle: "libelle", titre: "Libellé" }, { cle: "periode", titre: "Période" }, { cle: "unite", titre: "Unité" }],
      nomFichier: `carte-${c.fiche}-${c.indicateur}-${niveau}-${c.annee}`,
    }),
  );
}
