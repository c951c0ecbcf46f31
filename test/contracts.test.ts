// Conditional requirements of the 2.1 and 2.2 contracts: the row is refused with the column and a reason to act on.
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

  it("requires the motive of a phone call and the place of an on-site consultation", () => {
    expect(issuesOf(infoConsultations, { ...consultation, mode_consultation: "telephone" })).toEqual([
      ["motif", expect.stringContaining("téléphonique")],
    ]);
    expect(issuesOf(infoConsultations, { ...consultation, mode_consultation: "permanence" })).toEqual([
      ["id_lieu", expect.stringContaining("sur place")],
    ]);
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

  it("needs the dwelling's commune or territory, and at least one follow-up", () => {
    expect(issuesOf(nvConsultations, { ...appel, territoire_mds: "Lens-Liévin", suite_donnee: "orientation_fsl" })).toEqual([]);
    const issues = issuesOf(nvConsultations, { ...appel, suite_donnee: "" });
    expect(issues.map(([c]) => c)).toEqual(["suite_donnee"]);
    expect(issuesOf(nvConsultations, { ...appel, suite_donnee: "orientation_fsl" })).toEqual([
      ["code_commune_logement", expect.stringContaining("commune du logement")],
    ]);
  });
});
