// Conditional requirements of the 2.1 and 2.2 contracts: the row is refused with the column and a reason to act on,
// except where the spec makes the requirement a warning or gives a fallback: then the row loads.
import { describe, expect, it } from "vitest";
import { infoConsultations } from "../pipelines/contracts/f2_1_information.ts";
import { nvConsultations } from "../pipelines/contracts/f2_2_numero_vert.ts";
import { issuesOf } from "./helpers/contracts.ts";


const consultation = {
  id_consultation: "C1",
  date_consultation: "12/03/2026",
  type_consultant: "particulier",
  statut_occupation: "Locataire parc privé",
  theme_principal: "rapports_locatifs",
  habitat_indigne: "Non",
  permis_de_louer: "N",
};

describe("2.1 information logement", () => {
  it("accepts a phone call with its motive, labels and Oui/Non in French", () => {
    expect(issuesOf(infoConsultations, { ...consultation, mode_consultation: "telephone", motif: "litige" })).toEqual([]);
  });

  // Spec 2.1 r03 and r04 are warnings (sql/mart_f2_1_alertes.sql): a call without motive counts in i04 as « non renseigné ».
  it("loads a phone call without its motive and an on-site consultation without its place", () => {
    expect(issuesOf(infoConsultations, { ...consultation, mode_consultation: "telephone" })).toEqual([]);
    expect(issuesOf(infoConsultations, { ...consultation, mode_consultation: "permanence" })).toEqual([]);
  });
});

describe("2.2 numéro vert", () => {
  const appel = {
    id_consultation: "NV1",
    date_consultation: "2026-02-09",
    mode_consultation: "appel_numero_vert",
    type_appelant: "menage_locataire",
    parc: "prive",
    stade_procedure: "commandement_de_payer",
  };

  // Spec 2.2 i02 places a consultation with neither commune nor territory by its permanence (int_f2_2_faits.sql), and
  // r03 (a permanence consultation naming its permanence) is a warning.
  it("needs at least one follow-up, but loads a consultation with neither commune nor territory, or without its permanence", () => {
    expect(issuesOf(nvConsultations, { ...appel, territoire_mds: "Lens-Liévin", suite_donnee: "orientation_fsl" })).toEqual([]);
    const issues = issuesOf(nvConsultations, { ...appel, suite_donnee: "" });
    expect(issues.map(([c]) => c)).toEqual(["suite_donnee"]);
    expect(issuesOf(nvConsultations, { ...appel, suite_donnee: "orientation_fsl" })).toEqual([]);
    expect(issuesOf(nvConsultations, { ...appel, mode_consultation: "permanence", suite_donnee: "orientation_fsl" })).toEqual([]);
  });
});
