// A thematic sheet of the youth observatory (a parameterised page loader: one page per THEMES_JEUNES entry, with
// --theme=<slug>). The figures are drawn in the browser from data/jeunes.json by components/jeunes.ts.
import { parseArgs } from "node:util";
import { THEMES_JEUNES } from "../../components/themes-jeunes.ts";

const { values } = parseArgs({ options: { theme: { type: "string" } } });
const theme = THEMES_JEUNES.find((t) => t.slug === values.theme);
if (!theme) throw new Error(`Fiche thématique jeunes inconnue : ${values.theme}`);
const h = (s: string) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!).replace(/([\\`*_[\]$|])/g, "\\$1");
const fiches = theme.fiches.map((n) => `fiche ${n}`).join(", ");

process.stdout.write(
  [
    `---\ntitle: ${JSON.stringify(`Jeunes 18-25 ans — ${theme.titre}`)}\ntoc: true\n---`,
    `# ${h(theme.titre)}`,
    `<p class="obs-note">Observatoire des besoins des jeunes (18-25 ans) — fiche thématique, d'après la ${fiches}.</p>`,
    `<div class="obs-resume">\n\n${h(theme.texte)}\n\n</div>`,
    "```js\n" +
      `import {preparerJeunes, sectionTheme} from "../../components/jeunes.js";\n` +
      `const jeunes = preparerJeunes(await FileAttachment(${JSON.stringify(`../../data/jeunes/${theme.slug}.json`)}).json());\n` +
      "```",
    `## Chiffres et indicateurs`,
    "```js\n" + `display(sectionTheme(jeunes, ${JSON.stringify(theme.slug)}, width));\n` + "```",
    `Les autres volets : [l'observatoire des jeunes](../), [la synthèse](../synthese), [les cartes](../cartes), [le rapport complet](../rapport).`,
  ].join("\n\n") + "\n",
);
