// Builds the territorial reference data (communes, EPCI, MDS and Logement d'abord territories)
// from @etalab/decoupage-administratif and the small hand-kept mappings in sources/reference/inputs/.
import { createRequire } from "node:module";
import { readCsv, writeCsv } from "./csv.ts";

const require = createRequire(import.meta.url);
const OUT = "sources/reference";
const IN = `${OUT}/inputs`;

interface PackageCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  population?: number;
  anciensCodes?: string[];
  chefLieu?: string;
}
interface PackageEpci {
  code: string;
  nom: string;
  membres: { code: string }[];
}

const communes = (require("@etalab/decoupage-administratif/data/communes.json") as PackageCommune[]).filter(
  (c) => c.departement === "62" && c.type === "commune-actuelle",
);
const epcis = (require("@etalab/decoupage-administratif/data/epci.json") as PackageEpci[]).filter((e) =>
  e.membres.some((m) => m.code.startsWith("62")),
);

const mdsOfEpci = new Map(readCsv(`${IN}/epci_territoire_mds.csv`).map((r) => [r.code_epci!, r.territoire_mds!]));
const mdsLabels = readCsv(`${IN}/territoires_mds.csv`);
const ldaTerritories = readCsv(`${IN}/territoires_lda.csv`);
const ldaComposition = readCsv(`${IN}/territoires_lda_composition.csv`);

const epciOfCommune = new Map<string, PackageEpci>();
for (const e of epcis) for (const m of e.membres) if (m.code.startsWith("62")) epciOfCommune.set(m.code, e);

function fail(message: string): never {
  throw new Error(`Référentiel territorial : ${message}`);
}

for (const e of epcis) if (!mdsOfEpci.has(e.code)) fail(`l'EPCI ${e.code} ${e.nom} n'a pas de territoire MDS dans inputs/epci_territoire_mds.csv`);
// A stale or mistyped code in a hand-kept input would silently drop communes from a territory: refuse it.
const epciCodes = new Set(epcis.map((e) => e.code));
const mdsCodes = new Set(mdsLabels.map((t) => t.code!));
for (const code of mdsOfEpci.keys()) if (!epciCodes.has(code)) fail(`inputs/epci_territoire_mds.csv cite l'EPCI ${code}, absent du Pas-de-Calais`);
for (const mds of mdsOfEpci.values()) if (!mdsCodes.has(mds)) fail(`inputs/epci_territoire_mds.csv cite le territoire MDS inconnu ${mds}`);
const ldaCodes = new Set(ldaTerritories.map((t) => t.code!));
for (const r of ldaComposition) {
  const known = r.niveau === "epci" ? epciCodes.has(r.code!) : r.niveau === "mds" && mdsCodes.has(r.code!);
  if (!known || !ldaCodes.has(r.territoire_lda!)) fail(`inputs/territoires_lda_composition.csv : ligne inconnue ${JSON.stringify(r)}`);
}

/** A commune belongs to an LDA territory when one of its "oui" rules matches and no "non" rule does. */
function ldaOf(codeEpci: string, mds: string): string {
  const matches = (r: Record<string, string>) => (r.niveau === "epci" ? r.code === codeEpci : r.code === mds);
  const hits = new Set(ldaComposition.filter((r) => r.inclus === "oui" && matches(r)).map((r) => r.territoire_lda!));
  for (const r of ldaComposition) if (r.inclus === "non" && matches(r)) hits.delete(r.territoire_lda!);
  if (hits.size > 1) fail(`EPCI ${codeEpci} dans plusieurs territoires Logement d'abord : ${[...hits].join(", ")}`);
  return [...hits][0] ?? "";
}

const amiOf = new Map(ldaTerritories.map((t) => [t.code!, t.ami!]));
const communeRows = communes
  .map((c) => {
    const epci = epciOfCommune.get(c.code) ?? fail(`commune ${c.code} ${c.nom} sans EPCI`);
    const mds = mdsOfEpci.get(epci.code)!;
    const lda = ldaOf(epci.code, mds);
    return {
      code_commune: c.code,
      nom_commune: c.nom,
      code_epci: epci.code,
      nom_epci: epci.nom,
      territoire_mds: mds,
      territoire_lda: lda,
      ami: lda ? amiOf.get(lda) : "",
      population: c.population ?? 0,
      anciens_codes: (c.anciensCodes ?? []).join("|"),
    };
  })
  .sort((a, b) => a.code_commune.localeCompare(b.code_commune));

const sum = (rows: { population: number }[]) => rows.reduce((s, r) => s + r.population, 0);

if (communeRows.length !== 887) fail(`887 communes attendues, ${communeRows.length} trouvées`);
if (epcis.length !== 20) fail(`20 EPCI attendus, ${epcis.length} trouvés`);
// Populations légales of the package vintage: about 1.46 million; far off means a wrong filter or a broken package.
const population = sum(communeRows);
if (population < 1_400_000 || population > 1_520_000) fail(`population du Pas-de-Calais invraisemblable : ${population}`);

writeCsv(`${OUT}/communes.csv`, Object.keys(communeRows[0]!), communeRows);
writeCsv(
  `${OUT}/epci.csv`,
  ["code_epci", "nom_epci", "territoire_mds", "population", "nb_communes"],
  epcis
    .map((e) => {
      const members = communeRows.filter((c) => c.code_epci === e.code);
      return { code_epci: e.code, nom_epci: e.nom, territoire_mds: mdsOfEpci.get(e.code), population: sum(members), nb_communes: members.length };
    })
    .sort((a, b) => a.code_epci.localeCompare(b.code_epci)),
);
writeCsv(
  `${OUT}/territoires_mds.csv`,
  ["code", "libelle", "population", "nb_communes"],
  mdsLabels.map((t) => {
    const members = communeRows.filter((c) => c.territoire_mds === t.code);
    if (members.length === 0) fail(`territoire MDS ${t.code} sans commune`);
    return { ...t, population: sum(members), nb_communes: members.length };
  }),
);
writeCsv(
  `${OUT}/territoires_lda.csv`,
  ["code", "libelle", "ami", "libelle_ami", "definition", "population", "nb_communes"],
  ldaTerritories.map((t) => {
    const members = communeRows.filter((c) => c.territoire_lda === t.code);
    if (members.length === 0) fail(`territoire Logement d'abord ${t.code} sans commune`);
    return { ...t, population: sum(members), nb_communes: members.length };
  }),
);
const amis = [...new Map(ldaTerritories.map((t) => [t.ami!, t.libelle_ami!])).entries()].map(([code, libelle]) => ({
  code,
  libelle,
  population: sum(communeRows.filter((c) => c.ami === code)),
}));
writeCsv(`${OUT}/amis.csv`, ["code", "libelle", "population"], amis);

console.log(
  `${communeRows.length} communes, ${epcis.length} EPCI, ${mdsLabels.length} territoires MDS, ${ldaTerritories.length} territoires Logement d'abord ; ` +
    `population ${population.toLocaleString("fr-FR")} habitants`,
);
