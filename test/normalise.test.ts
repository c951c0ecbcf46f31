import { describe, expect, it } from "vitest";
import { TERRITOIRES_LDA, TERRITOIRES_LDA_LABELS } from "../pipelines/contracts/dimensions.ts";
import { foldKey, parseBoolean, parseDate, parseDecimal, parseEnum, parseInteger, parseList, parseMonth, parseWeek } from "../pipelines/normalise/values.ts";
import { resolveCommune } from "../pipelines/normalise/places.ts";

describe("dates", () => {
  it.each([
    ["15/01/2026", "2026-01-15"],
    ["5/1/26", "2026-01-05"],
    ["05/01/99", "1999-01-05"],
    ["2026-01-15", "2026-01-15"],
    ["2026-1-5", "2026-01-05"],
    ["2026-01-15T00:00:00Z", "2026-01-15"],
    ["15/01/2026 00:00", "2026-01-15"], // Excel's CSV export of a date-time cell
    ["15.01.2026", "2026-01-15"],
    ["15-01-2026", "2026-01-15"],
    [" 29/02/2024 ", "2024-02-29"],
    [46037, "2026-01-15"], // Excel serial: 46037 days after 1899-12-30
    [46037.75, "2026-01-15"],
    ["46037", "2026-01-15"],
    [new Date(Date.UTC(2026, 0, 15)), "2026-01-15"],
  ])("reads %j", (raw, iso) => expect(parseDate(raw)).toEqual({ ok: iso }));

  it.each([
    ["31/02/2026", "calendrier"],
    ["29/02/2025", "calendrier"],
    ["00/01/2026", "calendrier"],
    ["01/13/2026", "jour/mois inversés"],
    ["2026-13-01", "calendrier"],
    ["demain", "JJ/MM/AAAA"],
    ["15/01", "JJ/MM/AAAA"],
    [12, "JJ/MM/AAAA"],
  ])("refuses %j with a French reason", (raw, words) => expect(parseDate(raw)).toEqual({ error: expect.stringContaining(words) }));

  it("reads months and ISO weeks", () => {
    expect(parseMonth("03/2026")).toEqual({ ok: "2026-03" });
    expect(parseMonth("2026-3")).toEqual({ ok: "2026-03" });
    expect(parseMonth("15/03/2026")).toEqual({ ok: "2026-03" });
    expect(parseMonth("2026-13")).toHaveProperty("error");
    expect(parseWeek("2026-W7")).toEqual({ ok: "2026-W07" });
    expect(parseWeek("2026 S03")).toEqual({ ok: "2026-W03" });
    expect(parseWeek("2026-W54")).toHaveProperty("error");
  });
});

describe("numbers", () => {
  it.each([
    ["1 234,50", 1234.5],
    ["1\u00a0234,50", 1234.5],
    ["1\u202f234", 1234],
    ["1.234,50", 1234.5],
    ["1,234.50", 1234.5],
    ["12.5", 12.5],
    ["12,5", 12.5],
    ["0.600", 0.6], // a rate, not six hundred
    ["-3,2", -3.2],
    ["85,40 €", 85.4],
    ["250 000,00 euros", 250000],
    [85.4, 85.4],
  ])("reads the decimal %j", (raw, value) => expect(parseDecimal(raw)).toEqual({ ok: value }));

  it("refuses malformed numbers and non-integers", () => {
    expect(parseDecimal("12,5,0")).toMatchObject({ error: expect.stringContaining("« 12,5,0 »") });
    expect(parseDecimal("abc")).toMatchObject({ error: expect.stringContaining("1234,50") });
    expect(parseInteger("2,5")).toMatchObject({ error: expect.stringContaining("entier") });
    expect(parseInteger("trente")).toMatchObject({ error: expect.stringContaining("« trente »") });
    expect(parseInteger("1 200")).toEqual({ ok: 1200 });
  });
});

describe("Oui/Non", () => {
  it("reads the usual spellings", () => {
    for (const yes of ["Oui", "OUI", "o", "O", "x", "X", "VRAI", "1", true]) expect(parseBoolean(yes), String(yes)).toEqual({ ok: true });
    for (const no of ["Non", "n", "N", "0", "faux", false]) expect(parseBoolean(no), String(no)).toEqual({ ok: false });
    expect(parseBoolean("peut-être")).toMatchObject({ error: expect.stringContaining("Oui/Non") });
  });
});

describe("code lists", () => {
  it("matches codes and labels ignoring case, accents and punctuation", () => {
    expect(parseEnum("LENS HENIN", TERRITOIRES_LDA, TERRITOIRES_LDA_LABELS)).toEqual({ ok: "lens_henin" });
    expect(parseEnum("Lens-Hénin", TERRITOIRES_LDA, TERRITOIRES_LDA_LABELS)).toEqual({ ok: "lens_henin" });
    expect(parseEnum("arrageois (hors cua) et ternois", TERRITOIRES_LDA, TERRITOIRES_LDA_LABELS)).toEqual({ ok: "arrageois_ternois" });
    expect(parseEnum("Lens Liévin Nord", TERRITOIRES_LDA, TERRITOIRES_LDA_LABELS)).toMatchObject({
      error: expect.stringContaining("valeurs admises : lens_henin, artois"),
    });
    // A near miss gets the code to write.
    expect(parseEnum("Lens Hénni", TERRITOIRES_LDA, TERRITOIRES_LDA_LABELS)).toMatchObject({
      error: expect.stringContaining("vouliez-vous dire « lens_henin » ?"),
    });
  });

  it("reads lists separated by |, ; or , and drops repeats", () => {
    expect(parseList("ccas | sante;ccas", ["ccas", "sante"])).toEqual({ ok: ["ccas", "sante"] });
    expect(parseList("Lens-Hénin, Artois", TERRITOIRES_LDA, TERRITOIRES_LDA_LABELS)).toEqual({ ok: ["lens_henin", "artois"] });
    expect(parseList("ccas|cinema", ["ccas", "sante"])).toMatchObject({ error: expect.stringContaining("« cinema »") });
  });

  it("folds keys the same way for every spelling", () => {
    expect(foldKey("Lens-Liévin")).toBe("lens_lievin");
    expect(foldKey("  LENS   LIEVIN ")).toBe("lens_lievin");
    expect(foldKey("Aide à l'enfance")).toBe("aide_a_l_enfance");
  });
});

describe("communes (sources/reference/communes.csv)", () => {
  it("resolves by code, name or former code, and suggests the closest name", () => {
    expect(resolveCommune("62498")).toEqual({ ok: "62498" });
    expect(resolveCommune("LENS")).toEqual({ ok: "62498" });
    expect(resolveCommune("62210")).toEqual({ ok: "62154" }); // Canteleux, merged into Bonnières
    expect(resolveCommune("Béthunne")).toMatchObject({ error: expect.stringContaining("« Béthune »") });
    expect(resolveCommune("59350")).toMatchObject({ error: expect.stringContaining("inconnu") });
  });
});
