// What stops `npm run pipeline` before anything is loaded, run as the operator runs it (a subprocess): files with
// personal columns and no pseudonymisation key (issue 14 point 4), an invalid OBS_DATE_REFERENCE (point 5). Each exits
// non-zero with the message saying what to do, and installs nothing in the build folder.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { espacePannes, tsx } from "./helpers/pannes.ts";

const { root, inbox, build, database, env } = espacePannes();
const { OBS_CLE_PSEUDONYMISATION: _key, ...sansCle } = env;

afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(extra: Record<string, string | undefined>) {
  return spawnSync(tsx, ["pipelines/run.ts"], { env: { ...sansCle, ...extra }, encoding: "utf8", timeout: 120_000 });
}

describe("runs stopped before loading anything", () => {
  mkdirSync(inbox, { recursive: true });
  // An attendance sheet (names of participants: personal columns) beside an ordinary measures file.
  writeFileSync(
    join(inbox, "sens_emargements__ASSO-1__2026-10.csv"),
    "code_operateur;id_session;nom_participant;structure;type_structure;present\nASSO-1;S1;Martin Claire;CCAS de Calais;ccas;oui\n",
  );
  writeFileSync(join(inbox, "conventions__CD62__2026.csv"), "id_convention;code_operateur\n");

  it("without a pseudonymisation key: exit ≠ 0, the message names the variable, the key file and the file, nothing installed", () => {
    expect(existsSync(".observatoire-key"), "a key file at the root would hide the stop").toBe(false);
    const r = run({});
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Échec : Clé de pseudonymisation absente ou trop courte.*OBS_CLE_PSEUDONYMISATION.*\.observatoire-key.*« sens_emargements__ASSO-1__2026-10\.csv ».*Rien n'a été chargé\./s);
    expect(r.stderr).not.toContain("2/4 Ingestion");
    expect(existsSync(database)).toBe(false);
    expect(existsSync(join(build, "rapport-ingestion.json"))).toBe(false);
  });

  it("with an invalid OBS_DATE_REFERENCE: exit ≠ 0, the message gives the format, nothing installed", () => {
    const r = run({ OBS_CLE_PSEUDONYMISATION: "cle-de-test-des-pannes-assez-longue", OBS_DATE_REFERENCE: "31/12/2026" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("Échec : OBS_DATE_REFERENCE=« 31/12/2026 » n'est pas une date valide : écrire la date de référence au format AAAA-MM-JJ");
    expect(existsSync(database)).toBe(false);
  });
});
