import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { col } from "../pipelines/contracts/columns.ts";
import { defineReport } from "../pipelines/contracts/report.ts";
import type { AnyReport } from "../pipelines/contracts/index.ts";
import { KEY_VARIABLE, personalColumns, pseudonym, pseudonymiser, resolvePseudonymKey } from "../pipelines/ingest/pseudonymise.ts";
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
});
