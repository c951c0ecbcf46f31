// Issue 15, points 3 and 4, in Chromium: the key figures of the incomplete current year say the months they compare
// and show the rows they come from (the year's row, mart_indicateurs_cumuls for the previous year's same months); a
// comparison without data says « pas de donnée »; a masked cell shows « s » and an absent row « nd », each with its
// explanation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPLICATIONS_MARQUES } from "../../observatory/components/marques.ts";
import { closeDatabase, openDatabase, query } from "../../pipelines/db/duckdb.ts";
import { fichesReference, tablePubliee } from "../../pipelines/site/fiches.ts";
import { databaseOfBuild, requireDist } from "./build-info.ts";
import { lancer, type Navigateur } from "./navigateur.ts";

const lireNombre = (texte: string) => Number(texte.replace(/[\s\u202f\u00a0]/g, "").replace(",", "."));
const cle = (fiche: string, indicateur: string, periode: string) => `${fiche}|${indicateur}|${periode}`;

interface Base {
  arrete: string;
  /** Département totals, yearly rows of the published table. */
  annuel: Map<string, { valeur: number | null; secret: boolean }>;
  /** Département cumuls of mart_indicateurs_cumuls (before the site's publishing rule). */
  cumuls: Map<string, number>;
  /** The catalogue's unit of each cumul: an amount in euros is shown to the cent, other figures to one decimal. */
  unites: Map<string, string>;
}

async function base(): Promise<Base> {
  const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
  try {
    const { table, secret } = await tablePubliee(connection);
    const [{ arrete }] = (await query<{ arrete: string }>(connection, "SELECT strftime(date_arrete, '%Y-%m') AS arrete FROM main.execution")) as [{ arrete: string }];
    const annuel = await query<{ fiche: string; indicateur: string; periode: string; valeur: number | null; secret: boolean }>(
      connection,
      `SELECT fiche, indicateur, periode, valeur, ${secret} AS secret FROM ${table}
       WHERE type_periode = 'annee' AND niveau_territoire = 'departement' AND ventilation = 'ensemble'`,
    );
    const cumuls = await query<{ fiche: string; indicateur: string; periode: string; valeur: number; unite: string }>(
      connection,
      `SELECT fiche, indicateur, periode, valeur, (SELECT unite FROM ref.indicateurs i WHERE i.fiche = c.fiche AND i.indicateur = c.indicateur) AS unite
       FROM mart_indicateurs_cumuls c WHERE niveau_territoire = 'departement' AND ventilation = 'ensemble'`,
    );
    return {
      arrete,
      annuel: new Map(annuel.map((l) => [cle(l.fiche, l.indicateur, l.periode), { valeur: l.valeur, secret: Boolean(l.secret) }])),
      cumuls: new Map(cumuls.map((l) => [cle(l.fiche, l.indicateur, l.periode), l.valeur])),
      unites: new Map(cumuls.map((l) => [cle(l.fiche, l.indicateur, l.periode), l.unite])),
    };
  } finally {
    closeDatabase(connection);
  }
}

describe("comparaisons des chiffres clés et marques « s » / « nd », dans Chromium", () => {
  let navigateur: Navigateur;
  let donnees: Base;

  beforeAll(async () => {
    requireDist();
    donnees = await base();
    navigateur = await lancer();
  });

  afterAll(async () => {
    await navigateur?.close();
  });

  it("année en cours : mêmes mois comparés, valeurs égales aux lignes des marts, « pas de donnée » sans cumul", async () => {
    const [annee, moisFin] = donnees.arrete.split("-") as [string, string];
    expect(moisFin, "la démonstration s'arrête en cours d'année").not.toBe("12");
    const precedente = String(Number(annee) - 1);
    const nomMois = new Intl.DateTimeFormat("fr-FR", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, Number(moisFin) - 1, 1)));
    const periodeAvant = `${precedente}-01..${precedente}-${moisFin}`;
    let comparees = 0;
    let sansDonnee = 0;
    for (const f of fichesReference()) {
      const ouverte = await navigateur.ouvrir(`/fiches/${f.fiche}`);
      for (const carte of await ouverte.page.locator(".obs-chiffre").all()) {
        const indicateur = (await carte.getAttribute("data-indicateur"))!;
        expect(await carte.getAttribute("data-periode")).toBe(annee);
        const evolution = (await carte.locator(".obs-chiffre-evolution").textContent()) ?? "";
        // The card says the months it covers; never the whole previous year, never a 0 standing for no data.
        expect(await carte.locator(".obs-chiffre-detail").textContent(), `${f.fiche} ${indicateur}`).toContain(`janvier–${nomMois} ${annee}`);
        expect(evolution).not.toContain("par rapport à");
        const ligne = donnees.annuel.get(cle(f.fiche, indicateur, annee))!;
        if (!ligne.secret) expect(Number(await carte.getAttribute("data-valeur")), `${f.fiche} ${indicateur}`).toBe(ligne.valeur);
        const comparee = await carte.getAttribute("data-periode-comparee");
        if (comparee === null) {
          expect(evolution, `${f.fiche} ${indicateur}`).toBe("comparaison sur l'année complète indisponible en cours d'année");
          continue;
        }
        expect(comparee).toBe(periodeAvant);
        expect(evolution.startsWith(`janvier–${nomMois} ${precedente} : `), `${f.fiche} ${indicateur} : ${evolution}`).toBe(true);
        const cumul = donnees.cumuls.get(cle(f.fiche, indicateur, periodeAvant));
        const affiche = evolution.split(" : ")[1]!.split(" ; ")[0]!;
        if (cumul === undefined) {
          expect(affiche, `${f.fiche} ${indicateur}`).toBe("pas de donnée");
          sansDonnee++;
        } else if (affiche !== "s") {
          expect(Number(await carte.getAttribute("data-valeur-comparee")), `${f.fiche} ${indicateur}`).toBe(cumul);
          const decimales = donnees.unites.get(cle(f.fiche, indicateur, periodeAvant)) === "euros" ? 100 : 10;
          expect(lireNombre(affiche), `${f.fiche} ${indicateur} : ${evolution}`).toBe(Math.round(cumul * decimales) / decimales);
          comparees++;
        }
      }
      await navigateur.fermer(ouverte);
    }
    // The demo data have both cases: fiches reporting since 2024, and fiches that started in December 2025.
    expect(comparees).toBeGreaterThan(0);
    expect(sansDonnee).toBeGreaterThan(0);
  });

  it("« s » sur une case masquée et « nd » sur une ligne absente, chacune avec son explication", async () => {
    const ouverte = await navigateur.ouvrir("/fiches/f2_4_adsl");
    const { page } = ouverte;
    const secret = page.locator('abbr.obs-marque[data-marque="s"]').first();
    expect(await secret.textContent()).toBe("s");
    expect(await secret.getAttribute("title")).toBe(EXPLICATIONS_MARQUES.s);
    // The map's table lists every territory of its level: those without a row of the published table read « nd ».
    const bloc = page.locator(".obs-carte-bloc");
    const indicateur = await page.locator('select[name="indicateur-carte"]').inputValue();
    const annee = await page.locator('select[name="annee"]').inputValue();
    const codes = await bloc.locator("path[data-territoire]").evaluateAll((ps) => ps.map((p) => p.getAttribute("data-territoire")!));
    const connection = await openDatabase(databaseOfBuild(), { readOnly: true });
    let avecLigne: Set<string>;
    try {
      const { table } = await tablePubliee(connection);
      const lignes = await query<{ territoire: string }>(
        connection,
        `SELECT territoire FROM ${table} WHERE fiche = 'f2_4_adsl' AND indicateur = ? AND periode = ? AND type_periode = 'annee' AND ventilation = 'ensemble'
           AND territoire IN (${codes.map(() => "?").join(", ")})`,
        [indicateur, annee, ...codes],
      );
      avecLigne = new Set(lignes.map((l) => l.territoire));
    } finally {
      closeDatabase(connection);
    }
    const sansLigne = codes.filter((c) => !avecLigne.has(c)).length;
    expect(sansLigne, "la démonstration a des territoires sans ligne pour 2.4").toBeGreaterThan(0);
    const absentes = bloc.locator('table abbr.obs-marque[data-marque="nd"]');
    expect(await absentes.count()).toBe(sansLigne);
    expect(await absentes.first().textContent()).toBe("nd");
    expect(await absentes.first().getAttribute("title")).toBe(EXPLICATIONS_MARQUES.nd);
    await navigateur.fermer(ouverte);
  });
});
