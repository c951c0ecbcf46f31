// What the generator takes from the committed reference data: communes of each Logement d'abord
// territory (weighted by population), the AMI of each territory, and fiche parameters.
import { fileURLToPath } from "node:url";
import { readCsv } from "../reference/csv.ts";
import { compare } from "./dates.ts";

const REFERENCE = (file: string) => fileURLToPath(new URL(`../../sources/reference/${file}`, import.meta.url));

export interface Commune {
  code: string;
  nom: string;
  population: number;
}

export interface SampleReference {
  communes: Map<string, Commune[]>;
  ami: Map<string, string>;
  parametre(fiche: string, parametre: string): number;
  modeVersement(fiche: string): string;
}

export function loadSampleReference(): SampleReference {
  const communes = new Map<string, Commune[]>();
  for (const r of readCsv(REFERENCE("communes.csv"))) {
    if (!r.territoire_lda) continue;
    const list = communes.get(r.territoire_lda) ?? [];
    list.push({ code: r.code_commune!, nom: r.nom_commune!, population: Number(r.population) });
    communes.set(r.territoire_lda, list);
  }
  const ami = new Map(readCsv(REFERENCE("territoires_lda.csv")).map((r) => [r.code!, r.ami!]));
  const parametres = readCsv(REFERENCE("ref_parametres.csv"));
  const modes = new Map(readCsv(REFERENCE("fiches.csv")).map((r) => [r.fiche!, r.mode_versement!]));
  return {
    communes,
    ami,
    parametre(fiche, parametre) {
      // The latest exercice carries the values the sample conventions are sized with.
      const rows = parametres.filter((p) => p.fiche === fiche && p.parametre === parametre).sort((a, b) => compare(b.exercice!, a.exercice!));
      if (!rows[0]) throw new Error(`paramètre ${parametre} absent de ref_parametres.csv pour ${fiche}`);
      return Number(rows[0].valeur);
    },
    modeVersement(fiche) {
      const mode = modes.get(fiche);
      if (!mode) throw new Error(`fiche ${fiche} absente de fiches.csv`);
      return mode;
    },
  };
}
