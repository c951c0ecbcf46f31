// Conditional requirements of the 2.3 (ASTRE), 2.8 (GEP) and 2.9 (youth observatory) contracts:
// a row typed the French way is accepted; a missing conditional value is refused with its column.
import { describe, expect, it } from "vitest";
import { astreContacts, astreMesures, astreSaisines } from "../pipelines/contracts/f2_3_astre.ts";
import { gepParticipations, gepRencontres } from "../pipelines/contracts/f2_8_gep.ts";
import { obsCohorte, obsDemandesSiao, obsLivrables, obsRencontres } from "../pipelines/contracts/f2_9_observatoire_jeunes.ts";
import { issuesOf } from "./helpers/contracts.ts";


describe("2.3 ASTRE", () => {
  const saisine = {
    id_saisine: "AS1",
    id_menage: "M1",
    date_identification: "04/11/2026",
    eligible_identifie: "Oui",
    structure_origine_type: "fsl_fonds_travaux",
    code_commune: "62588",
  };

  it("requires the decision date once decided, and the diagnostic's date and amount once mandated", () => {
    expect(issuesOf(astreSaisines, { ...saisine, decision_spslh: "en_attente", diagnostic_mandate: "aucun" })).toEqual([]);
    expect(issuesOf(astreSaisines, { ...saisine, decision_spslh: "validee", date_decision: "20/11/2026", diagnostic_mandate: "complet", date_diagnostic: "18/11/2026", montant_diagnostic: "440,00" })).toEqual([]);
    expect(issuesOf(astreSaisines, { ...saisine, decision_spslh: "refusee" })).toEqual([["date_decision", expect.stringContaining("décision")]]);
    expect(issuesOf(astreSaisines, { ...saisine, diagnostic_mandate: "simple" }).map(([c]) => c)).toEqual(["date_diagnostic", "montant_diagnostic"]);
  });

  const mesure = {
    id_mesure: "A1",
    id_menage: "M1",
    id_saisine: "AS1",
    date_debut: "01/12/2026",
    code_commune: "62588",
    perimetre_operation: "diffus",
    statut_occupation: "proprietaire_occupant",
    composition_familiale: "personne_seule",
    annee_naissance: "1955",
    types_travaux_prevus: "renovation_energetique|adaptation_vieillissement",
    montant_travaux_prevus: "28 500,00",
    statut_travaux: "en_cours",
    photos_avant_transmises: "Oui",
    photos_apres_transmises: "Non",
  };
  const fin = { date_fin: "29/10/2027", motif_arret: "fin_normale_travaux_acheves", satisfaction: "tres_satisfait" };
  const acheves = { statut_travaux: "acheves", types_travaux_realises: "renovation_energetique", montant_travaux_realises: "31 200,00" };

  it("accepts a running and an ended measure in French formats", () => {
    expect(issuesOf(astreMesures, mesure)).toEqual([]);
    expect(issuesOf(astreMesures, { ...mesure, ...fin, ...acheves })).toEqual([]);
  });

  it("requires the age or birth year, the end fields of an ended measure and the realised works once finished", () => {
    expect(issuesOf(astreMesures, { ...mesure, annee_naissance: "" })).toEqual([["age_entree", expect.stringContaining("année de naissance")]]);
    expect(issuesOf(astreMesures, { ...mesure, motif_arret: "abandon_projet" })).toEqual([["date_fin", expect.stringContaining("motif d'arrêt")]]);
    expect(issuesOf(astreMesures, { ...mesure, ...fin, motif_arret: "" })).toEqual([["motif_arret", expect.stringContaining("terminée")]]);
    expect(issuesOf(astreMesures, { ...mesure, ...fin, satisfaction: "" })).toEqual([["satisfaction", expect.stringContaining("terminée")]]);
    expect(issuesOf(astreMesures, { ...mesure, ...fin, date_fin: "01/06/2026" })).toEqual([["date_fin", expect.stringContaining("antérieure")]]);
    expect(issuesOf(astreMesures, { ...mesure, statut_travaux: "acheves" }).map(([c]) => c)).toEqual(["types_travaux_realises", "montant_travaux_realises"]);
  });

  it("reads contact labels in French", () => {
    expect(issuesOf(astreContacts, { id_contact: "C1", id_mesure: "A1", date: "08/12/2026", type_contact: "visite", lieu: "À domicile" })).toEqual([]);
  });
});

describe("2.8 GEP", () => {
  it("accepts a meeting with its group label and coffee amount", () => {
    const rencontre = { id_rencontre: "G1", territoire_groupe: "Lens-Hénin", date: "10/12/2026", type_rencontre: "temps_information", modalite: "presentiel", nb_participants: "14", montant_accueil_cafe: "45,50" };
    expect(issuesOf(gepRencontres, rencontre)).toEqual([]);
    expect(issuesOf(gepRencontres, { ...rencontre, territoire_groupe: "calaisis" }).map(([c]) => c)).toEqual(["territoire_groupe"]);
  });

  it("allows aggregated rows but counts one person per named participant", () => {
    expect(issuesOf(gepParticipations, { id_rencontre: "G1", provenance_professionnelle: "ccas", nb: "4" })).toEqual([]);
    expect(issuesOf(gepParticipations, { id_rencontre: "G1", id_participant: "P1", provenance_professionnelle: "spip" })).toEqual([]);
    expect(issuesOf(gepParticipations, { id_rencontre: "G1", id_participant: "P1", provenance_professionnelle: "spip", nb: "3" })).toEqual([["nb", expect.stringContaining("agrégée")]]);
  });
});

describe("2.9 observatoire des jeunes", () => {
  const demande = {
    id_demande: "D1",
    id_personne: "P1",
    date_demande: "02/03/2026",
    canal: "Appel au 115",
    antenne_siao: "Calaisis",
    sexe: "M",
    age_entree: "21",
    composition_familiale: "personne_seule",
    situation_logement: "rue",
    reponse: "pas_de_place",
  };

  it("requires the age or birth year of a request, and the shelter type when shelter is offered", () => {
    expect(issuesOf(obsDemandesSiao, demande)).toEqual([]);
    expect(issuesOf(obsDemandesSiao, { ...demande, age_entree: "", annee_naissance: "2005" })).toEqual([]);
    expect(issuesOf(obsDemandesSiao, { ...demande, age_entree: "" })).toEqual([["age_entree", expect.stringContaining("année de naissance")]]);
    expect(issuesOf(obsDemandesSiao, { ...demande, reponse: "hebergement_propose" })).toEqual([["type_hebergement_propose", expect.stringContaining("hébergement")]]);
  });

  const vague = {
    id_jeune: "J1",
    vague: "2",
    date_observation: "19/05/2026",
    mode_recueil: "entretien",
    consentement: "Oui",
    perdu_de_vue: "Non",
    sexe: "F",
    annee_naissance: "2004",
    parcours_ase: "oui",
    situation_logement: "logement_adapte",
    situation_professionnelle: "formation_etudes",
  };

  it("refuses a cohort row without consent, and requires the situations of a young person still followed", () => {
    expect(issuesOf(obsCohorte, vague)).toEqual([]);
    expect(issuesOf(obsCohorte, { ...vague, perdu_de_vue: "Oui", situation_logement: "", situation_professionnelle: "" })).toEqual([]);
    expect(issuesOf(obsCohorte, { ...vague, consentement: "Non" })).toEqual([["consentement", expect.stringContaining("consentement")]]);
    expect(issuesOf(obsCohorte, { ...vague, situation_logement: "" })).toEqual([["situation_logement", expect.stringContaining("perdu de vue")]]);
    expect(issuesOf(obsCohorte, { ...vague, situation_professionnelle: "" })).toEqual([["situation_professionnelle", expect.stringContaining("perdu de vue")]]);
    expect(issuesOf(obsCohorte, { ...vague, accompagnements_en_cours: "aucun|fsl" }).map(([c]) => c)).toEqual(["accompagnements_en_cours"]);
  });

  it("accepts workshops and deliverables in French formats", () => {
    expect(issuesOf(obsRencontres, { id_rencontre: "R1", date: "11/06/2026", type: "Atelier de travail", nb_participants_professionnels: "12", nb_jeunes: "0" })).toEqual([]);
    expect(issuesOf(obsLivrables, { id_livrable: "L1", date: "30/09/2026", type_livrable: "Fiche de synthèse", titre: "Synthèse 2026", perimetre: "departement" })).toEqual([]);
  });
});
