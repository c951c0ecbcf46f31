// The fiches beyond Logement d'abord measures, each generated from its own random stream so that changing
// one fiche's generator leaves the other files byte-identical.
import { Random } from "../random.ts";
import type { SampleReference } from "../reference.ts";
import type { FicheContext, FicheOutput } from "./common.ts";
import { information, OPERATEUR_INFO } from "./f2_1_information.ts";
import { numeroVert, OPERATEUR_NV } from "./f2_2_numero_vert.ts";
import { astre, OPERATEURS as ASTRE } from "./f2_3_astre.ts";
import { gep, OPERATEURS as GEP } from "./f2_8_gep.ts";
import { OPERATEUR_OBS, observatoireJeunes } from "./f2_9_observatoire_jeunes.ts";
import { equipesMobiles, OPERATEURS as EQUIPES_MOBILES } from "./f2_10_equipes_mobiles.ts";
import { OPERATEURS as SENSIBILISATION, sensibilisation } from "./f2_11_sensibilisation_pe.ts";
import { OPERATEURS as PREVENTION_PE, preventionPe } from "./f2_12_prevention_pe.ts";
import { gensDuVoyage, OPERATEUR_GDV } from "./f2_13_gens_du_voyage.ts";
import { loadPlaces } from "./places.ts";
import { bilansQuantitatifs } from "../../contracts/bilans_quantitatifs.ts";
import { declaredGrids } from "./bilans_quantitatifs.ts";

/** The operators of the fiches other than Logement d'abord, as the file names carry them. */
export const FICHE_OPERATORS: readonly string[] = [
  OPERATEUR_INFO,
  OPERATEUR_NV,
  ...[ASTRE, GEP, EQUIPES_MOBILES, SENSIBILISATION, PREVENTION_PE].flatMap((ops) => ops.map((o) => o.code)),
  OPERATEUR_OBS,
  OPERATEUR_GDV,
];

const GENERATORS: readonly (readonly [string, (ctx: FicheContext) => FicheOutput])[] = [
  ["f2_1", information],
  ["f2_2", numeroVert],
  ["f2_3", astre],
  ["f2_8", gep],
  ["f2_9", observatoireJeunes],
  ["f2_10", equipesMobiles],
  ["f2_11", sensibilisation],
  ["f2_12", preventionPe],
  ["f2_13", gensDuVoyage],
];

export function ficheSamples(seedOf: (name: string) => number, reference: SampleReference, scale: number): FicheOutput {
  const places = loadPlaces();
  const out: FicheOutput = { tables: [], conventions: [], anomalies: [] };
  for (const [name, generate] of GENERATORS) {
    const r = generate({ random: new Random(seedOf(`fiche:${name}`)), places, reference, scale });
    out.tables.push(...r.tables);
    out.conventions.push(...r.conventions);
    out.anomalies.push(...r.anomalies);
  }
  // The declared grids restate the records' totals: drawn once the records exist.
  const grids = declaredGrids(out.tables);
  for (const [operator, rows] of grids.rows) out.tables.push({ report: bilansQuantitatifs, operator, flavour: out.tables.find((t) => t.operator === operator)!.flavour, rows });
  out.anomalies.push(...grids.anomalies);
  return out;
}
