// Commune and territory given on one row must agree (spec §0.3, issue 14 point 3): a disagreement is quarantined at the
// territory's column with both values and the commune's own territory, through DuckDB as through zod.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPORTS } from "../pipelines/contracts/index.ts";
import { openDatabase, query } from "../pipelines/db/duckdb.ts";
import { ingestDirectory } from "../pipelines/ingest/index.ts";

const MESURES =
  "code_operateur,id_mesure,id_personne,id_menage,dispositif,territoire_lda,sexe,age_entree,composition_familiale,situation_logement_entree,date_signature_contrat,date_debut,code_commune\n";
const mesure = (id: string, dispositif: string, territoire: string, commune: string) =>
  `OP-A,${id},P${id},H${id},${dispositif},${territoire},F,34,personne_seule,rue,2026-01-10,2026-01-15,${commune}\n`;
const CONSULTATIONS =
  "code_operateur,id_consultation,date_consultation,mode_consultation,id_lieu,id_usager,type_consultant,code_commune_usager,territoire_mds_usager,statut_occupation,sexe,tranche_age,composition_familiale,situation_professionnelle,motif,theme_principal,themes_secondaires,domaine,habitat_indigne,permis_de_louer,orientation_vers\n";
const consultation = (id: string, commune: string, territoire: string) =>
  `OP-I,${id},2026-03-10,permanence,L-ARRAS,U${id},particulier,${commune},${territoire},locataire_parc_prive,F,36_50,famille_monoparentale,emploi,,rapports_locatifs,,juridique,Non,Non,aucune\n`;

async function ingest(sql: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "obs-lieux-"));
  writeFileSync(
    join(dir, "lda_mesures__OP-A__2026-06.csv"),
    MESURES +
      mesure("M1", "adsl", "lens_henin", "62498") + // Lens, in Lens-Hénin: loaded
      mesure("M2", "vial", "arrageois_ternois", "62041") + // Arras, CU d'Arras: in no LDA territory (2.7 excludes it)
      mesure("M3", "adsl", "lens_henin", "62119") + // Béthune is in the Artois LDA territory
      mesure("M4", "vial", "arrageois_ternois", ""), // no commune: the territory alone is kept
  );
  writeFileSync(
    join(dir, "info_consultations__OP-I__2026-06.csv"),
    CONSULTATIONS + consultation("C1", "62193", "calaisis") + consultation("C2", "62193", "boulonnais") + consultation("C3", "62193", ""),
  );
  const connection = await openDatabase(":memory:");
  await ingestDirectory(connection, dir, { sql, dateReference: "2026-06-30" });
  return {
    mesures: await query(connection, "SELECT id_mesure FROM raw.lda_mesures ORDER BY id_mesure"),
    consultations: await query(connection, "SELECT id_consultation FROM raw.info_consultations ORDER BY id_consultation"),
    quarantaine: await query(connection, "SELECT nom_fichier, ligne, colonne, valeur_brute, motif FROM raw.quarantaine ORDER BY nom_fichier, ligne"),
  };
}

describe("commune and territory on one row", () => {
  it("are cross-checked: a disagreement is quarantined with both values and the commune's territory, alike through DuckDB and zod", async () => {
    const [sql, zod] = [await ingest(true), await ingest(false)];
    expect(sql).toEqual(zod);
    expect(sql.mesures).toEqual([{ id_mesure: "M1" }, { id_mesure: "M4" }]);
    expect(sql.consultations).toEqual([{ id_consultation: "C1" }, { id_consultation: "C3" }]);
    expect(sql.quarantaine).toEqual([
      {
        nom_fichier: "info_consultations__OP-I__2026-06.csv",
        ligne: 3,
        colonne: "territoire_mds_usager",
        valeur_brute: "boulonnais",
        motif:
          "Territoire de l'usager (territoire_mds_usager) : territoire MDS « boulonnais » et commune 62193 (Calais, CA Grand Calais Terres et Mers) (code_commune_usager) " +
          "en désaccord : la commune appartient au territoire MDS « calaisis » ; corriger la commune ou le territoire MDS (ou laisser le territoire MDS vide : il se déduit de la commune)",
      },
      {
        nom_fichier: "lda_mesures__OP-A__2026-06.csv",
        ligne: 3,
        colonne: "territoire_lda",
        valeur_brute: "arrageois_ternois",
        motif:
          "Territoire Logement d'abord (territoire_lda) : territoire Logement d'abord « arrageois_ternois » et commune 62041 (Arras, CU d'Arras) (code_commune) en désaccord : " +
          "la commune n'appartient à aucun territoire Logement d'abord (la CU d'Arras est hors du Logement d'abord, fiche 2.7 comprise) ; corriger la commune ou le territoire Logement d'abord",
      },
      {
        nom_fichier: "lda_mesures__OP-A__2026-06.csv",
        ligne: 4,
        colonne: "territoire_lda",
        valeur_brute: "lens_henin",
        motif:
          "Territoire Logement d'abord (territoire_lda) : territoire Logement d'abord « lens_henin » et commune 62119 (Béthune, CA de Béthune-Bruay, Artois-Lys Romane) (code_commune) " +
          "en désaccord : la commune appartient au territoire Logement d'abord « artois » ; corriger la commune ou le territoire Logement d'abord",
      },
    ]);
  });

  it("are paired in every contract carrying both, except where the spec makes the agreement a rule of its fiche (2.11 r09, 2.12 r14, 2.13 r05)", () => {
    const pairs = REPORTS.flatMap((r) =>
      r.rules.filter((x) => x.when.sql.includes(`|| '|' ||`)).map((x) => `${r.table}: ${/\("(\w+)"/.exec(x.when.sql)![1]} ↔ ${x.column}`),
    );
    expect(pairs).toEqual([
      "info_consultations: code_commune_usager ↔ territoire_mds_usager",
      "info_actions_information: code_commune ↔ territoire_mds",
      "nv_consultations: code_commune_logement ↔ territoire_mds",
      "lda_saisines: code_commune ↔ territoire_lda",
      "lda_mesures: code_commune ↔ territoire_lda",
      "em_interventions: code_commune ↔ territoire_lda",
      "gdv_habitat_adapte: code_commune ↔ epci_siren",
    ]);
  });
});
