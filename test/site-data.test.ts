// What the site's data loaders read, checked on the stand-in database (test/e2e/stub-db.ts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, query } from "../pipelines/db/duckdb.ts";
import { openSiteDatabase, readExecution } from "../pipelines/site/database.ts";
import { chiffresCles, lignesAnnuelles, lignesMensuelles } from "../pipelines/site/lda.ts";
import { TOUTES } from "../observatory/components/donnees.ts";
import { createStubDatabase } from "./e2e/stub-db.ts";

describe("données du site", () => {
  let connection: DuckDBConnection;

  beforeAll(async () => {
    const path = await createStubDatabase(join(mkdtempSync(join(tmpdir(), "site-db-")), "stub.duckdb"));
    connection = await openSiteDatabase(path);
  });
  afterAll(() => connection && closeDatabase(connection));

  it("refuse clairement une base absente", async () => {
    await expect(openSiteDatabase("/nulle/part.duckdb")).rejects.toThrow(/Base introuvable.*npm run build/);
  });

  it("lit l'exécution : données fictives, date de génération, date d'arrêté", async () => {
    expect(await readExecution(connection)).toEqual({ donneesFictives: true, genereLe: "2026-10-05T08:30:00.000Z", dateArrete: "2026-09" });
  });

  it("ne publie que des colonnes agrégées, jamais d'identifiant", async () => {
    const annuel = await lignesAnnuelles(connection);
    expect(annuel.length).toBeGreaterThan(100);
    expect(Object.keys(annuel[0]!).sort()).toEqual(["fiche", "indicateur", "modalite", "niveau", "periode", "secret", "territoire", "valeur", "ventilation"]);
    // Breakdowns only at département level; territories carry totals (the map).
    expect(annuel.filter((l) => l.niveau === "territoire_lda" && l.ventilation !== "ensemble")).toEqual([]);
    expect(annuel.some((l) => l.niveau === "ami")).toBe(false);
  });

  it("cumule les mois-mesures de l'année quand le mart ne les publie que par mois", async () => {
    const annuel = await lignesAnnuelles(connection);
    const x01 = annuel.find((l) => l.fiche === "f2_5_vial" && l.indicateur === "x01" && l.niveau === "departement" && l.periode === "2026");
    const [{ v }] = (await query<{ v: number }>(
      connection,
      "SELECT sum(valeur) AS v FROM mart_indicateurs WHERE fiche = 'f2_5_vial' AND indicateur = 'x01' AND territoire = '62' AND periode LIKE '2026-%'",
    )) as [{ v: number }];
    expect(x01?.valeur).toBe(v);
    const mensuel = await lignesMensuelles(connection);
    expect(mensuel.filter((l) => l.fiche === "f2_5_vial" && l.periode.startsWith("2026-"))).toHaveLength(9);
  });

  it("l'ensemble des quatre fiches : des lignes du mart, masquées dès qu'une fiche l'est", async () => {
    const annuel = await lignesAnnuelles(connection);
    const ensemble = annuel.filter((l) => l.fiche === TOUTES);
    expect(ensemble.length).toBeGreaterThan(10);
    // 2.7 alone has the « dispositif » breakdown: no sum of it.
    expect(ensemble.some((l) => l.ventilation === "dispositif")).toBe(false);
    const cle = (l: { indicateur: string; periode: string; territoire: string; ventilation: string; modalite: string }) =>
      [l.indicateur, l.periode, l.territoire, l.ventilation, l.modalite].join("|");
    const fiches = new Map<string, typeof annuel>();
    for (const l of annuel.filter((l) => l.fiche !== TOUTES)) fiches.set(cle(l), [...(fiches.get(cle(l)) ?? []), l]);
    // Each published sum is the sum of the fiches' published cells; one masked fiche masks it.
    let masquees = 0;
    for (const e of ensemble.filter((l) => l.indicateur !== "x01")) {
      const parts = fiches.get(cle(e)) ?? [];
      expect(parts.length, cle(e)).toBeGreaterThan(0);
      if (parts.some((p) => p.secret)) {
        masquees += 1;
        expect(e, cle(e)).toMatchObject({ valeur: null, secret: true });
      } else expect(e.valeur, cle(e)).toBeCloseTo(parts.reduce((s, p) => s + p.valeur!, 0), 6);
    }
    expect(masquees).toBeGreaterThan(0);
  });

  it("chiffres clés de l'accueil : dernière année, somme des quatre fiches", async () => {
    const { annee, periode, chiffres } = await chiffresCles(connection);
    expect(annee).toBe("2026");
    // The stand-in data stop in September 2026 (main.execution): the year under way is a cumul of its months.
    expect(periode).toBe("cumul janvier–septembre 2026");
    const [{ v }] = (await query<{ v: number }>(
      connection,
      "SELECT sum(valeur) AS v FROM mart_indicateurs WHERE indicateur = 'i01' AND territoire = '62' AND ventilation = 'ensemble' AND periode = '2026'",
    )) as [{ v: number }];
    expect(chiffres.find((c) => c.indicateur === "i01")?.valeur).toBe(v);
    // The catalogue's key figures of the four fiches (column chiffre_cle), with their short labels.
    expect(chiffres.map((c) => c.indicateur)).toEqual(["i01", "i01_entrees", "i02", "x01"]);
    expect(chiffres[0]).toMatchObject({ libelle: "Personnes accompagnées", unite: "personnes" });
  });
});
