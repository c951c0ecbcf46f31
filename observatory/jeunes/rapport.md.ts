// The youth observatory's full report (« rapport complet », spec §2.9.5): every thematic sheet on one printable page,
// one section each, a page break between sections when printed (A4; no sidebar or navigation: style.css @media print).
// `npm run report` prints it to build/rapport-jeunes.pdf (pipelines/site/report.ts).
import { THEMES_JEUNES } from "../components/themes-jeunes.ts";
import { closeDatabase, openSiteDatabase, readExecution } from "../../pipelines/site/database.ts";
import { dateArrete } from "../components/format.ts";

const connection = await openSiteDatabase();
const execution = await readExecution(connection);
closeDatabase(connection);
const h = (s: string) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!).replace(/([\\`*_[\]$|])/g, "\\$1");

const sections = THEMES_JEUNES.map(
  (t, i) =>
    `<section class="obs-rapport-section" id="section-${t.slug}" data-theme="${t.slug}">\n\n## ${i + 1}. ${h(t.titre)}\n\n<p class="obs-note">D'après la fiche ${t.fiches.join(", ")}.</p>\n\n${h(t.texte)}\n\n` +
    "```js\n" + `display(sectionTheme(jeunes, ${JSON.stringify(t.slug)}, Math.min(width, 680)));\n` + "```\n\n</section>",
);

process.stdout.write(
  [
    `---\ntitle: "Observatoire des jeunes 18-25 ans — rapport complet"\ntoc: false\n---`,
    `<section class="obs-rapport-couverture">\n\n# Observatoire des besoins des jeunes (18-25 ans) — rapport complet\n\n` +
      `Département du Pas-de-Calais, Axe 2 « Parcours logement et accompagnement budgétaire », fiche 2.9. Données arrêtées à ${h(dateArrete(execution.dateArrete))}.` +
      `${execution.donneesFictives ? "\n\n**Données fictives de démonstration** : ces chiffres sont générés automatiquement et ne décrivent aucune personne ni aucune activité réelle." : ""}\n\n` +
      `Ce rapport rassemble les ${THEMES_JEUNES.length} fiches thématiques de l'observatoire : les demandes des jeunes au SIAO et au 115, le suivi de cohorte, les jeunes dans le Logement d'abord et ENVAUL, et la part des jeunes dans les autres actions de l'Axe 2. Chaque graphique est suivi du tableau de ses valeurs, que le site de l'observatoire propose aussi en CSV ; « s » signale un chiffre sous secret statistique.\n\n` +
      // The page numbers are written by npm run report (pipelines/site/report.ts) once the report is laid out on A4.
      `<p class="obs-rapport-sommaire-titre"><strong>Sommaire</strong></p>\n\n` +
      `<ol class="obs-rapport-sommaire">${THEMES_JEUNES.map((t) => `<li><a href="#section-${t.slug}">${h(t.titre)}</a><span class="obs-sommaire-page" data-section="section-${t.slug}"></span></li>`).join("")}</ol>\n\n</section>`,
    "```js\n" +
      `import {preparerJeunes, sectionTheme} from "../components/jeunes.js";\n` +
      `const jeunes = preparerJeunes(await FileAttachment("../data/jeunes.json").json());\n` +
      "```",
    ...sections,
  ].join("\n\n") + "\n",
);
