// The public scan's memo (pipelines/publish/garde.ts): the same bytes under the same forbidden lists get the same
// findings without being read again; any change of the lists changes the key, so nothing is carried over.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { cleDuControle, Scanner, type Interdits, type Trouvaille } from "../pipelines/publish/scan.ts";

const racine = mkdtempSync(join(tmpdir(), "obs-controle-"));
afterAll(() => rmSync(racine, { recursive: true, force: true }));

const interdits = (operateurs: string[]): Interdits => ({
  colonnesPersonnelles: ["nom_famille"],
  identifiants: new Set(["MEN-0042"]),
  operateurs: new Set(operateurs),
  colonnesFinance: ["du_retenu"],
  regles: new Map([["personnes", "comptage_personnes"]]),
  seuil: 11,
  unites: new Map(),
});
// Text files only: the connection serves Parquet files, none here.
const sansBase = null as unknown as DuckDBConnection;

describe("mémoire du contrôle de la sortie publique", () => {
  it("des octets déjà contrôlés reprennent leurs trouvailles sans être relus ; les autres sont lus", async () => {
    const propre = "<p>Rien à signaler</p>";
    writeFileSync(join(racine, "propre.html"), propre);
    writeFileSync(join(racine, "fuite.html"), "<p>ASSO-LENS-01</p>");
    // A memo that (falsely) remembers a finding for the clean file's bytes: reused as is, proof it was not read again.
    const memo = new Map<string, Trouvaille[]>([[createHash("sha256").update(propre).digest("hex"), [{ fichier: "ancien", genre: "pseudonyme", detail: "souvenir" }]]]);
    const trouvailles = await new Scanner(interdits(["ASSO-LENS-01"])).scannerRacines([racine], racine, sansBase, memo);
    expect(trouvailles.map((t) => [t.fichier, t.genre, t.detail]).sort()).toEqual([
      ["fuite.html", "operateur", "ASSO-LENS-01"],
      ["propre.html", "pseudonyme", "souvenir"],
    ]);
    // The leaking file's findings are remembered for the next scan.
    expect([...memo.values()].flat().some((t) => t.detail === "ASSO-LENS-01")).toBe(true);
  });

  it("la clé change avec la moindre liste d'interdits", () => {
    expect(cleDuControle(interdits(["ASSO-LENS-01"]))).toBe(cleDuControle(interdits(["ASSO-LENS-01"])));
    expect(cleDuControle(interdits(["ASSO-LENS-01"]))).not.toBe(cleDuControle(interdits(["ASSO-LENS-01", "ASSO-ARRAS-02"])));
  });
});
