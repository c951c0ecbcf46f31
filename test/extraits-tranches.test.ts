// Cutting a fiche's file out of the file of all indicators (pipelines/extraits/tranches.ts): RFC 4180 records, quoted
// line ends included, found across read chunks; rows of one fiche scattered through the file stop the run.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ecrirePlages, prochainsGuillemets, tranchesParPremiereColonne } from "../pipelines/extraits/tranches.ts";

const dir = mkdtempSync(join(tmpdir(), "obs-tranches-"));

describe("tranchesParPremiereColonne", () => {
  it("finds each fiche's rows, a quoted field holding a line end, a separator and a quote included", async () => {
    const entete = "fiche,libelle\r\n";
    const a = 'f2_1,"deux\r\nlignes, et un "" guillemet"\r\nf2_1,simple\r\n';
    const b = '"f2_2",x\r\n';
    const path = join(dir, "a.csv");
    writeFileSync(path, entete + a + b);
    const { entete: finEntete, tranches } = await tranchesParPremiereColonne(path, ",");
    // By hand: the header is 15 bytes; f2_1's two records are a's bytes, f2_2's the 10 bytes after.
    expect(finEntete).toBe(15);
    expect(tranches.get("f2_1")).toEqual({ debut: 15, fin: 15 + Buffer.byteLength(a), lignes: 2 });
    expect(tranches.get("f2_2")).toEqual({ debut: 15 + Buffer.byteLength(a), fin: 15 + Buffer.byteLength(a) + 10, lignes: 1 });
    const cible = join(dir, "f2_1.csv");
    await ecrirePlages(path, cible, Buffer.alloc(0), [[0, finEntete], [tranches.get("f2_1")!.debut, tranches.get("f2_1")!.fin]]);
    expect(readFileSync(cible, "utf8")).toBe(entete + a);
  });

  it("reads records across chunks and after a byte-order mark, separator « ; »", async () => {
    // 40 000 rows of ~30 bytes: more than one 1 MiB chunk, so records straddle chunk ends.
    const lignes = Array.from({ length: 40_000 }, (_, i) => `${i < 25_000 ? "f2_1" : "f2_9"};"valeur ${i}\r\nsuite"\r\n`);
    const path = join(dir, "b.csv");
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`fiche;v\r\n${lignes.join("")}`)]));
    const { entete, tranches } = await tranchesParPremiereColonne(path, ";", 3);
    expect(entete).toBe(3 + 9);
    expect(tranches.get("f2_1")!.lignes).toBe(25_000);
    expect(tranches.get("f2_9")!.lignes).toBe(15_000);
    expect(tranches.get("f2_9")!.fin).toBe(readFileSync(path).length);
  });

  it("reads a file without any quote (the Excel file) and one with a single quoted field among 40 000 rows", async () => {
    const lignes = Array.from({ length: 40_000 }, (_, i) => `${i < 30_000 ? "f2_1" : "f2_9"};${i}\r\n`);
    const sans = join(dir, "e.csv");
    writeFileSync(sans, `fiche;v\r\n${lignes.join("")}`);
    const a = await tranchesParPremiereColonne(sans, ";");
    expect([a.tranches.get("f2_1")!.lignes, a.tranches.get("f2_9")!.lignes]).toEqual([30_000, 10_000]);
    // Row 35 000 (of f2_9) holds a quoted line end: still one record.
    lignes[35_000] = 'f2_9;"un\r\ndeux"\r\n';
    const une = join(dir, "f.csv");
    writeFileSync(une, `fiche;v\r\n${lignes.join("")}`);
    const b = await tranchesParPremiereColonne(une, ";");
    expect([b.tranches.get("f2_1")!.lignes, b.tranches.get("f2_9")!.lignes]).toEqual([30_000, 10_000]);
    expect(b.tranches.get("f2_9")!.fin).toBe(readFileSync(une).length);
  });

  it("finds the next quote from any position, forwards and backwards", () => {
    // By hand: 'a"b""c' has quotes at 1, 3 and 4.
    const suivant = prochainsGuillemets(Buffer.from('a"b""c'));
    expect([0, 1, 2, 3, 4, 5, 0, 2].map(suivant)).toEqual([1, 1, 3, 3, 4, -1, 1, 3]);
  });

  it("stops on a fiche whose rows do not follow each other", async () => {
    const path = join(dir, "c.csv");
    writeFileSync(path, "fiche,v\r\nf2_1,1\r\nf2_2,2\r\nf2_1,3\r\n");
    await expect(tranchesParPremiereColonne(path, ",")).rejects.toThrow(/c\.csv : les lignes de « f2_1 » ne se suivent pas/);
  });

  it("stops on a last row without its line end (a file cut short)", async () => {
    const path = join(dir, "d.csv");
    writeFileSync(path, "fiche,v\r\nf2_1,1\r\nf2_1,2");
    await expect(tranchesParPremiereColonne(path, ",")).rejects.toThrow(/d\.csv : dernière ligne incomplète/);
  });
});
