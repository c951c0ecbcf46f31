// The list of the 13 thematic sheets, each with its summary and whether its indicators are published yet
// (generated at build time from sources/reference/fiches.csv and the published indicator table).
import { query } from "../../pipelines/db/duckdb.ts";
import { closeDatabase, openSiteDatabase } from "../../pipelines/site/database.ts";
import { fichesReference, tablePubliee } from "../../pipelines/site/fiches.ts";

const connection = await openSiteDatabase();
const { table } = await tablePubliee(connection);
const comptes = new Map(
  (await query<{ fiche: string; indicateurs: number; annee: string | null }>(
    connection,
    `SELECT fiche, count(DISTINCT indicateur) AS indicateurs, max(periode) FILTER (WHERE type_periode = 'annee') AS annee FROM ${table} GROUP BY fiche`,
  )).map((c) => [c.fiche, c]),
);
closeDatabase(connection);

const texte = (s: string) => s.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!).replace(/([\\`*_[\]$|])/g, "\\$1");
const lignes = fichesReference().map((f) => {
  const c = comptes.get(f.fiche);
  const etat = c ? `${c.indicateurs} indicateurs publiés${c.annee ? `, jusqu'à ${c.annee}` : ""}` : "indicateurs en cours de calcul";
  // No link inside the heading: Framework's own heading anchor would be left empty (axe-core: link-name).
  return `## Fiche ${f.numero} — ${texte(f.titre)}\n\n<p class="obs-note" data-fiche="${f.fiche}">${etat}</p>\n\n${texte(f.resume)}\n\n[Voir la fiche ${f.numero}](./${f.fiche})`;
});
process.stdout.write(
  [
    "---\ntitle: Fiches de l'Axe 2\ntoc: false\n---",
    "# Les 13 fiches de l'Axe 2",
    "Une fiche thématique par action financée : ce qu'elle est, ses chiffres clés et leur évolution, chaque indicateur " +
      "par ventilation et par territoire, avec les tableaux téléchargeables. Les fiches dont les rapports n'ont pas encore " +
      "été traités l'indiquent ; elles se remplissent d'elles-mêmes à la construction suivante du site.",
    ...lignes,
  ].join("\n\n") + "\n",
);
