// Conditional requirements of the 2.10, 2.11 and 2.13 contracts: the row is refused with the column and a reason to act on.
import { describe, expect, it } from "vitest";
import { emContactsBailleurs, emInterventions } from "../pipelines/contracts/f2_10_equipes_mobiles.ts";
import { sensEmargements, sensEvaluations, sensSessions } from "../pipelines/contracts/f2_11_sensibilisation_pe.ts";
import { gdvGrandsPassages, gdvHabitatAdapte, gdvSollicitationsCollectivites } from "../pipelines/contracts/f2_13_gens_du_voyage.ts";
import type { AnyReport } from "../pipelines/contracts/index.ts";
import { rowValidator } from "../pipelines/ingest/validate.ts";
import { resolveEpci } from "../pipelines/normalise/places.ts";
import { issuesOf } from "./helpers/contracts.ts";

const columnsOf = (report: unknown, raw: Record<string, unknown>) => issuesOf(report, raw).map(([c]) => c);

describe("2.10 équipes mobiles", () => {
  // A household still followed, typed the way an operator writes it: French dates and decimals, labels, Oui/Non.
  const intervention = {
    id_intervention: "EM1",
    id_menage: "M1",
    territoire_lda: "Lens-Hénin",
    code_commune: "Lens",
    date_signalement: "03/02/2026",
    source_signalement: "commissaire_justice_commandement",
    stade_procedure_signalement: "Commandement de payer",
    parc: "Parc privé",
    montant_dette: "2 350,50",
    eligible: "Oui",
    statut: "En cours",
  };

  it("accepts a household in progress written in French formats", () => {
    expect(issuesOf(emInterventions, intervention)).toEqual([]);
    expect(issuesOf(emContactsBailleurs, { id_contact: "B1", id_intervention: "EM1", id_bailleur: "BAIL1", type_bailleur: "SCI", date_contact: "16/02/2026" })).toEqual([]);
  });

  it("refuses a territory outside the five AMI territories", () => {
    expect(columnsOf(emInterventions, { ...intervention, territoire_lda: "calaisis" })).toEqual(["territoire_lda"]);
  });

  it("requires the reason of non-eligibility", () => {
    expect(issuesOf(emInterventions, { ...intervention, eligible: "Non" })).toEqual([["motif_non_eligibilite", expect.stringContaining("non éligible")]]);
    expect(issuesOf(emInterventions, { ...intervention, eligible: "Non", motif_non_eligibilite: "dette_hors_criteres" })).toEqual([]);
  });

  it("requires the number of weeks of an accompaniment, and a start before its end", () => {
    expect(issuesOf(emInterventions, { ...intervention, date_debut_accompagnement: "23/02/2026" })).toEqual([
      ["nb_semaines_accompagnement", expect.stringContaining("semaines")],
    ]);
    expect(columnsOf(emInterventions, { ...intervention, date_fin_accompagnement: "17/04/2026", nb_semaines_accompagnement: "8" })).toEqual(["date_debut_accompagnement"]);
    expect(
      columnsOf(emInterventions, { ...intervention, date_debut_accompagnement: "17/04/2026", date_fin_accompagnement: "23/02/2026", nb_semaines_accompagnement: "8" }),
    ).toEqual(["date_fin_accompagnement"]);
  });

  it("requires the end date and the outcome of a completed intervention", () => {
    expect(columnsOf(emInterventions, { ...intervention, statut: "Terminée" })).toEqual(["date_fin_intervention", "issue"]);
    expect(issuesOf(emInterventions, { ...intervention, statut: "terminee", date_fin_intervention: "17/04/2026", issue: "dette_soldee" })).toEqual([]);
  });
});

describe("2.11 sensibilisation précarité énergétique", () => {
  it("accepts a session and an evaluation written in French formats", () => {
    const session = {
      id_session: "S1",
      lot: "Lot 1 : Calaisis, Boulonnais, Montreuillois, Audomarois",
      programme: "Niveau 2 – approfondissement",
      date: "15/09/2026",
      code_commune_lieu: "Calais",
      duree_heures: "3,5",
      nb_participants_presents: "12",
      support_remis: "Oui",
    };
    expect(issuesOf(sensSessions, session)).toEqual([]);
    expect(issuesOf(sensEvaluations, { id_evaluation: "E1", id_session: "S1", satisfaction_globale: "Très satisfait", recommanderait: "Oui" })).toEqual([]);
  });

  const emargement = {
    id_session: "S1",
    structure: "CCAS de Calais",
    type_structure: "CCAS",
    fonction: "CESF",
    categorie_professionnelle: "ccas",
    present: "Oui",
  };

  it("marks the name and contact columns as personal", () => {
    expect(sensEmargements.columnList.filter((c) => c.personal).map((c) => c.name)).toEqual(["nom_participant", "coordonnees_participant"]);
  });

  it("needs a participant identifier or a name to derive it from, and never shows the name in quarantine", () => {
    expect(issuesOf(sensEmargements, { ...emargement, id_participant: "P1" })).toEqual([]);
    expect(issuesOf(sensEmargements, { ...emargement, nom_participant: "Martin Claire" })).toEqual([]);
    expect(issuesOf(sensEmargements, emargement)).toEqual([["id_participant", expect.stringContaining("à défaut, son nom")]]);
    const result = rowValidator(sensEmargements as unknown as AnyReport, "OP").validate(2, {
      code_operateur: "OP",
      ...emargement,
      id_participant: "P1",
      nom_participant: "Martin Claire",
      present: "peut-être",
    });
    expect(JSON.stringify(result)).not.toContain("Martin");
  });
});

describe("2.13 gens du voyage", () => {
  const passage = {
    id_passage: "GP1",
    prevu_au_planning: "Oui",
    date_arrivee_prevue: "07/06/2026",
    nb_caravanes_prevu: "150",
    realise: "Oui",
    date_arrivee: "07/06/2026",
    date_depart: "21/06/2026",
    code_commune: "Saint-Omer",
    type_site: "aire_grand_passage",
    installation_irreguliere: "Non",
    nb_caravanes: "140",
  };

  it("accepts a planned, realised grand passage in French formats", () => {
    expect(issuesOf(gdvGrandsPassages, passage)).toEqual([]);
  });

  it("requires the planned figures of a planned passage and the actual ones of a realised passage", () => {
    const { date_arrivee_prevue: _d, nb_caravanes_prevu: _n, date_arrivee: _a, nb_caravanes: _c, ...bare } = passage;
    expect(columnsOf(gdvGrandsPassages, bare)).toEqual(["date_arrivee_prevue", "nb_caravanes_prevu", "date_arrivee", "nb_caravanes"]);
    expect(columnsOf(gdvGrandsPassages, { ...bare, prevu_au_planning: "Non", realise: "Non", mediation_realisee: "Non" })).toEqual([]);
  });

  // Spec 2.13 r03 is a warning (sql/mart_f2_13_alertes.sql): the passage loads and the alert asks for the answer.
  it("loads a passage outside the planning, on an irregular installation or an unlisted site without the mediation answer", () => {
    expect(issuesOf(gdvGrandsPassages, { ...passage, prevu_au_planning: "Non" })).toEqual([]);
    expect(columnsOf(gdvGrandsPassages, { ...passage, installation_irreguliere: "Oui" })).toEqual([]);
    expect(columnsOf(gdvGrandsPassages, { ...passage, type_site: "site_non_inscrit" })).toEqual([]);
  });

  it("requires the commune or the EPCI SIREN that matches the type of collectivity", () => {
    const sollicitation = { id_sollicitation: "C1", date: "22/06/2026", objet: "stationnement_illicite" };
    expect(issuesOf(gdvSollicitationsCollectivites, { ...sollicitation, type_collectivite: "Commune", code_commune: "62498" })).toEqual([]);
    expect(issuesOf(gdvSollicitationsCollectivites, { ...sollicitation, type_collectivite: "EPCI", epci_siren: "246200364" })).toEqual([]);
    expect(issuesOf(gdvSollicitationsCollectivites, { ...sollicitation, type_collectivite: "commune" })).toEqual([["code_commune", expect.stringContaining("commune")]]);
    expect(issuesOf(gdvSollicitationsCollectivites, { ...sollicitation, type_collectivite: "epci" })).toEqual([["epci_siren", expect.stringContaining("SIREN")]]);
    // r05 is an error: an unreadable SIREN blocks the row instead of being ignored.
    expect(columnsOf(gdvSollicitationsCollectivites, { ...sollicitation, type_collectivite: "epci", epci_siren: "2462003" })).toEqual(["epci_siren"]);
  });

  it("reads the EPCI by SIREN or by name in any spelling, and suggests the closest name", () => {
    for (const spelling of ["246200364", "246 200 364", "CA de Lens - Liévin", "Lens-Liévin", "LENS LIEVIN", "lens lievin"]) {
      expect(resolveEpci(spelling), spelling).toEqual({ ok: "246200364" });
    }
    expect(resolveEpci("CA du Boulonnais")).toEqual({ ok: "246200729" });
    expect(resolveEpci("Lens Lievn")).toEqual({ error: expect.stringContaining("vouliez-vous dire « CA de Lens - Liévin » ?") });
    // A real SIREN of an EPCI outside the département is refused.
    expect(resolveEpci("245900410")).toEqual({ error: expect.stringContaining("n'est pas le SIREN d'un EPCI du Pas-de-Calais") });
  });

  it("requires at least one partner of an adapted-housing action", () => {
    const action = { id_action: "HA1", date: "08/04/2026", type_action: "Étude d'opportunité", etude_realisee: "Oui", statut: "en_cours" };
    expect(issuesOf(gdvHabitatAdapte, { ...action, avec: "bailleur|Gestionnaire d'aire d'accueil" })).toEqual([]);
    expect(columnsOf(gdvHabitatAdapte, { ...action, avec: "|" })).toEqual(["avec"]);
  });
});
