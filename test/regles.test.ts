// The rule catalogue (sources/reference/regles.csv, issue 14 point 9) against what the alert models emit on the demo
// build: every alert's (fiche, rule) is catalogued with the severity it carries, every checked rule names a model
// that exists and declares that very code, and the catalogue's own checks refuse a broken row. Reads the database
// test/preparer.ts built (build/observatoire.duckdb).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { reglesErrors } from "../pipelines/contracts/regles.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { databaseOfBuild } from "./e2e/build-info.ts";

const CSV = "sources/reference/regles.csv";
const regles = parse(readFileSync(CSV, "utf8"), { columns: true }) as Record<string, string>[];

async function lire<T>(sql: string): Promise<T[]> {
  const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
  try {
    return await query<T>(connection, sql);
  } finally {
    closeDatabase(connection);
  }
}

describe("catalogue des règles", () => {
  it("est valide tel qu'il est versé", () => {
    expect(reglesErrors(CSV)).toEqual([]);
  });

  it("refuse une règle vérifiable sans modèle, une sévérité inconnue et un libellé trop long, en nommant ligne et colonne", () => {
    const dir = mkdtempSync(join(tmpdir(), "regles-"));
    const texte = readFileSync(CSV, "utf8").split("\n");
    // Line 2 of the file (f2_1 r01): model removed; line 3: severity misspelled; line 4: an 81-character label.
    texte[1] = texte[1]!.replace("sql/mart_f2_1_alertes.sql", "sql/mart_f2_1_alertes_absent.sql");
    texte[2] = texte[2]!.replace(",erreur,", ",grave,");
    texte[3] = texte[3]!.replace("Consultation sur place rattachée à une permanence", "x".repeat(81));
    writeFileSync(join(dir, "regles.csv"), texte.join("\n"));
    const erreurs = reglesErrors(join(dir, "regles.csv"));
    expect(erreurs).toEqual([
      expect.stringMatching(/^ligne 2 \(f2_1_information r01\), colonne modele : « sql\/mart_f2_1_alertes_absent\.sql » introuvable/),
      expect.stringMatching(/^ligne 3 \(f2_1_information r02\), colonne severite\/autres_severites : « grave »/),
      expect.stringMatching(/^ligne 4 \(f2_1_information r03\), colonne libelle : 81 caractères/),
    ]);
  });

  it("chaque règle vérifiable nomme un modèle qui existe et qui déclare ce code ; chaque code déclaré est au catalogue", () => {
    for (const r of regles.filter((x) => x.verifiable === "oui")) expect(existsSync(r.modele!), `${r.fiche} ${r.regle} → ${r.modele}`).toBe(true);
    // Each alert model's accepted_values(regle: …) data test lists the codes it emits: the same as the catalogue's rows
    // naming it (2.9 r07 and the LDA rules no model checks are verifiable = non, with their reason).
    const modeles = readdirSync("sql").filter((f) => /^mart_.*_alertes\.sql$/.test(f) && f !== "mart_alertes.sql");
    expect(modeles.length).toBe(11);
    for (const f of modeles) {
      const declare = /accepted_values\(regle:([^)]*)\)/.exec(readFileSync(join("sql", f), "utf8"))![1]!.split(",").map((c) => c.trim());
      const catalogue = [...new Set(regles.filter((r) => r.modele === `sql/${f}`).map((r) => r.regle))];
      expect(new Set(catalogue), f).toEqual(new Set(declare));
    }
  });

  it("chaque alerte de la démonstration a sa règle au catalogue, avec la sévérité émise", async () => {
    const emises = await lire<{ fiche: string; regle: string; severite: string; n: number }>(
      "SELECT fiche, regle, severite, CAST(count(*) AS INTEGER) AS n FROM mart_alertes GROUP BY ALL ORDER BY ALL",
    );
    // The demo build raises alerts under most rules (41 (fiche, rule, severity) triples at least).
    expect(emises.length).toBeGreaterThan(40);
    // Spread as int_regles does: a rule applies to its fiche, to the fiches of aussi_pour, and « toutes » to every fiche.
    const applicables = (fiche: string, regle: string) =>
      regles.filter((r) => r.regle === regle && (r.fiche === fiche || r.fiche === "toutes" || (r.aussi_pour ?? "").split(" ").includes(fiche)));
    const manquantes = emises.filter((e) => {
      const r = applicables(e.fiche, e.regle);
      return r.length !== 1 || ![r[0]!.severite, ...(r[0]!.autres_severites ?? "").split(" ")].includes(e.severite);
    });
    expect(manquantes).toEqual([]);
    // mart_alertes carries the label of that row.
    expect(await lire("SELECT fiche, regle FROM mart_alertes WHERE libelle_regle IS NULL OR signification_regle IS NULL")).toEqual([]);
  });

  it("chaque alerte porte la convention de son enregistrement : une convention nommée est la sienne, de la même fiche et du même opérateur", async () => {
    // An alert on a convention (2.1 r05, LDA r10…) carries that very convention.
    expect(await lire(
      `SELECT a.fiche, a.regle, a.id_enregistrement, a.id_convention FROM mart_alertes AS a
       JOIN staging_conventions AS c ON c.id_convention = a.id_enregistrement WHERE a.id_convention IS DISTINCT FROM c.id_convention`,
    )).toEqual([]);
    // A convention of another fiche or operator is never given.
    expect(await lire(
      `SELECT a.fiche, a.regle, a.id_enregistrement FROM mart_alertes AS a JOIN staging_conventions AS c USING (id_convention)
       WHERE c.fiche <> a.fiche OR c.code_operateur <> a.code_operateur`,
    )).toEqual([]);
    // NULL only for the kinds int_alertes_conventions names (records outside every convention or unknown, declared
    // bilans): on the demo build, these (fiche, rule) pairs.
    const sans = await lire<{ r: string }>("SELECT DISTINCT fiche || ' ' || regle AS r FROM mart_alertes WHERE id_convention IS NULL ORDER BY 1");
    expect(sans.map((x) => x.r)).toEqual([
      "f2_13_gens_du_voyage r06", "f2_1_information declare_ecart", "f2_1_information r02", "f2_2_numero_vert declare_ecart",
      "f2_3_astre r02", "f2_3_astre r04", "f2_3_astre r05", "f2_3_astre r06", "f2_3_astre r07", "f2_3_astre r08",
      "f2_4_adsl r05", "f2_8_gep r10", "f2_9_observatoire_jeunes r06", "inconnue r07",
    ]);
  });

  it("écrit chaque somme d'argent des alertes à la française, plafonds compris : 1 500,00 €", async () => {
    const details = await lire<{ fiche: string; regle: string; detail: string }>("SELECT fiche, regle, detail FROM mart_alertes WHERE detail LIKE '%€%'");
    // Several fiches' money rules fire on the demo build: the check below reads more than one wording.
    expect(new Set(details.map((d) => `${d.fiche} ${d.regle}`)).size).toBeGreaterThanOrEqual(5);
    // Once every amount spelt by montant_fr is taken out, no « € » is left: an integer cap (« 300 € ») or a DOUBLE
    // (« 1500.0 € ») would be.
    const malEcrits = details.filter((d) => d.detail.replace(/(?<![\d.,])-?\d{1,3}(?: \d{3})*,\d{2} €/g, "").includes("€"));
    expect(malEcrits).toEqual([]);
  });
});
