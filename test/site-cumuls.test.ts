// The same-months comparison's data on the demo build (pipelines/site/cumuls.ts): the indicators compared are the
// catalogue's somme_mois ones (no loader-side check any more: sql/tests/annees_sommes_des_mois.sql guards it), and
// the cumuls run to the cut-off month of the incomplete year, as observatory/components/annees.ts reads it.
import { describe, expect, it } from "vitest";
import { moisArrete } from "../observatory/components/annees.ts";
import { query } from "../pipelines/db/duckdb.ts";
import { donneesFiche } from "../pipelines/site/fiches.ts";
import { baseDeDemonstration } from "./helpers/base-demo.ts";

describe("comparaison à mois égaux (build de démonstration)", () => {
  const base = baseDeDemonstration();

  it("compare les indicateurs dont l'année est la somme des mois, jusqu'au mois d'arrêté", async () => {
    const d = await donneesFiche(base(), "f2_4_adsl");
    // i03 (a measure's sub-lease starts once) is somme_mois = oui; i01 (persons active, recounted each month) and
    // i01_entrees (a person may start two measures in one year) are not
    expect(d.sommesDesMois).toContain("i03");
    expect(d.sommesDesMois).not.toContain("i01");
    expect(d.sommesDesMois).not.toContain("i01_entrees");
    const fin = moisArrete(d.dateArrete, d.dateArrete!.slice(0, 4));
    expect(fin).not.toBeNull();
    expect(d.cumuls.length).toBeGreaterThan(0);
    for (const c of d.cumuls) {
      expect(c.periode).toMatch(new RegExp(`^\\d{4}-01\\.\\.\\d{4}-${fin}$`));
      expect(d.sommesDesMois).toContain(c.indicateur);
    }
    // 2.10's households signalled over the year are distinct households (somme_mois = non): neither listed nor cumulated
    const f210 = await donneesFiche(base(), "f2_10_equipes_mobiles");
    expect(f210.sommesDesMois).not.toContain("i01");
    expect(f210.cumuls.filter((c) => c.indicateur === "i01")).toEqual([]);
  });

  it("l'année en cours vaut son cumul au mois d'arrêté pour chacun de ces indicateurs (ce que la page suppose)", async () => {
    const [{ ecarts, comparees }] = (await query<{ ecarts: number; comparees: number }>(
      base(),
      `SELECT count(*) FILTER (WHERE abs(a.valeur - c.valeur) > 0.1) AS ecarts, count(*) AS comparees
       FROM mart_indicateurs_cumuls AS c
       JOIN mart_indicateurs AS a ON a.fiche = c.fiche AND a.indicateur = c.indicateur AND a.type_periode = 'annee' AND a.periode = c.annee
        AND a.territoire = c.territoire AND a.niveau_territoire = c.niveau_territoire AND a.ventilation = c.ventilation AND a.modalite = c.modalite
       WHERE c.mois_fin = (SELECT month(date_arrete) FROM main.execution) AND c.annee = (SELECT CAST(year(date_arrete) AS VARCHAR) FROM main.execution)`,
    )) as [{ ecarts: number; comparees: number }];
    expect(comparees).toBeGreaterThan(100);
    expect(ecarts).toBe(0);
  });
});
