// Every parameter and historical figure quotes the public document it comes from: the sentence it names stands at
// the line it names (sources/documents/, kept in the repository so this check runs on every clone).
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { documentLines } from "./helpers/documents.ts";

interface Citation {
  seed: string;
  ligne: string;
  texte_source: string;
}

const rows = (file: string) => parse(readFileSync(`sources/reference/${file}.csv`, "utf8"), { columns: true }) as (Citation & Record<string, string>)[];

describe("provenance of the reference data", () => {
  it.each(["ref_parametres", "hist_credits_dihal", "hist_convention_etat_2023", "hist_lda_faits"])("%s quotes its document verbatim at the line it names", (file) => {
    const citations = rows(file);
    expect(citations.length).toBeGreaterThan(3);
    for (const c of citations) {
      expect(c.texte_source.trim(), `${file}: citation vide`).not.toBe("");
      expect(documentLines(c.seed)[Number(c.ligne) - 1], `${file} ${c.seed}:${c.ligne} « ${c.texte_source} »`).toContain(c.texte_source);
    }
  });

  it("the history tables come from the 2023 deliberation (document 002) only", () => {
    for (const file of ["hist_credits_dihal", "hist_convention_etat_2023", "hist_lda_faits"]) {
      for (const r of rows(file)) {
        expect(r.seed).toBe("002");
        expect(r.source).toBe("reel_seed_002");
      }
    }
  });

  it("a wrong line is caught", () => {
    const [first] = rows("ref_parametres");
    expect(documentLines(first!.seed)[Number(first!.ligne)]).not.toContain(first!.texte_source);
  });
});
