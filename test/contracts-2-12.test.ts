// Conditional requirements of the 2.12 contracts (précarité énergétique): the row is refused with the column and a reason to act on.
import { describe, expect, it } from "vitest";
import { peActionsInnovantes, peMenages, pePrestations } from "../pipelines/contracts/f2_12_prevention_pe.ts";
import { issuesOf } from "./helpers/contracts.ts";


// A household still accompanied, written the way an operator types it: French dates, decimals, Oui/Non, labels.
const menage = {
  id_menage: "PE1",
  nom_menage: "Dupont",
  adresse_logement: "12 rue des Fleurs",
  code_commune: "Calais",
  lot: "Lot 1 : Calaisis, Boulonnais, Montreuillois, Audomarois",
  annee_naissance: "1992",
  composition_familiale: "famille_monoparentale",
  type_ressources_principal: "rsa",
  ressources_mensuelles: "1 120,50",
  situation_budgetaire_depart: "endettement",
  statut_occupation: "Locataire parc privé",
  structure_origine_type: "slisl_mds",
  repere_par_operateur: "Non",
  date_validation_slisl: "15/06/2026",
  duree_fixee_slisl_mois: "4",
  motifs_demande: "impayes_energie|inconfort_thermique",
  difficultes_energie_logement: "dette_energie",
  date_debut: "22/06/2026",
};
const fin = {
  date_fin: "20/10/2026",
  motif_arret: "fin_prevue_objectifs_atteints",
  evolution_difficultes: "partiellement_resolues",
  situation_budgetaire_fin: "fragile",
  evaluation_plus_value: "satisfait",
};

describe("2.12 pe_menages", () => {
  it("accepts an ongoing and an ended household in French formats", () => {
    expect(issuesOf(peMenages, menage)).toEqual([]);
    expect(issuesOf(peMenages, { ...menage, ...fin })).toEqual([]);
  });

  it("marks the name and address as personal", () => {
    const personal = peMenages.columnList.filter((c) => c.personal).map((c) => c.name);
    expect(personal).toEqual(["nom_menage", "adresse_logement"]);
  });

  it("requires the age or the birth year", () => {
    expect(issuesOf(peMenages, { ...menage, annee_naissance: "" })).toEqual([["age_entree", expect.stringContaining("année de naissance")]]);
  });

  it("requires the end-of-bilan fields once ended, and the end date once a stop reason is given", () => {
    for (const column of ["motif_arret", "evolution_difficultes", "situation_budgetaire_fin", "evaluation_plus_value"]) {
      expect(issuesOf(peMenages, { ...menage, ...fin, [column]: "" })).toEqual([[column, expect.stringContaining("terminé")]]);
    }
    expect(issuesOf(peMenages, { ...menage, motif_arret: "abandon_menage" })).toEqual([["date_fin", expect.stringContaining("motif d'arrêt")]]);
    expect(issuesOf(peMenages, { ...menage, ...fin, date_fin: "01/06/2026" })).toEqual([["date_fin", expect.stringContaining("antérieure")]]);
  });

  it("refuses a SLISL duration outside 3 to 6 months", () => {
    expect(issuesOf(peMenages, { ...menage, duree_fixee_slisl_mois: "8" }).map(([c]) => c)).toEqual(["duree_fixee_slisl_mois"]);
  });
});

describe("2.12 pe_prestations and pe_actions_innovantes", () => {
  const acte = { id_prestation: "P1", id_menage: "PE1", date_prestation: "31/07/2026", montant_facture: "150,00" };

  it("requires the month of a monthly accompaniment only", () => {
    expect(issuesOf(pePrestations, { ...acte, type_prestation: "accompagnement_mensuel_bati", mois: "07/2026" })).toEqual([]);
    expect(issuesOf(pePrestations, { ...acte, type_prestation: "porte_close", montant_facture: "40" })).toEqual([]);
    expect(issuesOf(pePrestations, { ...acte, type_prestation: "accompagnement_mensuel_habitudes_vie" })).toEqual([
      ["mois", expect.stringContaining("accompagnement mensuel")],
    ]);
  });

  it("keeps an action under 6 participants (only its funding is withheld)", () => {
    const action = { id_action: "A1", date: "17/09/2026", format: "collectif", type_action: "atelier_collectif", code_commune: "62041", nb_participants: "4" };
    expect(issuesOf(peActionsInnovantes, action)).toEqual([]);
  });
});
