// The demo files of every fiche, ingested as the build ingests them: every table loaded, nothing rejected but the
// injected defects, identifiers that point to existing records, conventions within the fiches' envelopes, and the
// announced rule breaches present in the data (and only them).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FICHES } from "../pipelines/contracts/dimensions.ts";
import { REPORTS, reportByTable } from "../pipelines/contracts/index.ts";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestDirectory, type IngestReport } from "../pipelines/ingest/index.ts";
import { DEMO_KEY } from "../pipelines/ingest/pseudonymise.ts";
import { loadReference } from "../pipelines/models/reference.ts";
import { readCsvBytes } from "../pipelines/read/csv.ts";
import { readXlsxBytes } from "../pipelines/read/xlsx.ts";
import { addDays, addMonths, moisMesureStarts } from "../pipelines/samples/dates.ts";
import { generateSamples, type SampleSummary } from "../pipelines/samples/generate.ts";
import { DATE_ARRETE } from "../pipelines/samples/operators.ts";

const SCALE = 0.3;
type Connection = Awaited<ReturnType<typeof openDatabase>>;

/** [child table, column, parent table, column, same operator]: the links the fiches' indicators follow. */
const REFERENCES: readonly (readonly [string, string, string, string, boolean])[] = [
  ["info_consultations", "id_lieu", "info_permanences", "id_lieu", true],
  ["nv_consultations", "id_permanence", "nv_permanences", "id_permanence", true],
  ["astre_mesures", "id_saisine", "astre_saisines", "id_saisine", true],
  ["astre_aides", "id_mesure", "astre_mesures", "id_mesure", true],
  ["astre_contacts", "id_mesure", "astre_mesures", "id_mesure", true],
  ["gep_participations", "id_rencontre", "gep_rencontres", "id_rencontre", true],
  ["em_contacts_bailleurs", "id_intervention", "em_interventions", "id_intervention", true],
  ["sens_emargements", "id_session", "sens_sessions", "id_session", true],
  ["sens_evaluations", "id_session", "sens_sessions", "id_session", true],
  ["pe_situation_energie", "id_menage", "pe_menages", "id_menage", true],
  ["pe_prestations", "id_menage", "pe_menages", "id_menage", true],
  ["pe_visites", "id_menage", "pe_menages", "id_menage", true],
  ["pe_orientations", "id_menage", "pe_menages", "id_menage", true],
  ["lda_rencontres_hebdo", "id_mesure", "lda_mesures", "id_mesure", true],
  ["lda_securisation", "id_mesure", "lda_mesures", "id_mesure", true],
  ["comptes_rendus_financiers", "id_convention", "conventions", "id_convention", true],
  ["versements", "id_convention", "conventions", "id_convention", false],
];

describe("demo files of every fiche, ingested", () => {
  let dir: string;
  let summary: SampleSummary;
  let report: IngestReport;
  let connection: Connection;
  /** Identifiers carried by the rows the defects spoiled: their dependants may point to a quarantined record. */
  const spoiled = new Set<string>();
  const ids = (regle: string) => new Set(summary.anomalies.filter((a) => a.regle === regle).map((a) => a.id));
  const rows = <T>(sql: string) => query<T>(connection, sql);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "obs-fiches-"));
    summary = await generateSamples(dir, { scale: SCALE });
    connection = await openDatabase(":memory:");
    await loadReference(connection, undefined, DATE_ARRETE);
    report = await ingestDirectory(connection, dir, { pseudonymKey: DEMO_KEY, dateReference: DATE_ARRETE });
    for (const d of summary.defects) {
      const bytes = readFileSync(join(dir, d.fichier));
      const columns = reportByTable(d.table)!.columnList;
      const headers = new Set(columns.flatMap((c) => [c.name, c.label]));
      const sheet = d.fichier.endsWith(".csv") ? readCsvBytes(bytes) : await readXlsxBytes(bytes, { isHeader: (cells) => cells.filter((c) => headers.has(c)).length >= 2 });
      const row = sheet.rows.find((r) => r.line === d.ligne)!;
      sheet.headers.forEach((h, i) => {
        const column = columns.find((c) => c.name === h || c.label === h);
        if (column?.name.startsWith("id_") && row.values[i] != null) spoiled.add(String(row.values[i]));
      });
    }
  });

  it("load rows into every report table, from files of the four formats", async () => {
    for (const r of REPORTS) {
      const [count] = await rows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM raw.${r.table}`);
      expect(count!.n, r.table).toBeGreaterThan(0);
    }
    expect(new Set(summary.files.map((f) => f.format))).toEqual(new Set(["csv-excel-fr", "csv-utf8", "xlsx-titre", "xlsx-libelles"]));
  });

  it("account for every row of every file: read = written = loaded + rejected", () => {
    expect(report.fichiers.map((f) => f.nom).sort()).toEqual(summary.files.map((f) => f.name).sort());
    for (const f of report.fichiers) {
      expect(f.lues, f.nom).toBe(f.chargees + f.rejetees);
      expect(f.lues, f.nom).toBe(summary.files.find((s) => s.name === f.nom)!.rows);
    }
  });

  it("reject only the injected defects, each at its file, line and column", async () => {
    const quarantined = await rows<{ nom_fichier: string; ligne: number; colonne: string }>("SELECT DISTINCT nom_fichier, ligne, colonne FROM raw.quarantaine");
    const key = (x: { nom_fichier?: string; fichier?: string; ligne: number; colonne: string }) => `${x.nom_fichier ?? x.fichier}:${x.ligne}:${x.colonne}`;
    expect(quarantined.map(key).sort()).toEqual(summary.defects.filter((d) => !d.ignoree).map(key).sort());
    // Bad values of non-blocking columns are reported apart, their rows loaded (columns.ts `blocking`).
    const ignored = await rows<{ nom_fichier: string; ligne: number; colonne: string }>("SELECT DISTINCT nom_fichier, ligne, colonne FROM raw.valeurs_ignorees");
    expect(ignored.map(key).sort()).toEqual(summary.defects.filter((d) => d.ignoree).map(key).sort());
  });

  it("inject at least one caught defect in the tables of each fiche", () => {
    for (const fiche of FICHES.filter((f) => !["f2_4_adsl", "f2_5_vial", "f2_6_envaul", "f2_7_lda_extension"].includes(f))) {
      const own = summary.defects.filter((d) => reportByTable(d.table)!.fiches.length === 1 && reportByTable(d.table)!.fiches[0] === fiche);
      expect(own.length, fiche).toBeGreaterThan(0);
    }
    for (const table of ["lda_rencontres_hebdo", "comptes_rendus_financiers"])
      expect(
        summary.defects.some((d) => d.table === table),
        table,
      ).toBe(true);
  });

  it("link every identifier to an existing record (or to a quarantined one)", async () => {
    for (const [child, column, parent, parentColumn, sameOperator] of REFERENCES) {
      const dangling = await rows<{ ref: string }>(
        `SELECT DISTINCT c.${column} AS ref FROM raw.${child} AS c
         WHERE c.${column} IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM raw.${parent} AS p WHERE p.${parentColumn} = c.${column}${sameOperator ? " AND p.code_operateur = c.code_operateur" : ""})`,
      );
      const tolerated = child === "info_consultations" ? ids("2.1 r03") : new Set<string>();
      const [count] = await rows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM raw.${child} WHERE ${column} IS NOT NULL`);
      expect(count!.n, `${child}.${column}`).toBeGreaterThan(0);
      if (child === "info_consultations") {
        const stray = await rows<{ id: string }>(
          `SELECT id_consultation AS id FROM raw.info_consultations WHERE id_lieu IN (${dangling.map((d) => `'${d.ref}'`).join(",") || "''"})`,
        );
        expect(new Set(stray.map((s) => s.id)), "2.1 r03").toEqual(tolerated);
        continue;
      }
      expect(
        dangling.map((d) => d.ref).filter((r) => !spoiled.has(r)),
        `${child}.${column} → ${parent}`,
      ).toEqual([]);
    }
  });

  it("give each operator a convention for each fiche it reports on, within the fiches' envelopes", async () => {
    expect((await rows<{ fiche: string }>("SELECT DISTINCT fiche FROM raw.conventions ORDER BY fiche")).map((r) => r.fiche).sort()).toEqual([...FICHES].sort());
    const missing = await rows<{ table_rapport: string; code_operateur: string }>(
      `SELECT DISTINCT table_rapport, code_operateur FROM (
         ${REPORTS.filter((r) => r.producer === "operateur" && r.fiches.length === 1)
           .map((r) => `SELECT '${r.table}' AS table_rapport, '${r.fiches[0]}' AS fiche, code_operateur FROM raw.${r.table}`)
           .join(" UNION ALL ")}) AS t
       WHERE NOT EXISTS (SELECT 1 FROM raw.conventions AS c WHERE c.fiche = t.fiche AND c.code_operateur = t.code_operateur)`,
    );
    expect(missing).toEqual([]);
    const totals = await rows<{ fiche: string; debut: string; total: number; maximum: number }>(
      "SELECT fiche, strftime(date_debut, '%Y-%m') AS debut, sum(montant_conventionne)::DOUBLE AS total, max(montant_conventionne)::DOUBLE AS maximum FROM raw.conventions GROUP BY ALL",
    );
    const of = (fiche: string) => totals.filter((t) => t.fiche === fiche);
    for (const t of of("f2_3_astre")) expect(t.total, `ASTRE ${t.debut}`).toBeLessThanOrEqual(53000);
    for (const t of of("f2_12_prevention_pe")) expect(t.total, `2.12 ${t.debut}`).toBeLessThanOrEqual(260000);
    for (const t of of("f2_8_gep")) expect(t.maximum, `GEP ${t.debut}`).toBeLessThanOrEqual(20000);
    for (const t of of("f2_9_observatoire_jeunes")) expect(t.maximum).toBeLessThanOrEqual(20000);
    expect(of("f2_1_information").map((t) => t.total)).toEqual([100000]);
    expect(of("f2_2_numero_vert").map((t) => t.total)).toEqual([18000, 18000]);
    expect(of("f2_13_gens_du_voyage").map((t) => t.total)).toEqual([37635]);
    const lots = await rows<{ lot: string; montant: number }>(
      "SELECT perimetre[1] AS lot, montant_conventionne::DOUBLE AS montant FROM raw.conventions WHERE fiche = 'f2_11_sensibilisation_pe' ORDER BY lot",
    );
    expect(lots).toEqual([
      { lot: "lot1", montant: 8000 },
      { lot: "lot2", montant: 12000 },
    ]);
    // Every convention started by the snapshot has had its advance or single payment.
    const unpaid = await rows<{ id: string }>(
      `SELECT id_convention AS id FROM raw.conventions AS c WHERE date_debut <= DATE '${addDays(DATE_ARRETE, -50)}'
       AND NOT EXISTS (SELECT 1 FROM raw.versements AS v WHERE v.id_convention = c.id_convention AND v.type IN ('avance', 'versement_unique'))`,
    );
    expect(unpaid).toEqual([]);
  });

  it("declare in the bilans quantitatifs the records' own totals, but for the call count announced", async () => {
    const declared = await rows<{ fiche: string; indicateur: string; valeur: number }>("SELECT fiche, indicateur, valeur::DOUBLE AS valeur FROM raw.bilans_quantitatifs");
    const count = async (sql: string) => (await rows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${sql}`))[0]!.n;
    const computed: Record<string, number> = {
      "f2_1_information/i01": await count("raw.info_consultations WHERE year(date_consultation) = 2026 AND mode_consultation IN ('rdv_bureau', 'accueil_sans_rdv', 'permanence')"),
      "f2_1_information/i02": await count("raw.info_consultations WHERE year(date_consultation) = 2026 AND mode_consultation = 'telephone'"),
      "f2_1_information/i03": await count("raw.info_permanences WHERE year(date) = 2026"),
      "f2_2_numero_vert/i01": await count("raw.nv_consultations WHERE year(date_consultation) = 2026"),
      "f2_2_numero_vert/i03": await count("raw.nv_permanences WHERE year(date) = 2026"),
    };
    expect(declared.map((d) => `${d.fiche}/${d.indicateur}`).sort()).toEqual(Object.keys(computed).sort());
    const off = declared.filter((d) => d.valeur !== computed[`${d.fiche}/${d.indicateur}`]).map((d) => `${d.fiche}/${d.indicateur}/2026`);
    // A record the quarantine kept out is still in the operator's own total.
    const spoiledFiles = new Set(summary.defects.map((d) => d.table));
    const announced = ids("déclaré ≠ calculé");
    for (const id of announced) expect(off).toContain(id);
    for (const id of off)
      expect(
        announced.has(id) ||
          ["info_consultations", "info_permanences", "nv_consultations", "nv_permanences"].some(
            (t) => spoiledFiles.has(t) && id.startsWith(t.startsWith("info") ? "f2_1" : "f2_2"),
          ),
        id,
      ).toBe(true);
  });

  it("keep the requested volumes: thousands of consultations at scale 1, scaled down here", () => {
    const total = (table: string) => summary.files.filter((f) => f.table === table).reduce((s, f) => s + f.rows, 0);
    expect(total("info_consultations")).toBe(Math.round(3000 * SCALE));
    expect(total("nv_consultations")).toBe(Math.round(2500 * SCALE));
    expect(summary.files.reduce((s, f) => s + f.rows, 0)).toBeLessThan(60000 * SCALE);
    expect(new Set(summary.files.filter((f) => f.table === "em_interventions").map((f) => f.operateur)).size).toBe(2);
  });

  it("show in the data exactly the rule breaches announced for the new fiches", async () => {
    const set = async (sql: string) => new Set((await rows<{ id: string }>(sql)).map((r) => r.id));
    // 2.8 r01: no group meeting in July or August, but the one announced.
    expect(await set("SELECT id_rencontre AS id FROM raw.gep_rencontres WHERE type_rencontre = 'groupe_echange' AND month(date) IN (7, 8)")).toEqual(ids("2.8 r01"));
    // 2.8 r04: 15 participants at most in person, but the one announced.
    expect(await set("SELECT id_rencontre AS id FROM raw.gep_rencontres WHERE modalite = 'presentiel' AND nb_participants > 15")).toEqual(ids("2.8 r04"));
    // 2.8 r10: the sign-in sheet adds up to the meeting's count, but for the one announced (and meetings a defect touched).
    const sums = await rows<{ id: string; declared: number; counted: number }>(
      `SELECT r.id_rencontre AS id, r.nb_participants AS declared, sum(coalesce(p.nb, 1))::INTEGER AS counted
       FROM raw.gep_rencontres AS r JOIN raw.gep_participations AS p USING (code_operateur, id_rencontre) GROUP BY ALL`,
    );
    const touched = new Set(summary.defects.filter((d) => d.table.startsWith("gep_")).map((d) => d.fichier));
    const off = sums.filter((s) => s.declared !== s.counted).map((s) => s.id);
    for (const id of ids("2.8 r10")) expect(off).toContain(id);
    expect(off.length).toBeLessThanOrEqual(ids("2.8 r10").size + touched.size);
    // 2.10 r04: eight weeks of support at most, but the ten weeks announced.
    expect(await set("SELECT id_intervention AS id FROM raw.em_interventions WHERE nb_semaines_accompagnement > 8")).toEqual(ids("2.10 r04"));
    // 2.11 r01 and 2.12 r10: sessions and actions funded from 8 and 6 participants.
    expect(await set("SELECT id_session AS id FROM raw.sens_sessions WHERE nb_participants_presents < 8")).toEqual(ids("2.11 r01"));
    expect(await set("SELECT id_action AS id FROM raw.pe_actions_innovantes WHERE nb_participants < 6")).toEqual(ids("2.12 r10"));
    // 2.11 r07: the present sign-ins of each session match its count.
    const sessions = await rows<{ id: string; presents: number; emarges: number }>(
      `SELECT s.id_session AS id, s.nb_participants_presents AS presents, count(*) FILTER (WHERE e.present)::INTEGER AS emarges
       FROM raw.sens_sessions AS s JOIN raw.sens_emargements AS e USING (code_operateur, id_session) GROUP BY ALL`,
    );
    const emargementDefects = summary.defects.filter((d) => d.table === "sens_emargements").length;
    expect(sessions.filter((s) => s.presents !== s.emarges).length).toBeLessThanOrEqual(emargementDefects);
    // 2.3 r12: owner-occupiers only, but the tenant announced; r08: diagnostics within their ceiling but the one announced.
    expect(await set("SELECT id_mesure AS id FROM raw.astre_mesures WHERE statut_occupation <> 'proprietaire_occupant'")).toEqual(ids("2.3 r12"));
    expect(await set("SELECT id_saisine AS id FROM raw.astre_saisines WHERE montant_diagnostic > CASE diagnostic_mandate WHEN 'simple' THEN 220 ELSE 440 END")).toEqual(
      ids("2.3 r08"),
    );
    // 2.9 r06: young people at most 25 at their first wave, but the one announced.
    expect(await set("SELECT id_jeune AS id FROM raw.obs_cohorte WHERE vague = 1 AND year(date_observation) - annee_naissance > 25")).toEqual(ids("2.9 r06"));
    // Logement d'abord r08: sécurisation within 5 000 €, but the one announced.
    expect(await set("SELECT id_mesure AS id FROM raw.lda_securisation WHERE montant_accorde > 5000")).toEqual(ids("r08"));
    // 2.3 r04: a home visit in every month of every ASTRE measure, but for the measure announced.
    const mesures = await rows<{ op: string; id: string; debut: string; fin: string | null }>(
      "SELECT code_operateur AS op, id_mesure AS id, date_debut::VARCHAR AS debut, date_fin::VARCHAR AS fin FROM raw.astre_mesures",
    );
    const visites = await rows<{ op: string; id: string; date: string }>(
      "SELECT code_operateur AS op, id_mesure AS id, date::VARCHAR AS date FROM raw.astre_contacts WHERE type_contact = 'visite'",
    );
    const withoutVisit = new Set<string>();
    for (const m of mesures) {
      const own = visites.filter((v) => v.op === m.op && v.id === m.id).map((v) => v.date);
      const last = m.fin ?? DATE_ARRETE;
      for (const start of moisMesureStarts(m.debut, last)) {
        const end = addDays(addMonths(start, 1), -1);
        if (!own.some((d) => d >= start && d <= (end < last ? end : last))) withoutVisit.add(m.id);
      }
    }
    const astreContactDefects = summary.defects.filter((d) => d.table === "astre_contacts" || d.table === "astre_mesures").length;
    for (const id of ids("2.3 r04")) expect(withoutVisit.has(id), id).toBe(true);
    expect(withoutVisit.size).toBeLessThanOrEqual(ids("2.3 r04").size + astreContactDefects);
  });
});
