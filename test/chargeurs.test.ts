// The loaders' server and its client (pipelines/site/chargeurs.ts, chargeur.mjs): a loader run through them gives
// Framework the bytes, messages and exit code it would give alone — a multi-megabyte output included, which the client
// passes on as it arrives — and the edition's targets (cibles.ts) route to the loaders Framework would pick.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demarrerChargeurs, type Chargeurs } from "../pipelines/site/chargeurs-processus.ts";
import { chargeurDe } from "../pipelines/site/cibles.ts";

const dossier = mkdtempSync(join(tmpdir(), "obs-chargeurs-"));
let chargeurs: Chargeurs;
beforeAll(async () => {
  chargeurs = await demarrerChargeurs({ ...process.env });
}, 60_000);
afterAll(async () => {
  await chargeurs?.arreter();
  rmSync(dossier, { recursive: true, force: true });
});

/** Runs a loader through the client as Framework does: its stdout a file. */
function parLeClient(loader: string, ...params: string[]) {
  const sortie = join(dossier, "sortie");
  writeFileSync(sortie, "");
  const resultat = spawnSync("sh", ["-c", `exec node pipelines/site/chargeur.mjs "$@" > "${sortie}"`, "sh", loader, ...params], {
    env: { ...process.env, OBS_CHARGEURS: chargeurs.socket },
    encoding: "utf8",
  });
  return { code: resultat.status, octets: readFileSync(sortie), messages: resultat.stderr };
}

describe("serveur des chargeurs du site", () => {
  it("transmet une sortie de plusieurs mégaoctets à l'octet près, les messages et le paramètre", () => {
    const loader = join(dossier, "gros.txt.ts");
    // 3 × 2 MB written in three calls, each byte value 0–255 in turn: any byte lost, doubled or reordered shows.
    writeFileSync(
      loader,
      `import { parseArgs } from "node:util";
const { values } = parseArgs({ options: { nom: { type: "string" } } });
const bloc = Buffer.alloc(2 * 1024 * 1024, 0).map((_, i) => i % 256);
for (let k = 0; k < 3; k++) process.stdout.write(bloc);
process.stdout.write(String(values.nom));
process.stderr.write("message du chargeur\\n");
`,
    );
    const { code, octets, messages } = parLeClient(loader, "--nom=fin");
    expect(code).toBe(0);
    expect(octets.length).toBe(3 * 2 * 1024 * 1024 + 3);
    expect(octets[2 * 1024 * 1024 + 257]).toBe(1);
    expect(octets.subarray(-3).toString()).toBe("fin");
    expect(messages).toContain("message du chargeur");
  });

  it("une exception du chargeur est son échec : code de sortie 1 et son message", () => {
    const loader = join(dossier, "casse.json.ts");
    writeFileSync(loader, `process.stdout.write("{");\nthrow new Error("table absente");\n`);
    const { code, messages } = parLeClient(loader);
    expect(code).toBe(1);
    expect(messages).toContain("table absente");
  });
});

describe("cibles d'une édition", () => {
  it("une cible va au chargeur que Framework choisirait, avec son paramètre", () => {
    expect(chargeurDe("/data/fiches/f2_8_gep.json")).toEqual({
      chargeur: join("observatory", "data", "fiches", "[fiche].json.ts"),
      params: ["--fiche=f2_8_gep"],
      sortie: join("observatory", ".observablehq", "cache", "data", "fiches", "f2_8_gep.json"),
    });
    // « indicateurs.schema.json » is the schema loader's, not a CSV's; LICENCE.txt has its own loader.
    expect(chargeurDe("/data/telechargements/indicateurs.schema.json").chargeur).toMatch(/\[nom\]\.schema\.json\.ts$/);
    expect(chargeurDe("/data/telechargements/LICENCE.txt")).toMatchObject({ chargeur: join("observatory", "data", "telechargements", "LICENCE.txt.ts"), params: [] });
    expect(resolve(chargeurDe("/territoires/ami-1.md").chargeur)).toBe(resolve("observatory/territoires/[territoire].md.ts"));
  });

  it("une cible sans chargeur arrête la préparation en la nommant", () => {
    expect(() => chargeurDe("/data/inconnu.json")).toThrow(/\/data\/inconnu\.json/);
  });
});
