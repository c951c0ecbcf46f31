// The downloads page, written from the manifest the pipeline leaves beside its extracts (pipelines/extracts.ts,
// fichiers.json): each file with its size, its rows, the data's cut-off date and a preview of its first rows. A
// generated page because Framework serves only the files a page names: one link per file, in the HTML it reads.
import { LICENCE } from "../pipelines/extracts.ts";
import { lireManifeste } from "../pipelines/site/telechargements.ts";
import { dateArrete, nombre, taille } from "./components/format.ts";
import { MARQUE_NON_DISPONIBLE, MARQUE_SECRET } from "./components/marques.ts";

const manifeste = lireManifeste();

/** HTML text: no markup, and no « ${ » Framework would read as an expression. */
const html = (s: string) => s.replace(/[&<>"$]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", $: "&#36;" })[c]!);

const LIBELLES_FORMATS = { csv: "CSV standard", excel: "CSV pour Excel", parquet: "Parquet", schema: "Description des colonnes (Table Schema, JSON)" } as const;

type Jeu = (typeof manifeste.jeux)[number];

function bloc(jeu: Jeu, titre: "h2" | "h3"): string {
  const boutons = jeu.fichiers.map((f) => {
    const nom = f.fichier.replace(/^dictionnaire\//, "");
    return `<a class="obs-bouton" href="./data/telechargements/${nom}" download="${nom}" data-extrait="${f.format}" data-octets="${f.octets}">${LIBELLES_FORMATS[f.format]} <span class="obs-taille">(${taille(f.octets)})</span></a>`;
  });
  const { colonnes, lignes } = jeu.apercu;
  const legende = `Aperçu de ${html(jeu.titre)} : ${lignes.length} premières lignes${colonnes.length < jeu.colonnes.length ? `, ${colonnes.length} premières colonnes sur ${jeu.colonnes.length}` : ""}`;
  // Focusable, so a keyboard can scroll a table wider than the screen (as components/tableau.ts).
  const apercu = [
    `<div class="obs-tableau-defilant obs-apercu" tabindex="0" role="region" aria-label="${legende}"><table class="obs-tableau">`,
    `<caption>${legende}</caption>`,
    `<thead><tr>${colonnes.map((c) => `<th scope="col">${html(c)}</th>`).join("")}</tr></thead>`,
    `<tbody>${lignes.map((l) => `<tr>${l.map((v) => `<td>${html(v)}</td>`).join("")}</tr>`).join("")}</tbody>`,
    `</table></div>`,
  ].join("");
  return [
    `<${titre} id="${jeu.nom}">${html(jeu.titre)}</${titre}>`,
    `<p>${html(jeu.description)}</p>`,
    `<p class="obs-note" data-lignes="${jeu.lignes}">${nombre(jeu.lignes)} lignes, ${nombre(jeu.colonnes.length)} colonnes · données arrêtées au ${dateArrete(manifeste.dateArrete)}</p>`,
    `<div class="obs-telechargement-ligne">${boutons.join("\n")}</div>`,
    apercu,
  ].join("\n\n");
}

const jeu = (nom: string) => {
  const trouve = manifeste.jeux.find((j) => j.nom === nom);
  if (!trouve) throw new Error(`Téléchargements : le jeu « ${nom} » manque au manifeste des extraits (relancez le pipeline : npm run pipeline).`);
  return trouve;
};
const parFiche = manifeste.jeux.filter((j) => j.nom.startsWith("indicateurs-"));

process.stdout.write(
  [
    "---\ntitle: Téléchargements\ntoc: true\n---",
    "# Téléchargements",
    `Les chiffres publiés par l'observatoire, libres de réutilisation, pour les partenaires : données arrêtées au ` +
      `**${dateArrete(manifeste.dateArrete)}**. Chaque ligne d'un fichier d'indicateurs est un chiffre : une fiche, un indicateur, ` +
      "une période, un territoire, une ventilation et sa modalité ; chaque code est suivi de son libellé en clair. " +
      "Les territoires se rapprochent de leurs EPCI, territoires et AMI par le référentiel des territoires.",
    "## Valeurs non publiées",
    `Quand un chiffre n'est pas publié, la colonne \`valeur\` est vide et la colonne \`marque\` dit pourquoi : ` +
      `**\`${MARQUE_SECRET}\`** pour le **secret statistique** (effectif de moins de 11 personnes ou ménages, ou permettant de ` +
      `le retrouver par différence), **\`${MARQUE_NON_DISPONIBLE}\`** pour un chiffre **non disponible**. Quand la valeur est ` +
      "publiée, `marque` est vide. Le [dictionnaire des données](./dictionnaire#fichiers-telechargeables) décrit chaque colonne.",
    bloc(jeu("indicateurs"), "h2"),
    "## Indicateurs par fiche",
    "Les mêmes colonnes que le fichier de tous les indicateurs, une fiche par fichier. Chaque tableau des fiches " +
      "thématiques se télécharge aussi seul, en CSV, sous le tableau.",
    ...parFiche.map((j) => bloc(j, "h3")),
    bloc(jeu("territoires"), "h2"),
    bloc(jeu("catalogue-indicateurs"), "h2"),
    "Le [dictionnaire des données](./dictionnaire) décrit, colonne par colonne, ces fichiers et les rapports que les " +
      "opérateurs déposent (avec un Table Schema JSON par rapport).",
    "## Formats",
    "- **CSV standard** (RFC 4180) : UTF-8 sans BOM, séparateur virgule, point décimal, champs entre guillemets doubles si\n" +
      "  besoin, fins de ligne CRLF. Pour R, Python, les tableurs configurés en anglais.\n" +
      "- **CSV pour Excel** : UTF-8 avec BOM, séparateur point-virgule, virgule décimale : s'ouvre directement dans Excel en\n" +
      "  français.\n" +
      "- **Parquet** : format colonne compressé, types conservés (DuckDB, Arrow, pandas, R arrow), pour le fichier de tous les indicateurs\n" +
      "  et le catalogue.\n" +
      "- Dans les deux CSV, un texte qui commence par `=`, `+`, `-`, `@`, une tabulation ou un retour chariot est précédé\n" +
      "  d'une apostrophe `'`, pour qu'aucun tableur ne l'exécute comme une formule ; les nombres, même négatifs, restent des\n" +
      "  nombres. Le Parquet garde le texte tel quel.\n" +
      "- Tailles en octets décimaux : 1 Mo = 1 000 000 octets.",
    "## Licence",
    `Les données sont publiées sous la [${LICENCE.titre}](${LICENCE.url})\n(Etalab) : réutilisation libre, y compris commerciale, ` +
      "sous réserve de mentionner la source\n« Département du Pas-de-Calais — Observatoire de l'Axe 2 » et la date de mise à jour.\n" +
      "Fonds de carte : « IGN ADMIN EXPRESS COG 2018, INSEE COG 2018 » (Licence Ouverte).",
    `<a class="obs-bouton" href="./data/telechargements/LICENCE.txt" download="LICENCE.txt">Mention de licence (texte)</a>`,
    "",
  ].join("\n\n"),
);
