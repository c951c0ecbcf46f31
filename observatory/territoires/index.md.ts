// The list of the territory synthesis sheets (9 MDS territories, the Lens-Hénin Logement d'abord territory, AMI 1 and 2).
import { nombre } from "../components/format.ts";
import { territoiresSynthese } from "../../pipelines/site/territoires.ts";

const h = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const territoires = territoiresSynthese();
const groupe = (titre: string, liste: typeof territoires) =>
  `## ${titre}\n\n<ul class="obs-liste-territoires">${liste.map((t) => `<li><a href="./${t.slug}">${h(t.libelle)}</a> — ${nombre(t.population)} habitants</li>`).join("")}</ul>`;
process.stdout.write(
  [
    "---\ntitle: Synthèses territoriales\ntoc: false\n---",
    "# Synthèses territoriales",
    "Une fiche par territoire : les chiffres clés de chacune des 13 fiches de l'Axe 2 à l'échelle du territoire, comparés au département (part du département, taux pour 10 000 habitants), avec une carte de localisation. Les fiches qui ne publient rien à l'échelle d'un territoire le disent.",
    groupe("Territoires des maisons du Département solidarité (MDS)", territoires.filter((t) => t.niveau === "territoire_mds")),
    groupe("Logement d'abord", territoires.filter((t) => t.niveau !== "territoire_mds")),
  ].join("\n\n") + "\n",
);
