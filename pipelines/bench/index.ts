// `npm run bench`: every figure of the performance goals (pipelines/bench/objectifs.ts) measured on this machine, one
// part after the other (never two at once: each would slow the other), then printed side by side with its goal.
// Each part also runs alone: bench:ingestion, bench:xlsx, bench:echelle, bench:build, bench:parquet.
import { parseArgs } from "node:util";
import { mesurerConstruction } from "./build.ts";
import { benchIngestion } from "./ingest.ts";
import { imprimerObjectifs, type Objectif } from "./objectifs.ts";
import { benchParquet } from "./parquet.ts";
import { mesurerEchelles } from "./scale.ts";
import { benchXlsx } from "./xlsx.ts";

const PARTIES: { nom: string; mesurer: () => Promise<Objectif[]> }[] = [
  // Each part says how it goes, round by round: the table comes at the end, parts last minutes.
  { nom: "ingestion CSV, 1 000 000 lignes", mesurer: () => benchIngestion({ onProgress: (ligne) => console.log(ligne) }) },
  { nom: "classeurs XLSX", mesurer: () => benchXlsx({ bavard: true }) },
  // The site is measured by the build part, cold and warm, as `npm run build` runs it.
  { nom: "travail entier à 1×, 10×, 100×", mesurer: () => mesurerEchelles({ sansSite: true }) },
  { nom: "npm run build, à froid puis à chaud", mesurer: () => mesurerConstruction() },
  { nom: "modèles sur Parquet partitionné, 10×", mesurer: () => benchParquet() },
];

const { values } = parseArgs({ options: { parties: { type: "string" } } });
const choisies = values.parties ? values.parties.split(",").map(Number) : PARTIES.map((_, i) => i + 1);
const lignes: Objectif[] = [];
const debut = performance.now();
for (const i of choisies) {
  const partie = PARTIES[i - 1];
  if (!partie) throw new Error(`--parties : ${i} n'est pas une partie (1 à ${PARTIES.length})`);
  console.log(`\n=== ${i}/${PARTIES.length} ${partie.nom}`);
  lignes.push(...(await partie.mesurer()));
}
console.log(`\n=== Objectifs (issue 16), mesurés sur cette machine en ${((performance.now() - debut) / 60000).toFixed(1).replace(".", ",")} min`);
imprimerObjectifs(lignes);
const manques = lignes.filter((l) => l.atteint === false);
console.log(manques.length ? `${manques.length} objectif(s) non atteint(s).` : "Tous les objectifs sont atteints.");
