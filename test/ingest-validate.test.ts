// Contract tests on bad rows: each kind of bad value goes to quarantine with its column and a reason to act on.
import { describe, expect, it } from "vitest";
import type { AnyReport } from "../pipelines/contracts/index.ts";
import { ldaMesures } from "../pipelines/contracts/lda_mesures.ts";
import { conventions } from "../pipelines/contracts/shared.ts";
import { rowValidator } from "../pipelines/ingest/validate.ts";

const mesure = {
  code_operateur: "ASSO-1",
  id_mesure: "M1",
  id_personne: "P1",
  id_menage: "H1",
  dispositif: "ADSL",
  territoire_lda: "Lens-Hénin",
  sexe: "F",
  age_entree: "34",
  composition_familiale: "personne_seule",
  situation_logement_entree: "rue",
  date_signature_contrat: "12/01/2026",
  date_debut: "15/01/2026",
};

function issues(raw: Record<string, unknown>, report: AnyReport = ldaMesures as unknown as AnyReport) {
  const result = rowValidator(report, "ASSO-1").validate(7, raw);
  return "issues" in result ? result.issues : [];
}

describe("row validation against the lda_mesures contract", () => {
  it("accepts a good row in French spellings and returns normalised values", () => {
    const result = rowValidator(ldaMesures as unknown as AnyReport, "ASSO-1").validate(2, { ...mesure, vulnerabilites: "Addictions | isolement", code_commune: "Lens" });
    expect(result).toEqual({
      row: expect.objectContaining({
        dispositif: "adsl",
        territoire_lda: "lens_henin",
        age_entree: 34,
        date_debut: "2026-01-15",
        vulnerabilites: ["addictions", "isolement"],
        code_commune: "62498",
        date_fin: null,
      }),
      avertissements: [],
    });
  });

  it.each([
    ["missing required value", { id_personne: " " }, "id_personne", ["obligatoire", "Identifiant de la personne"]],
    ["unknown code", { dispositif: "adsl2" }, "dispositif", ["« adsl2 »", "valeurs admises", "adsl, vial, envaul"]],
    ["impossible date", { date_debut: "31/02/2026" }, "date_debut", ["« 31/02/2026 »", "calendrier", "Date de début (activation)"]],
    ["unreadable date", { date_debut: "janvier" }, "date_debut", ["JJ/MM/AAAA"]],
    ["text in a number", { age_entree: "trente" }, "age_entree", ["« trente »", "entier"]],
    ["number out of range", { age_entree: "150" }, "age_entree", ["maximum", "110"]],
    ["not Oui/Non", { avis_coordinateur_renouvellement: "peut-être" }, "avis_coordinateur_renouvellement", ["Oui/Non"]],
    ["conditional column missing", { type_sortie: "positive" }, "date_fin", ["type de sortie"]],
    ["end before start", { date_fin: "01/01/2026" }, "date_fin", ["antérieure", "2026-01-15"]],
    ["another operator's row", { code_operateur: "ASSO-2" }, "code_operateur", ["« ASSO-2 »", "nom de fichier", "ASSO-1"]],
  ])("%s → quarantined at its column with a French reason", (_, change, column, words) => {
    const found = issues({ ...mesure, ...change });
    expect(found.map((i) => i.column)).toEqual([column]);
    expect(found[0]!.line).toBe(7);
    for (const word of words) expect(found[0]!.reason).toContain(word);
  });

  // Columns.ts `blocking`: a descriptive column (category, flag, place) does not decide whether the measure counts.
  it.each([
    ["unknown list item", { vulnerabilites: "addictions|cinema" }, "vulnerabilites", null, ["« cinema »", "valeur ignorée (laissée vide)"]],
    ["unknown commune", { code_commune: "Béthunne" }, "code_commune", null, ["« Béthune »"]],
    ["commune outside the département", { code_commune: "59350" }, "code_commune", null, ["inconnu", "Pas-de-Calais"]],
    ["unknown required category with a « non renseigné » code", { sexe: "?" }, "sexe", "non_renseigne", ["« ? »", "lue « non renseigné »", "valeurs admises"]],
    ["Excel error in a descriptive cell", { relais_droit_commun: "#N/A" }, "relais_droit_commun", null, ["erreur de formule Excel"]],
    // The rule « type de logement with the date of rehousing » does not blame the operator for a cell they filled.
    ["unreadable housing type of a rehoused household", { date_relogement: "01/04/2026", type_logement_relogement: "HLM" }, "type_logement_relogement", null, ["« HLM »", "parc_social"]],
  ])("%s → the row loads, the value is ignored with a warning at its column", (_, change, column, read, words) => {
    const result = rowValidator(ldaMesures as unknown as AnyReport, "ASSO-1").validate(7, { ...mesure, ...change });
    if (!("row" in result)) throw new Error(JSON.stringify(result.issues));
    expect(result.row[column]).toBe(read);
    expect(result.avertissements.map((a) => [a.line, a.column, a.rawValue])).toEqual([[7, column, (change as Record<string, string>)[column]]]);
    for (const word of words) expect(result.avertissements[0]!.reason).toContain(word);
  });

  it("still refuses a blocking value, listing the ignorable ones too, and a blank where a rule requires a value", () => {
    expect(issues({ ...mesure, age_entree: "trente", vulnerabilites: "cinema" }).map((i) => i.column)).toEqual(["age_entree", "vulnerabilites"]);
    expect(issues({ ...mesure, avis_coordinateur_renouvellement: "peut-être" }).map((i) => i.column)).toEqual(["avis_coordinateur_renouvellement"]);
    expect(issues({ ...mesure, date_relogement: "01/04/2026" }).map((i) => i.column)).toEqual(["type_logement_relogement"]);
  });

  it("loads an ENVAUL measure without parcours ASE (spec 2.6 r15 is a warning at its exit)", () => {
    expect(rowValidator(ldaMesures as unknown as AnyReport, "ASSO-1").validate(7, { ...mesure, dispositif: "envaul" })).toMatchObject({ row: { parcours_ase: null }, avertissements: [] });
  });

  it("gives one entry per failing column, each with the raw value, for a row rejected once", () => {
    const found = issues({ ...mesure, sexe: "?", age_entree: "trente", date_debut: "31/02/2026" });
    expect(found.map((i) => [i.line, i.column, i.rawValue])).toEqual([
      [7, "sexe", "?"],
      [7, "age_entree", "trente"],
      [7, "date_debut", "31/02/2026"],
    ]);
  });

  it("refuses a key already seen in the file, naming the first line", () => {
    const validator = rowValidator(ldaMesures as unknown as AnyReport, "ASSO-1");
    expect(validator.validate(2, mesure)).toHaveProperty("row");
    const second = validator.validate(9, { ...mesure, id_personne: "P2" });
    expect(second).toEqual({ issues: [expect.objectContaining({ line: 9, column: "id_mesure", reason: expect.stringContaining("identifiant en double : déjà présent ligne 2") })] });
    // A first occurrence that was itself refused does not count: its corrected copy loads.
    expect(validator.validate(10, { ...mesure, id_mesure: "M2", age_entree: "trente" })).toHaveProperty("issues");
    expect(validator.validate(11, { ...mesure, id_mesure: "M2" })).toHaveProperty("row");
  });
});

describe("row validation of a Département file", () => {
  const convention = {
    id_convention: "C1",
    fiche: "f2_4_adsl",
    code_operateur: "ASSO-9",
    perimetre: "lens_henin",
    date_debut: "01/01/2026",
    date_fin: "31/12/2026",
    montant_conventionne: "250 000,00",
    taux_avance: "0,60",
    mode_versement: "avance_et_solde",
  };
  const validate = (raw: Record<string, unknown>) => rowValidator(conventions as unknown as AnyReport, null).validate(3, raw);

  it("does not compare code_operateur with the file's operator (CD62)", () => {
    expect(validate(convention)).toHaveProperty("row.code_operateur", "ASSO-9");
  });

  it("refuses numbers too large for the database instead of storing 0 or failing the whole file", () => {
    const result = validate({ ...convention, montant_conventionne: "99 999 999 999 999 999", nb_mesures_conventionnees: "3000000000" });
    expect(result).toEqual({
      issues: [
        expect.objectContaining({ column: "montant_conventionne", reason: expect.stringContaining("trop grand") }),
        expect.objectContaining({ column: "nb_mesures_conventionnees", reason: expect.stringContaining("trop grand") }),
      ],
    });
  });
});
