// A small stand-in for build/observatoire.duckdb, with the tables the site reads, so the site and its
// browser test can be developed while the SQL models are written. Deterministic: same file every run.
//   npx tsx test/e2e/stub-db.ts [path]     (default build/site-stub.duckdb)
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { indicatorCatalogue } from "../../pipelines/contracts/catalogue.ts";
import { closeDatabase, openDatabase } from "../../pipelines/db/duckdb.ts";
import { LEDGER_DDL } from "../../pipelines/db/ddl.ts";
import { readCsv } from "../../pipelines/reference/csv.ts";
import { applyStatisticalSecret, HIERARCHIES } from "../../pipelines/publish/secret.ts";
import { createMacros, runNamedModels } from "../../pipelines/models/run.ts";

export const STUB_DATABASE = resolve("build/site-stub.duckdb");

const AMI_TERRITOIRES: Record<string, string[]> = {
  ami1: ["lens_henin", "artois"],
  ami2: ["audomarois", "boulonnais", "montreuillois"],
};
const EXTENSION: Record<string, string[]> = { extension_2024: ["arrageois_ternois", "calaisis"] };
const FICHES: Record<string, Record<string, string[]>> = {
  f2_4_adsl: AMI_TERRITOIRES,
  f2_5_vial: AMI_TERRITOIRES,
  f2_6_envaul: AMI_TERRITOIRES,
  f2_7_lda_extension: EXTENSION,
};
const ANNEES = ["2025", "2026"];
const MOIS = ANNEES.flatMap((a) => Array.from({ length: 12 }, (_, i) => `${a}-${String(i + 1).padStart(2, "0")}`)).filter((m) => m <= "2026-09");

const TRANCHES = ["moins_18", "18_25", "26_35", "36_50", "51_65", "plus_65"];
const SEXES = ["F", "M", "non_renseigne"];
const LOGEMENTS = ["parc_social", "parc_prive", "sous_location_bail_glissant", "colocation", "logement_adapte", "autre"];
const CONTRATS = ["cdi", "cdd", "interim", "cddi", "contrat_aide", "alternance"];
const PARTENAIRES = ["sante", "sante_mentale", "addictologie", "bailleur_social", "bailleur_prive", "ccas", "departement_mds", "caf_cpam", "insertion_professionnelle", "aide_alimentaire_caritatif"];

interface Catalogue {
  indicateur: string;
  libelle: string;
  definition: string;
  unite: string;
  ventilations: string;
}

const CATALOGUE: Catalogue[] = [
  { indicateur: "i01", libelle: "Nombre de personnes accompagnées, avec âge et sexe", definition: "Personnes distinctes ayant une mesure active sur la période, par sexe et tranche d'âge à l'entrée.", unite: "personnes", ventilations: "sexe,tranche_age,sexe_tranche_age" },
  { indicateur: "i01_entrees", libelle: "Nouvelles entrées", definition: "Personnes distinctes dont la mesure a débuté sur la période.", unite: "personnes", ventilations: "" },
  { indicateur: "i02", libelle: "Nombre de personnes relogées", definition: "Personnes distinctes relogées sur la période, par type de logement.", unite: "personnes", ventilations: "type_logement_relogement" },
  { indicateur: "i03", libelle: "Nombre de sous-location mises en œuvre", definition: "Mesures dont la sous-location a débuté sur la période.", unite: "mesures", ventilations: "" },
  { indicateur: "i03_glissements", libelle: "Baux glissés", definition: "Mesures dont le bail a glissé sur la période.", unite: "mesures", ventilations: "" },
  { indicateur: "i04", libelle: "Nombre et catégories des partenaires mobilisés", definition: "Couples (mesure, catégorie de partenaire) sur les mesures actives de la période.", unite: "mobilisations", ventilations: "categorie_partenaire" },
  { indicateur: "i05", libelle: "Nombre d'actions collectives et nombre de personnes ayant participé à ces actions", definition: "Actions collectives datées de la période pour le dispositif.", unite: "actions", ventilations: "" },
  { indicateur: "i05_participants", libelle: "Personnes ayant participé", definition: "Personnes distinctes ayant participé à au moins une action collective.", unite: "personnes", ventilations: "" },
  { indicateur: "i05_participations", libelle: "Participations", definition: "Somme des participants par action.", unite: "participations", ventilations: "" },
  { indicateur: "i06", libelle: "Nombre de personnes entrées en formation", definition: "Personnes distinctes entrées en formation sur la période.", unite: "personnes", ventilations: "" },
  { indicateur: "i07", libelle: "Nombre de personnes ayant accédé à un emploi (en précisant pour l'emploi le nombre de CDI, CDD, contrat intérim, CDDI, ...)", definition: "Personnes distinctes ayant accédé à un emploi sur la période, par type de contrat.", unite: "personnes", ventilations: "type_contrat_emploi" },
  { indicateur: "i08", libelle: "Nombre de suivis en santé (hors santé mentale) mis en place", definition: "Somme des suivis en santé des mesures actives sur la période.", unite: "suivis", ventilations: "" },
  { indicateur: "i08_mesures", libelle: "Mesures avec au moins un suivi en santé", definition: "Mesures actives ayant au moins un suivi en santé.", unite: "mesures", ventilations: "" },
  { indicateur: "i09", libelle: "Nombre de suivi en santé mentale mis en place", definition: "Somme des suivis en santé mentale des mesures actives sur la période.", unite: "suivis", ventilations: "" },
  { indicateur: "i10", libelle: "Nombre de personnes ayant atteint leurs objectifs en matière de gestion budgétaire", definition: "Personnes distinctes dont l'objectif budgétaire est atteint, évalué sur la période.", unite: "personnes", ventilations: "" },
  { indicateur: "i10_partiel", libelle: "Objectifs budgétaires partiellement atteints", definition: "Personnes distinctes dont l'objectif budgétaire est partiellement atteint.", unite: "personnes", ventilations: "" },
  { indicateur: "x01", libelle: "Mois-mesures", definition: "Mois d'accompagnement comptés du début à la fin de chaque mesure, par mois.", unite: "mois-mesures", ventilations: "" },
];
const ENVAUL_EXTRA: Catalogue = { indicateur: "i11", libelle: "Nombre de personnes ayant atteint leurs objectifs en matière d'entretien du logement.", definition: "Personnes distinctes dont l'objectif d'entretien du logement est atteint, évalué sur la période.", unite: "personnes", ventilations: "" };

/** mulberry32: a tiny seeded generator, so the stub is identical on every machine. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits total into parts proportional to random weights (integers, summing to total). */
function split(total: number, codes: string[], random: () => number): Map<string, number> {
  const weights = codes.map(() => 0.2 + random());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i]! += 1;
  return new Map(codes.map((c, i) => [c, parts[i]!]));
}

type Row = [fiche: string, indicateur: string, periode: string, type_periode: string, territoire: string, niveau: string, ventilation: string, modalite: string, valeur: number, unite: string];

export function stubRows(): Row[] {
  const random = seeded(62);
  const leaf: Row[] = [];
  for (const [fiche, groups] of Object.entries(FICHES)) {
    const catalogue = fiche === "f2_6_envaul" ? [...CATALOGUE, ENVAUL_EXTRA] : CATALOGUE;
    const unite = new Map(catalogue.map((c) => [c.indicateur, c.unite]));
    for (const territoire of Object.values(groups).flat()) {
      const size = Math.round(20 + random() * 60);
      for (const annee of ANNEES) {
        const n = annee === "2026" ? Math.round(size * 0.8) : size;
        const push = (indicateur: string, valeur: number, ventilation = "ensemble", modalite = "ensemble") =>
          leaf.push([fiche, indicateur, annee, "annee", territoire, "territoire_lda", ventilation, modalite, valeur, unite.get(indicateur)!]);
        const tranches = fiche === "f2_6_envaul" ? ["moins_18", "18_25"] : TRANCHES;
        const bySexeTranche = split(n, SEXES.flatMap((s) => tranches.map((t) => `${s}|${t}`)), random);
        push("i01", n);
        for (const [m, v] of bySexeTranche) push("i01", v, "sexe_tranche_age", m);
        for (const s of SEXES) push("i01", sum(bySexeTranche, (m) => m.startsWith(`${s}|`)), "sexe", s);
        for (const t of tranches) push("i01", sum(bySexeTranche, (m) => m.endsWith(`|${t}`)), "tranche_age", t);
        push("i01_entrees", Math.round(n * (0.3 + random() * 0.3)));
        const reloges = Math.round(n * (0.2 + random() * 0.3));
        push("i02", reloges);
        for (const [m, v] of split(reloges, LOGEMENTS, random)) push("i02", v, "type_logement_relogement", m);
        const sousLocations = Math.round(n * 0.15 * random());
        push("i03", sousLocations);
        push("i03_glissements", Math.round(sousLocations * random()));
        const mobilisations = Math.round(n * (1 + random() * 2));
        push("i04", mobilisations);
        for (const [m, v] of split(mobilisations, PARTENAIRES, random)) push("i04", v, "categorie_partenaire", m);
        const actions = Math.round(2 + random() * 8);
        push("i05", actions);
        const participants = Math.round(n * (0.2 + random() * 0.4));
        push("i05_participants", participants);
        push("i05_participations", participants + Math.round(actions * random() * 3));
        push("i06", Math.round(n * 0.15 * random()));
        const emplois = Math.round(n * 0.2 * random());
        push("i07", emplois);
        for (const [m, v] of split(emplois, CONTRATS, random)) push("i07", v, "type_contrat_emploi", m);
        push("i08", Math.round(n * (0.3 + random())));
        push("i08_mesures", Math.round(n * (0.2 + random() * 0.4)));
        push("i09", Math.round(n * (0.1 + random() * 0.6)));
        push("i10", Math.round(n * 0.3 * random()));
        push("i10_partiel", Math.round(n * 0.2 * random()));
        if (fiche === "f2_6_envaul") push("i11", Math.round(n * 0.3 * random()));
      }
      for (const mois of MOIS) {
        leaf.push([fiche, "x01", mois, "mois", territoire, "territoire_lda", "ensemble", "ensemble", Math.round(size * (0.5 + random() * 0.4)), "mois-mesures"]);
      }
    }
  }
  // 2.7 is published by dispositif (ADSL / VIAL) beside its totals.
  const withDispositif: Row[] = [];
  for (const r of leaf) {
    withDispositif.push(r);
    if (r[0] === "f2_7_lda_extension" && r[6] === "ensemble") {
      const adsl = Math.round(r[8] * 0.6);
      withDispositif.push([...r.slice(0, 6), "dispositif", "adsl", adsl, r[9]] as Row, [...r.slice(0, 6), "dispositif", "vial", r[8] - adsl, r[9]] as Row);
    }
  }
  // AMI and département levels are sums of the territories (true of these counts in the stub).
  const totals = new Map<string, Row>();
  for (const r of withDispositif) {
    const groups = FICHES[r[0]]!;
    const ami = Object.entries(groups).find(([, ts]) => ts.includes(r[4]))![0];
    for (const [territoire, niveau] of [[ami, "ami"], ["62", "departement"]] as const) {
      const key = [r[0], r[1], r[2], territoire, r[6], r[7]].join("§");
      const total = totals.get(key);
      if (total) total[8] += r[8];
      else totals.set(key, [r[0], r[1], r[2], r[3], territoire, niveau, r[6], r[7], r[8], r[9]]);
    }
  }
  return [...withDispositif, ...totals.values()];
}

function sum(parts: Map<string, number>, keep: (code: string) => boolean): number {
  let total = 0;
  for (const [code, v] of parts) if (keep(code)) total += v;
  return total;
}

const literal = (v: unknown) => (typeof v === "number" ? String(v) : v === null ? "NULL" : `'${String(v).replace(/'/g, "''")}'`);

export async function createStubDatabase(path = STUB_DATABASE, options: { donneesFictives?: boolean } = {}): Promise<string> {
  for (const f of [path, `${path}.wal`]) if (existsSync(f)) rmSync(f);
  const connection = await openDatabase(path);
  await connection.run(`
    CREATE SCHEMA ref;
    -- The run's reference date, which the balance macros read (sql/macros/periodes_conventions.sql).
    CREATE TABLE ref.date_reference AS SELECT DATE '2026-09-30' AS date_reference;
    CREATE TABLE mart_indicateurs (fiche VARCHAR, indicateur VARCHAR, periode VARCHAR, type_periode VARCHAR, territoire VARCHAR,
      niveau_territoire VARCHAR, ventilation VARCHAR, modalite VARCHAR, valeur DOUBLE, unite VARCHAR);
    CREATE TABLE ref.indicateurs (fiche VARCHAR, indicateur VARCHAR, libelle VARCHAR, definition VARCHAR, unite VARCHAR,
      ventilations VARCHAR, tables_source VARCHAR, libelle_court VARCHAR, chiffre_cle INTEGER);
    CREATE TABLE ref.territoires_lda (code VARCHAR, libelle VARCHAR, ami VARCHAR, libelle_ami VARCHAR, definition VARCHAR,
      population INTEGER, nb_communes INTEGER);
    CREATE TABLE ref.amis (code VARCHAR, libelle VARCHAR, population INTEGER);
    CREATE TABLE main.execution AS
      SELECT ${options.donneesFictives ?? true} AS donnees_fictives, TIMESTAMP '2026-10-05 08:30:00' AS genere_le, '2026-09' AS date_arrete;`);
  const rows = stubRows();
  for (let i = 0; i < rows.length; i += 2000) {
    const values = rows.slice(i, i + 2000).map((r) => `(${r.map(literal).join(",")})`);
    await connection.run(`INSERT INTO mart_indicateurs VALUES ${values.join(",")}`);
  }
  const catalogue = Object.keys(FICHES).flatMap((fiche) =>
    (fiche === "f2_6_envaul" ? [...CATALOGUE, ENVAUL_EXTRA] : CATALOGUE).map((c) => {
      // Short labels and key figures as the real catalogue has them: the pages read nothing else for cards.
      const reel = indicatorCatalogue().find((e) => e.fiche === fiche && e.indicateur === c.indicateur)!;
      return [fiche, c.indicateur, c.libelle, c.definition, c.unite, c.ventilations, "lda_mesures", reel.libelle_court, reel.chiffre_cle];
    }),
  );
  await connection.run(`INSERT INTO ref.indicateurs VALUES ${catalogue.map((r) => `(${r.map(literal).join(",")})`).join(",")}`);
  const territoires = readCsv("sources/reference/territoires_lda.csv").map((t) => [t.code, t.libelle, t.ami, t.libelle_ami, t.definition, Number(t.population), Number(t.nb_communes)]);
  await connection.run(`INSERT INTO ref.territoires_lda VALUES ${territoires.map((r) => `(${r.map(literal).join(",")})`).join(",")}`);
  const amis = readCsv("sources/reference/amis.csv").map((a) => [a.code, a.libelle, Number(a.population)]);
  await connection.run(`INSERT INTO ref.amis VALUES ${amis.map((r) => `(${r.map(literal).join(",")})`).join(",")}`);
  // The public site reads only the table under statistical secret, as the pipeline builds it (pipelines/publish/secret.ts).
  await connection.run(`
    CREATE TABLE ref.unites AS SELECT * FROM read_csv('sources/reference/unites.csv', header = true, all_varchar = true);
    CREATE TABLE ref.secret_statistique AS SELECT parametre, CAST(valeur AS INTEGER) AS valeur FROM read_csv('sources/reference/secret_statistique.csv', header = true, all_varchar = true);`);
  // The four Logement d'abord fiches together, by the project's own models and macros (the ledger, empty here, is
  // what the file-ordering macro reads).
  await connection.run(LEDGER_DDL);
  await createMacros(connection);
  // The secret's relations and the sums across fiches: the catalogue's structural columns, as committed, and the
  // hierarchies (and populations) from the committed communes and lots.
  await connection.run(`
    ALTER TABLE ref.indicateurs ADD COLUMN agregation VARCHAR; ALTER TABLE ref.indicateurs ADD COLUMN numerateur VARCHAR;
    ALTER TABLE ref.indicateurs ADD COLUMN denominateur VARCHAR; ALTER TABLE ref.indicateurs ADD COLUMN additif_modalites VARCHAR;
    ALTER TABLE ref.indicateurs ADD COLUMN additif_territoires VARCHAR; ALTER TABLE ref.indicateurs ADD COLUMN lie_mois VARCHAR; ALTER TABLE ref.indicateurs ADD COLUMN somme_mois VARCHAR;
    UPDATE ref.indicateurs AS i SET agregation = c.agregation, numerateur = c.numerateur, denominateur = c.denominateur,
      additif_modalites = c.additif_modalites, additif_territoires = c.additif_territoires, lie_mois = c.lie_mois, somme_mois = c.somme_mois
    FROM read_csv('sources/reference/indicateurs.csv', header = true, all_varchar = true) AS c
    WHERE c.fiche = i.fiche AND c.indicateur = i.indicateur;
    CREATE TABLE ref.communes AS SELECT * REPLACE (CAST(population AS BIGINT) AS population) FROM read_csv('sources/reference/communes.csv', header = true, all_varchar = true);
    CREATE TABLE ref.lots AS SELECT * FROM read_csv('sources/reference/lots.csv', header = true, all_varchar = true);`);
  // The populations the maps' and territory sheets' rates divide by (sql/macros/taux_publies.sql).
  await runNamedModels(connection, ["int_indicateurs_additifs", "mart_lda_ensemble", "mart_populations", ...HIERARCHIES]);
  await applyStatisticalSecret(connection);
  await connection.run("CHECKPOINT");
  closeDatabase(connection);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const path = resolve(process.argv[2] ?? STUB_DATABASE);
  if (path === resolve("build/observatoire.duckdb")) throw new Error("Refus d'écraser la base du pipeline : choisissez un autre chemin.");
  await createStubDatabase(path);
  process.stderr.write(`Base de démonstration du site : ${path}\n`);
}
