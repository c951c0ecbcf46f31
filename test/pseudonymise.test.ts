import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { col } from "../pipelines/contracts/columns.ts";
import { defineReport } from "../pipelines/contracts/report.ts";
import type { AnyReport } from "../pipelines/contracts/index.ts";
import { KEY_VARIABLE, personalColumns, pseudonym, pseudonymiser, resolvePseudonymKey } from "../pipelines/ingest/pseudonymise.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestDirectory } from "../pipelines/ingest/index.ts";
import { rowValidator } from "../pipelines/ingest/validate.ts";

// A report shaped like 2.11's émargement sheet, whose name and contact columns the spec marks PERSONAL.
const emargement = defineReport({
  table: "sens_emargements",
  titre: "Émargements",
  description: "test",
  fiches: ["f2_11_sensibilisation_pe"],
  producer: "operateur",
  key: ["id_participant"],
  columns: {
    id_participant: col.str({ req: "R", label: "Participant", example: "PA-1" }),
    nom: col.str({ req: "R", label: "Nom", example: "Dupont", personal: true }),
    coordonnees: col.str({ req: "O", label: "Coordonnées", example: "06…", personal: true }),
  },
}) as unknown as AnyReport;

const KEY = "une-cle-de-test-suffisamment-longue";

describe("pseudonymisation of personal columns", () => {
  it("replaces every personal value by a keyed hash, stable across spellings and files", () => {
    expect(personalColumns(emargement)).toEqual(["nom", "coordonnees"]);
    const protect = pseudonymiser(emargement, KEY);
    const a = protect({ code_operateur: "A", id_participant: "PA-1", nom: "Dupont Jean", coordonnees: "06 12 34 56 78" });
    const b = protect({ code_operateur: "A", id_participant: "PA-2", nom: "DUPONT  jean", coordonnees: null });
    expect(a.id_participant).toBe("PA-1");
    expect(a.nom).toMatch(/^ps_[0-9a-f]{24}$/);
    expect(a.nom).toBe(b.nom);
    expect(JSON.stringify(a)).not.toMatch(/Dupont|06 12/);
    expect(b.coordonnees).toBeNull();
    // Another key gives other pseudonyms: without the key they cannot be recomputed from a list of names.
    expect(pseudonym("une-autre-cle-tout-aussi-longue", "sens_emargements", "nom", "Dupont Jean")).not.toBe(a.nom);
  });

  it("keeps personal values out of the quarantine too", () => {
    const validator = rowValidator(emargement, "A");
    const result = validator.validate(2, { code_operateur: "B", id_participant: "PA-1", nom: "Dupont Jean" });
    expect("issues" in result && result.issues[0]).toMatchObject({ column: "code_operateur" });
    expect(JSON.stringify(result)).not.toContain("Dupont");
  });

  it("reads the key from the environment or the local key file, and says what to do when there is none", () => {
    expect(resolvePseudonymKey({ [KEY_VARIABLE]: KEY }, "/nonexistent")).toBe(KEY);
    const file = join(mkdtempSync(join(tmpdir(), "obs-cle-")), ".observatoire-key");
    writeFileSync(file, `${KEY}\n`);
    expect(resolvePseudonymKey({}, file)).toBe(KEY);
    expect(() => resolvePseudonymKey({}, "/nonexistent")).toThrow(new RegExp(`${KEY_VARIABLE}.*hors git`));
    expect(() => resolvePseudonymKey({ [KEY_VARIABLE]: "court" }, "/nonexistent")).toThrow(/trop courte/);
  });

  it("derives a missing participant identifier from the name and structure, before the duplicate check (spec 2.11)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-emargements-"));
    const header = "code_operateur;id_session;id_participant;nom_participant;structure;type_structure;fonction;categorie_professionnelle;present";
    writeFileSync(
      join(dir, "sens_emargements__OP__2026-10.csv"),
      [
        header,
        "OP;S1;;Martin Claire;CCAS de Calais;ccas;CESF;ccas;Oui",
        "OP;S1;;Durand Paul;CCAS de Calais;ccas;CESF;ccas;Oui",
        // The same person again, spelt otherwise: one participant, refused as a duplicate.
        "OP;S1;;MARTIN  claire;CCAS de Calais;ccas;CESF;ccas;Oui",
        "OP;S1;;Martin Claire;MDS Arras;departement_mds;CESF;travailleur_social_departement;Oui",
        "OP;S1;P-7;Martin Claire;CCAS de Calais;ccas;CESF;ccas;Oui",
      ].join("\n"),
    );
    const connection = await openDatabase(":memory:");
    const report = await ingestDirectory(connection, dir, { pseudonymKey: KEY });
    const rows = await query<{ _ligne: number; id_participant: string; nom_participant: string }>(
      connection,
      "SELECT _ligne, id_participant, nom_participant FROM raw.sens_emargements ORDER BY _ligne",
    );
    // Lines 2, 3, 5 (another structure, so another person) and 6 (its own identifier) load; line 4 repeats line 2.
    expect(rows.map((r) => r._ligne)).toEqual([2, 3, 5, 6]);
    expect(report.fichiers[0]!.rejetees).toBe(1);
    expect(rows[0]!.id_participant).toBe(pseudonym(KEY, "sens_emargements", "id_participant", "Martin Claire CCAS de Calais"));
    expect(new Set(rows.map((r) => r.id_participant)).size).toBe(4);
    expect(rows[3]!.id_participant).toBe("P-7");
    expect(JSON.stringify(rows)).not.toMatch(/Martin|Durand/);
    closeDatabase(connection);
  });
});
