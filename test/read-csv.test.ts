// CSV flavours operators send: each fixture is read whole (readCsvBytes) and streamed (openCsv), with the same result.
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openCsv, readCsvBytes, sniffDelimiter } from "../pipelines/read/csv.ts";
import type { Row } from "../pipelines/read/types.ts";

const FIXTURES = "test/fixtures/ingest";

async function both(path: string) {
  const whole = readCsvBytes(readFileSync(path));
  const stream = await openCsv(path);
  const rows: Row[] = [];
  for await (const row of stream.rows) rows.push(row);
  const { close, ...read } = stream;
  expect(close).toBeTypeOf("function");
  expect({ ...read, rows }).toEqual(whole);
  return whole;
}

function tempCsv(content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), "obs-csv-")), "f.csv");
  writeFileSync(path, content);
  return path;
}

describe("CSV reader", () => {
  it("reads ; + Windows-1252 + CRLF (Excel « CSV séparateur point-virgule »)", async () => {
    const sheet = await both(join(FIXTURES, "lda_mesures__ASSO-1__2026-10.csv"));
    expect(sheet).toMatchObject({ encoding: "windows-1252", delimiter: ";", headerLine: 1 });
    expect(sheet.headers[0]).toBe("code_operateur");
    expect(sheet.headers).toHaveLength(16);
    expect(sheet.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(sheet.rows[0]!.values[5]).toBe("Lens-Hénin");
    expect(sheet.rows[1]!.values[15]).toBe("Béthunne");
  });

  it("reads , + UTF-8 with BOM, drops the trailing empty column and the trailing blank lines", async () => {
    const sheet = await both(join(FIXTURES, "envaul_subsides__ASSO-2__2026-10.csv"));
    expect(sheet).toMatchObject({ encoding: "utf-8", delimiter: "," });
    expect(sheet.headers[0]).toBe("CODE OPERATEUR"); // no BOM glued to the first header
    expect(sheet.headers.at(-1)).toBe("Commentaire");
    expect(sheet.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
    expect(sheet.rows[0]!.values.slice(3, 6)).toEqual(["03/02/2026", "Alimentation", "85,40"]);
  });

  it("reads tab-separated UTF-8; line numbers stay right after a quoted field spanning two lines", async () => {
    const sheet = await both(join(FIXTURES, "compte rendu financier ASSO-3.csv"));
    expect(sheet).toMatchObject({ encoding: "utf-8", delimiter: "\t" });
    expect(sheet.rows.map((r) => r.line)).toEqual([2, 3, 5, 6]);
    expect(sheet.rows[1]!.values[3]).toBe("Déplacements\ndes référents");
    expect(sheet.rows[2]!.values[3]).toBe("Fournitures");
  });

  it("counts CRLF line breaks inside quotes and skips blank lines in the middle", async () => {
    const sheet = await both(tempCsv('a;b;\r\n1;"deux\r\nlignes";\r\n\r\n;\r\n3;4\r\n\r\n'));
    expect(sheet.headers).toEqual(["a", "b"]);
    expect(sheet.rows).toEqual([
      { line: 2, values: ["1", "deux\r\nlignes", ""] },
      { line: 6, values: ["3", "4"] },
    ]);
  });

  it("starts at the first non-blank line and returns no row for a header-only or empty file", async () => {
    expect((await both(tempCsv("\n\nx;y\n1;2\n"))).rows).toEqual([{ line: 4, values: ["1", "2"] }]);
    expect(await both(tempCsv("x;y\n"))).toMatchObject({ headers: ["x", "y"], rows: [] });
    expect(await both(tempCsv(""))).toMatchObject({ headers: [], rows: [] });
  });

  it("decodes Windows-1252 characters that Latin-1 would get wrong (€, ’, œ)", async () => {
    const sheet = await both(tempCsv(new Uint8Array([0x6d, 0x0a, 0x80, 0x20, 0x92, 0x9c, 0x0a])));
    expect(sheet.rows[0]!.values).toEqual(["€ ’œ"]);
  });

  it("names the line of a quote left open (a file cut inside a quoted value), in French, in both readers", async () => {
    const path = tempCsv('a;b\n1;"deux ""mots"""\n"3;4\n5;6\n');
    expect(() => readCsvBytes(readFileSync(path))).toThrow("guillemet ouvert à la ligne 3 jamais refermé");
    const sheet = await openCsv(path);
    const readAll = async () => {
      for await (const row of sheet.rows) void row;
    };
    await expect(readAll()).rejects.toThrow("guillemet ouvert à la ligne 3 jamais refermé");
  });

  it("sniffs the delimiter on the header line, outside quotes", () => {
    expect(sniffDelimiter('"a;b",c,d\n1;2;3;4;5\n')).toBe(",");
    expect(sniffDelimiter("a;b;c\n1,5;2,5;3\n")).toBe(";");
    expect(sniffDelimiter("a\tb\tc\n")).toBe("\t");
    expect(sniffDelimiter("seule_colonne\n")).toBe(",");
    expect(sniffDelimiter(";;\r\n\n\tb\tc\n")).toBe("\t"); // an empty first header cell still counts
  });
});

describe("files named .csv that are no CSV text", () => {
  it.each([
    ["an XLSX workbook", [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], "classeur Excel (XLSX) renommé"],
    ["an old XLS workbook", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], "ancien classeur Excel (.xls)"],
    ["UTF-16 text", [0xff, 0xfe, 0x61, 0x00, 0x3b, 0x00], "UTF-16"],
    ["binary bytes", [0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01], "contenu binaire"],
  ])("refuses %s with a reason that says what it is", async (_, bytes, reason) => {
    await expect(openCsv(tempCsv(new Uint8Array(bytes)))).rejects.toThrow(reason);
  });
});
