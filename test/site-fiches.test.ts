// The generic fiche sheet (observatory/components/fiche.ts), the secret in sums, and the extracts' three formats.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Ligne } from "../observatory/components/donnees.ts";
import { chiffresCles, indicateursCartographiables, preparer, type DonneesFicheBrutes } from "../observatory/components/fiche.ts";
import { closeDatabase, openDatabase, query } from "../pipelines/db/duckdb.ts";
import { writeExtract, licenceText } from "../pipelines/extracts.ts";
import { enColonnes, fichesReference } from "../pipelines/site/fiches.ts";
import { libellePeriode, moisDansPeriode } from "../observatory/components/periodes.ts";

const ligne = (l: Partial<Ligne>): Ligne => ({
  fiche: "f2_4_adsl",
  indicateur: "i01",
  periode: "2026",
  territoire: "62",
  niveau: "departement",
  ventilation: "ensemble",
  modalite: "ensemble",
  valeur: 1,
  secret: false,
  ...l,
});

function brut(lignes: Ligne[], chiffres: string[] = [], options: { sommesDesMois?: string[]; cumuls?: DonneesFicheBrutes["cumuls"] } = {}): DonneesFicheBrutes {
  return {
    fiche: { fiche: "f2_4_adsl", numero: "2.4", titre: "ADSL", resume: "", chiffresCles: chiffres },
    dateArrete: "2026-10",
    annees: [...new Set(lignes.map((l) => l.periode))].sort(),
    catalogue: [{ fiche: "f2_4_adsl", indicateur: "i01", libelle: "Nombre de personnes accompagnées, avec âge et sexe", libelle_court: "Personnes accompagnées", definition: "Personnes distinctes.", unite: "personnes" }],
    territoires: [],
    ventilations: {},
    modalites: {},
    annuel: enColonnes(lignes.map((l) => ({ ...l, secret: l.secret ? 1 : 0 }))),
    mensuel: {},
    cumuls: options.cumuls ?? [],
    sommesDesMois: options.sommesDesMois ?? [],
  };
}

describe("fiches de référence", () => {
  it("13 fiches, chacune avec son résumé de 2 ou 3 phrases", () => {
    const fiches = fichesReference();
    expect(fiches.map((f) => f.numero)).toEqual(["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "2.13"]);
    for (const f of fiches) {
      const phrases = f.resume.split(/(?<=[.!?…»])\s+(?=[A-ZÀ-Ý«])/).filter(Boolean);
      expect(phrases.length, f.fiche).toBeGreaterThanOrEqual(2);
      expect(phrases.length, f.fiche).toBeLessThanOrEqual(4);
    }
    expect(fiches.find((f) => f.fiche === "f2_4_adsl")?.chiffresCles).toEqual(["i01", "i01_entrees", "i02", "x01"]);
  });
});

describe("fiche thématique générique", () => {
  it("chiffres clés d'une année complète : évolution depuis l'année précédente entière", () => {
    const f = preparer(brut([ligne({ periode: "2024", valeur: 100 }), ligne({ periode: "2025", valeur: 120 })]));
    const [c] = chiffresCles(f, "2025");
    expect(c).toMatchObject({ indicateur: "i01", valeur: 120, periode: "2025", secret: false, detail: "personnes, en 2025" });
    // The card shows the short label; the spec's wording and the definition are its explanation.
    expect(c!.libelle).toBe("Personnes accompagnées");
    expect(c!.explication).toBe("Nombre de personnes accompagnées, avec âge et sexe — Personnes distinctes.");
    // 120 − 100 = +20 ; 20 / 100 = +20 %.
    expect(c!.evolution).toBe("+20 (+20 %) par rapport à 2024 (100)");
    // No row for 2023: said so, never compared with a 0.
    expect(chiffresCles(f, "2024")[0]!.evolution).toBe("2023 : pas de donnée");
  });

  it("année en cours (arrêté octobre 2026), somme de ses mois : cumul comparé aux mêmes mois de 2025", () => {
    const cumuls = [{ indicateur: "i01", periode: "2025-01..2025-10", valeur: 96, secret: false }];
    // The whole of 2025 (150) is not what 2026 is compared with.
    const f = preparer(brut([ligne({ periode: "2025", valeur: 150 }), ligne({ periode: "2026", valeur: 120 })], [], { sommesDesMois: ["i01"], cumuls }));
    const [c] = chiffresCles(f, "2026");
    // 120 − 96 = +24 ; 24 / 96 = +25 %.
    expect(c).toMatchObject({ valeur: 120, detail: "personnes, cumul janvier–octobre 2026", evolution: "janvier–octobre 2025 : 96 ; +24 (+25 %)" });
    expect(c).toMatchObject({ periodeComparee: "2025-01..2025-10", valeurComparee: 96 });
  });

  it("année en cours sans donnée les mêmes mois de l'année précédente : « pas de donnée », jamais 0", () => {
    const f = preparer(brut([ligne({ periode: "2025", valeur: 5 }), ligne({ periode: "2026", valeur: 1053 })], [], { sommesDesMois: ["i01"] }));
    const [c] = chiffresCles(f, "2026");
    expect(c!.evolution).toBe("janvier–octobre 2025 : pas de donnée");
    expect(c!.valeurComparee).toBeNull();
  });

  it("année en cours, mêmes mois de l'année précédente sous secret : « s », sans écart", () => {
    const cumuls = [{ indicateur: "i01", periode: "2025-01..2025-10", valeur: null, secret: true }];
    const f = preparer(brut([ligne({ periode: "2026", valeur: 120 })], [], { sommesDesMois: ["i01"], cumuls }));
    expect(chiffresCles(f, "2026")[0]!.evolution).toBe("janvier–octobre 2025 : s");
  });

  it("année en cours qui n'est pas la somme de ses mois (personnes distinctes) : pas de pourcentage", () => {
    const cumuls = [{ indicateur: "i01", periode: "2025-01..2025-10", valeur: 80, secret: false }];
    const f = preparer(brut([ligne({ periode: "2025", valeur: 150 }), ligne({ periode: "2026", valeur: 120 })], [], { cumuls }));
    const [c] = chiffresCles(f, "2026");
    expect(c).toMatchObject({ detail: "personnes, janvier–octobre 2026", evolution: "comparaison sur l'année complète indisponible en cours d'année", periodeComparee: null });
  });

  it("un chiffre sous secret est « s », sans évolution calculée", () => {
    const f = preparer(brut([ligne({ periode: "2024", valeur: 100 }), ligne({ periode: "2025", valeur: null, secret: true })]));
    expect(chiffresCles(f, "2025")[0]).toMatchObject({ valeur: null, secret: true, evolution: null });
  });

  it("période de convention : libellé français, comparée à la même période un an plus tôt, pas en cours", () => {
    const lignes = [ligne({ periode: "2025", valeur: 150 }), ligne({ periode: "2024-11/2025-10", valeur: 80 }), ligne({ periode: "2025-11/2026-10", valeur: 100 }), ligne({ periode: "2026-06/2027-05", valeur: 30 })];
    const f = preparer({ ...brut(lignes), annees: ["2025"], conventions: ["2024-11/2025-10", "2025-11/2026-10", "2026-06/2027-05"] });
    // Complete (the cut-off, October 2026, is its last month): 100 − 80 = +20 ; 20 / 80 = +25 %.
    expect(chiffresCles(f, "2025-11/2026-10")[0]).toMatchObject({
      valeur: 100,
      periode: "2025-11/2026-10",
      detail: "personnes, sur la convention de nov. 2025 à oct. 2026",
      evolution: "+20 (+25 %) par rapport à convention de nov. 2024 à oct. 2025 (80)",
    });
    // Running past the cut-off: no comparison with a whole period.
    expect(chiffresCles(f, "2026-06/2027-05")[0]!.evolution).toBe("comparaison indisponible tant que la période de convention est en cours");
    expect(libellePeriode("2026-11/2027-10")).toBe("convention de nov. 2026 à oct. 2027");
    expect([moisDansPeriode("2025-11/2026-10", "2025-11"), moisDansPeriode("2025-11/2026-10", "2026-10"), moisDansPeriode("2025-11/2026-10", "2026-11"), moisDansPeriode("2026", "2026-03")]).toEqual([true, true, false, true]);
  });

  it("sans liste de chiffres clés, les premiers indicateurs principaux ; la carte prend le niveau le plus fin", () => {
    const f = preparer(
      brut([
        ligne({ indicateur: "i02" }),
        ligne({ indicateur: "i01" }),
        ligne({ indicateur: "i01_entrees" }),
        ligne({ indicateur: "i01", niveau: "territoire_lda", territoire: "artois" }),
        ligne({ indicateur: "i01", niveau: "ami", territoire: "ami1" }),
      ]),
    );
    expect(chiffresCles(f, "2026").map((c) => c.indicateur)).toEqual(["i01", "i02"]);
    expect(indicateursCartographiables(f)).toEqual([{ indicateur: "i01", niveau: "territoire_lda" }]);
  });
});

describe("extraits : CSV standard, CSV pour Excel, Parquet", () => {
  it("RFC 4180, BOM + point-virgule + virgule décimale, Parquet relu à l'identique", async () => {
    const dir = mkdtempSync(join(tmpdir(), "extraits-"));
    const connection = await openDatabase(":memory:");
    await connection.run(`CREATE TABLE t AS SELECT * FROM (VALUES ('a', 'texte, avec "guillemets"', 12.0::DOUBLE), ('b', 'point;virgule', 1.25::DOUBLE), ('c', 'é', NULL::DOUBLE)) v(code, libelle, valeur)`);
    await writeExtract(connection, "t", join(dir, "t.csv"), "csv");
    await writeExtract(connection, "t", join(dir, "t-excel.csv"), "excel");
    await writeExtract(connection, "t", join(dir, "t.parquet"), "parquet");
    const standard = readFileSync(join(dir, "t.csv"));
    expect(standard[0]).not.toBe(0xef);
    expect(standard.toString("utf8")).toBe('code,libelle,valeur\r\na,"texte, avec ""guillemets""",12\r\nb,point;virgule,1.25\r\nc,é,\r\n');
    const excel = readFileSync(join(dir, "t-excel.csv"));
    expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(excel.subarray(3).toString("utf8")).toBe('code;libelle;valeur\r\na;"texte, avec ""guillemets""";12\r\nb;"point;virgule";1,25\r\nc;é;\r\n');
    expect(readFileSync(join(dir, "t.parquet")).subarray(0, 4).toString()).toBe("PAR1");
    const relu = await query<{ code: string; valeur: number | null }>(connection, `SELECT code, valeur FROM '${join(dir, "t.parquet")}' ORDER BY code`);
    expect(relu).toEqual([{ code: "a", valeur: 12 }, { code: "b", valeur: 1.25 }, { code: "c", valeur: null }]);
    closeDatabase(connection);
    expect(licenceText()).toContain("Licence Ouverte / Open Licence version 2.0");
    expect(licenceText()).not.toMatch(/https?:\/\//);
  });
});
