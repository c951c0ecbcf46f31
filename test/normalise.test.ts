import { describe, expect, it } from "vitest";
import { parseBoolean, parseDate, parseDecimal, parseEnum, parseInteger, parseList, parseMonth, parseWeek } from "../pipelines/normalise/values.ts";
import { resolveCommune } from "../pipelines/normalise/places.ts";
import { readCsvBytes, sniffDelimiter } from "../pipelines/read/csv.ts";

describe("French values", () => {
  it.each([
    ["15/01/2026", "2026-01-15"],
    ["5/1/26", "2026-01-05"],
    ["2026-01-15", "2026-01-15"],
    ["15.01.2026", "2026-01-15"],
    [46037, "2026-01-15"], // Excel serial: 46037 days after 1899-12-30
    [new Date(Date.UTC(2026, 0, 15)), "2026-01-15"],
  ])("reads the date %s", (raw, iso) => expect(parseDate(raw)).toEqual({ ok: iso }));

  it("refuses impossible or unreadable dates with a French reason", () => {
    expect(parseDate("31/02/2026")).toMatchObject({ error: expect.stringContaining("calendrier") });
    expect(parseDate("demain")).toMatchObject({ error: expect.stringContaining("JJ/MM/AAAA") });
  });

  it.each([
    ["1 234,50", 1234.5],
    ["1.234,50", 1234.5],
    ["1\u202f234", 1234],
    ["12.5", 12.5],
    ["-3,2", -3.2],
    ["85,40 €", 85.4],
  ])("reads the decimal %s", (raw, value) => expect(parseDecimal(raw)).toEqual({ ok: value }));

  it("refuses malformed numbers", () => {
    expect(parseDecimal("12,5,0")).toHaveProperty("error");
    expect(parseInteger("2,5")).toHaveProperty("error");
    expect(parseInteger("trente")).toMatchObject({ error: expect.stringContaining("« trente »") });
  });

  it("reads Oui/Non in their usual spellings", () => {
    for (const yes of ["Oui", "O", "x", "VRAI", "1"]) expect(parseBoolean(yes)).toEqual({ ok: true });
    for (const no of ["Non", "n", "0", "faux"]) expect(parseBoolean(no)).toEqual({ ok: false });
    expect(parseBoolean("peut-être")).toHaveProperty("error");
  });

  it("matches codes and labels ignoring case and accents", () => {
    const values = ["lens_henin", "arrageois_ternois"] as const;
    const labels = { lens_henin: "Lens-Hénin", arrageois_ternois: "Arrageois (hors CUA) et Ternois" };
    expect(parseEnum("LENS HENIN", values, labels)).toEqual({ ok: "lens_henin" });
    expect(parseEnum("arrageois (hors cua) et ternois", values, labels)).toEqual({ ok: "arrageois_ternois" });
    expect(parseEnum("Lens Lievin Nord", values, labels)).toMatchObject({ error: expect.stringContaining("valeurs admises") });
    expect(parseList("ccas | sante;ccas", ["ccas", "sante"])).toEqual({ ok: ["ccas", "sante"] });
  });

  it("reads months and ISO weeks", () => {
    expect(parseMonth("03/2026")).toEqual({ ok: "2026-03" });
    expect(parseMonth("2026-3")).toEqual({ ok: "2026-03" });
    expect(parseMonth("15/03/2026")).toEqual({ ok: "2026-03" });
    expect(parseWeek("2026-W7")).toEqual({ ok: "2026-W07" });
  });

  it("resolves communes by code, name or former code, and suggests the closest name", () => {
    expect(resolveCommune("62498")).toEqual({ ok: "62498" });
    expect(resolveCommune("LENS")).toEqual({ ok: "62498" });
    expect(resolveCommune("62210")).toEqual({ ok: "62154" }); // Canteleux, merged into Bonnières
    expect(resolveCommune("Béthunne")).toMatchObject({ error: expect.stringContaining("« Béthune »") });
    expect(resolveCommune("59350")).toMatchObject({ error: expect.stringContaining("inconnu") });
  });
});

describe("CSV flavours", () => {
  it("sniffs the delimiter outside quotes", () => {
    expect(sniffDelimiter('"a;b",c,d\n')).toBe(",");
    expect(sniffDelimiter("a;b;c\n1,5;2,5;3\n")).toBe(";");
    expect(sniffDelimiter("a\tb\tc\n")).toBe("\t");
  });

  it("decodes Windows-1252 and strips a UTF-8 BOM", () => {
    expect(readCsvBytes(new Uint8Array([0x6e, 0x6f, 0x6d, 0x0a, 0x48, 0xe9, 0x6e, 0x69, 0x6e, 0x0a])).rows[0]!.values).toEqual(["Hénin"]);
    const bom = readCsvBytes(new TextEncoder().encode("\ufeffnom;age\nA;3\n"));
    expect(bom.headers).toEqual(["nom", "age"]);
    expect(bom.encoding).toBe("utf-8");
  });

  it("keeps line numbers right after a quoted field with a line break and skips blank lines", () => {
    const sheet = readCsvBytes(new TextEncoder().encode('a;b;\n1;"deux\nlignes";\n\n3;4\n\n\n'));
    expect(sheet.headers).toEqual(["a", "b"]);
    expect(sheet.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(sheet.rows[0]!.values[1]).toBe("deux\nlignes");
  });
});
