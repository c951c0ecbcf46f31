// CSV flavours operators send: each fixture is read whole (readCsvBytes) and streamed (openCsv), with the same result.
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanFile } from "../pipelines/ingest/scan.ts";
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

describe("Excel's separator hint and mixed separators", () => {
  it("honours a first line « sep=… »: its separator wins, it is line 1 and the header line 2", async () => {
    // Sniffed, « a;b,c » would give « ; »: the hint says « , ».
    const sheet = await both(tempCsv("sep=,\r\na;b,c\r\n1;2,3\r\n\r\n4,5\r\n"));
    expect(sheet).toMatchObject({ delimiter: ",", separatorHint: true, headers: ["a;b", "c"], headerLine: 2 });
    expect(sheet.rows).toEqual([
      { line: 3, values: ["1;2", "3"] },
      { line: 5, values: ["4", "5"] },
    ]);
    // After a BOM, and as the only line: a file with no header.
    expect(await both(tempCsv("\ufeffsep=;"))).toMatchObject({ delimiter: ";", separatorHint: true, headers: [], rows: [] });
    // Not a hint below the first line, nor « sep= » followed by more than one character.
    expect(await both(tempCsv("a;b\nsep=;\n"))).toMatchObject({ delimiter: ";", separatorHint: false, rows: [{ line: 2, values: ["sep=", ""] }] });
    expect(await both(tempCsv("sep=;;x\n1;2\n"))).toMatchObject({ separatorHint: false, headerLine: 1 });
  });

  it("refuses a header and data split by different separators with one reason naming both and the lines", async () => {
    const semicolonHeader = tempCsv("a;b;c\n1,2,3\n4,5,6\n");
    const reason = "en-tête (ligne 1) séparé par « ; » mais données (dès la ligne 2) séparées par « , » : un fichier CSV n'a qu'un séparateur ; écrire l'en-tête avec « , » comme les données, ou enregistrer les données avec « ; »";
    expect(() => readCsvBytes(readFileSync(semicolonHeader))).toThrow(reason);
    await expect(openCsv(semicolonHeader)).rejects.toThrow(reason);
    // The reverse, with decimal commas in the data and blank lines and the hint's line before them.
    const commaHeader = tempCsv('\n"x, y",b,c\n\n1,5;2;"3,5"\n');
    expect(() => readCsvBytes(readFileSync(commaHeader))).toThrow("en-tête (ligne 2) séparé par « , » mais données (dès la ligne 4) séparées par « ; »");
    await expect(openCsv(tempCsv("a\tb\tc\n1;2;3\n"))).rejects.toThrow("séparé par « tabulation » mais données (dès la ligne 2) séparées par « ; »");
    // Decimal commas under a « ; » header, a row shorter than the header, a comma in the one value of a row under a
    // two-column header: no mix.
    expect((await both(tempCsv("a;b;c\n1,5;2,5;3\n"))).rows).toHaveLength(1);
    expect((await both(tempCsv("a;b;c;d\n1;2,5\n"))).rows).toHaveLength(1);
    expect((await both(tempCsv("a;b\nx, y\n"))).rows).toEqual([{ line: 2, values: ["x, y"] }]);
  });
});

describe("files named .csv that are no CSV text", () => {
  it.each([
    ["an XLSX workbook", [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], "classeur Excel (XLSX) renommé"],
    ["an old XLS workbook", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], "ancien classeur Excel (.xls)"],
    ["UTF-16 text", [0xff, 0xfe, 0x61, 0x00, 0x3b, 0x00], "UTF-16"],
    ["binary bytes", [0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01], "contenu binaire"],
    ["a password-protected workbook", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.from("EncryptedPackage", "utf16le")], "classeur protégé par mot de passe"],
    ["an HTML page", [...Buffer.from("\ufeff  <!DOCTYPE HTML><html><table><tr><td>a;b</td></tr></table>")], "page HTML enregistrée avec l'extension .csv"],
  ])("refuses %s with a reason that says what it is", async (_, bytes, reason) => {
    await expect(openCsv(tempCsv(new Uint8Array(bytes)))).rejects.toThrow(reason);
    expect(() => readCsvBytes(new Uint8Array(bytes))).toThrow(reason);
  });

  it("refuses a NUL byte wherever it is, past the 64 KB the separator is chosen from as before them", async () => {
    const text = "a;b\n" + "1;2\n".repeat(40_000); // 160 000 bytes
    for (const at of [10, 100_000, text.length - 1]) {
      const bytes = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0]), Buffer.from(text.slice(at))]);
      await expect(openCsv(tempCsv(bytes)), `NUL à l'octet ${at}`).rejects.toThrow("contenu binaire, pas un texte CSV");
      expect(() => readCsvBytes(bytes), `NUL à l'octet ${at}`).toThrow("contenu binaire, pas un texte CSV");
    }
    // The ingest's own pass (scan.ts) says so too, and the reader takes its word rather than read the file again.
    const far = tempCsv(Buffer.concat([Buffer.from(text), Buffer.from([0])]));
    expect(await scanFile(far)).toMatchObject({ hasNul: true, encoding: "utf-8" });
    await expect(openCsv(far, await scanFile(far))).rejects.toThrow("contenu binaire");
    await expect(openCsv(far, { encoding: "utf-8", hasNul: false })).resolves.toMatchObject({ headers: ["a", "b"] });
  });
});
