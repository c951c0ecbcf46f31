// The thematic sheet of one fiche, generated (a parameterised page loader: Framework runs it once per fiche listed
// in observablehq.config.ts's dynamicPaths, with --fiche=<code>). The text comes from sources/reference/fiches.csv,
// the indicators from the catalogue and the published table: a fiche whose models have not landed yet says so, and
// fills in at the next build once its rows are in mart_indicateurs.
import { parseArgs } from "node:util";
import { query } from "../../pipelines/db/duckdb.ts";
import { legendeMarques, MARQUE_SECRET } from "../components/marques.ts";
import { closeDatabase, openSiteDatabase } from "../../pipelines/site/database.ts";
import { FICHES_LOGEMENT_D_ABORD, fichesReference, tablePubliee } from "../../pipelines/site/fiches.ts";

const { values } = parseArgs({ options: { fiche: { type: "string" } } });
const fiche = fichesReference().find((f) => f.fiche === values.fiche);
if (!fiche) throw new Error(`Fiche inconnue : ${values.fiche}`);

const connection = await openSiteDatabase();
const { table } = await tablePubliee(connection);
const [{ lignes, territoriales } = { lignes: 0, territoriales: 0 }] = await query<{ lignes: number; territoriales: number }>(
  connection,
  `SELECT count(*) AS lignes, count(*) FILTER (WHERE niveau_territoire IN ('territoire_lda', 'territoire_mds', 'epci')) AS territoriales
   FROM ${table} WHERE fiche = ?`,
  [fiche.fiche],
);
const catalogue = await query<{ indicateur: string; libelle_court: string }>(
  connection,
  "SELECT indicateur, libelle_court FROM ref.indicateurs WHERE fiche = ? ORDER BY indicateur",
  [fiche.fiche],
).catch(() => []);
closeDatabase(connection);

/** Markdown text: no HTML or Markdown markup may come through from the reference data. */
const texte = (s: string) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!).replace(/([\\`*_[\]$|])/g, "\\$1");
const titre = `Fiche ${fiche.numero} — ${fiche.titre}`;
const donnees = `../data/fiches/${fiche.fiche}.json`;
const lda = FICHES_LOGEMENT_D_ABORD.includes(fiche.fiche);

const parties: string[] = [
  `---\ntitle: ${JSON.stringify(titre)}\ntoc: true\n---`,
  `# ${texte(titre)}`,
  // A Markdown paragraph inside the block, so the typographer gives it French quotes and apostrophes.
  `<div class="obs-resume" id="resume-fiche">\n\n${texte(fiche.resume)}\n\n</div>`,
];
if (lda) parties.push(`Cette fiche fait partie du Logement d'abord : voir aussi la [fiche d'ensemble des quatre dispositifs](../logement-d-abord).`);

if (lignes === 0) {
  const prevus = catalogue.length
    ? `<p>Indicateurs prévus par la fiche :</p>\n<ul>\n${catalogue.map((c) => `<li>${texte(c.libelle_court)} <span class="obs-code">(${c.indicateur})</span></li>`).join("\n")}\n</ul>`
    : `<p>Les indicateurs de cette fiche ne sont pas encore inscrits au catalogue.</p>`;
  parties.push(
    `## Indicateurs`,
    `<div class="obs-en-attente" id="fiche-en-attente" data-fiche="${fiche.fiche}" role="status">\n<p><strong>Indicateurs en cours de calcul — pas encore de données publiées pour cette fiche.</strong> Les chiffres apparaîtront ici dès que les rapports des opérateurs auront été reçus et traités.</p>\n${prevus}\n</div>`,
  );
} else {
  parties.push(
    "```js\n" +
      `import {carteFiche, choixAnnee, choixIndicateurCarte, grilleChiffresCles, preparer, sectionsIndicateurs} from "../components/fiche.js";\n\n` +
      `const fiche = preparer(await FileAttachment(${JSON.stringify(donnees)}).json());\n` +
      "```",
    "```js\nconst annee = view(choixAnnee(fiche));\n```",
    `## Chiffres clés`,
    "```js\ndisplay(grilleChiffresCles(fiche, annee));\n```",
    `Chiffres du département du Pas-de-Calais ; ${legendeMarques([MARQUE_SECRET])}.`,
  );
  if (territoriales > 0) {
    parties.push(
      `## Carte`,
      "```js\nconst topo = await FileAttachment(\"../data/carte.json\").json();\nconst indicateurCarte = view(choixIndicateurCarte(fiche));\n```",
      "```js\ndisplay(carteFiche(fiche, topo, indicateurCarte, annee, width));\n```",
    );
  }
  parties.push(
    `## Indicateurs`,
    `Libellés et définitions du catalogue des indicateurs ; pour chaque indicateur, son évolution, chacune de ses ventilations et chacun de ses niveaux territoriaux, avec le tableau des chiffres et son téléchargement en CSV.`,
    "```js\ndisplay(sectionsIndicateurs(fiche, annee, width));\n```",
  );
}
process.stdout.write(`${parties.join("\n\n")}\n`);
