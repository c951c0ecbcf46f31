// The synthesis sheet of one territory (a parameterised page loader, run once per path of dynamicPaths with
// --territoire=<slug>): for each of the 13 fiches, its key figures at that territorial level beside the département,
// the territory's share and the rates per 10 000 inhabitants — or, plainly, that the fiche publishes nothing at this
// level. Drawn at build time in HTML and SVG: the page needs no JavaScript (pipelines/site/territoires.ts).
import { parseArgs } from "node:util";
import { nombre } from "../components/format.ts";
import { legendeMarques, MARQUE_NON_DISPONIBLE, MARQUE_SECRET } from "../components/marques.ts";
import { htmlValeur } from "../components/valeur.ts";
import { closeDatabase, openSiteDatabase } from "../../pipelines/site/database.ts";
import { carteLocalisation, donneesTerritoire, NOMS_NIVEAUX, territoiresSynthese, type ChiffreTerritoire } from "../../pipelines/site/territoires.ts";

const { values } = parseArgs({ options: { territoire: { type: "string" } } });
const territoire = territoiresSynthese().find((t) => t.slug === values.territoire);
if (!territoire) throw new Error(`Territoire inconnu : ${values.territoire}`);

const connection = await openSiteDatabase();
const fiches = await donneesTerritoire(connection, territoire);
closeDatabase(connection);

const h = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const titre = `${territoire.type} ${territoire.libelle}`;
const ici = NOMS_NIVEAUX[territoire.niveau]!;
// « à l'échelle du territoire MDS », « … de l'appel à manifestation d'intérêt (AMI) ».
const echelle = territoire.niveau === "ami" ? `de l'${ici}` : `du ${ici}`;
const et = (liste: string[]) => (liste.length > 1 ? `${liste.slice(0, -1).join(", ")} et ${liste.at(-1)}` : (liste[0] ?? ""));

// A rate or share that means nothing for the unit is « – » (sans objet); the figures themselves take the marks.
function cellule(valeur: number | null, secret: boolean, suffixe = ""): string {
  return valeur === null && !secret ? "–" : htmlValeur({ valeur, secret }, suffixe);
}

function ligne(fiche: string, c: ChiffreTerritoire): string {
  const attributs = `data-fiche="${fiche}" data-indicateur="${h(c.indicateur)}" data-periode="${c.periode}" data-niveau="${territoire!.niveau}" data-territoire="${h(territoire!.code)}" data-valeur="${c.valeur ?? ""}"${c.secret ? ' data-secret="1"' : ""}`;
  return (
    `<tr><th scope="row">${h(c.libelle)} <span class="obs-code">(${h(c.indicateur)})</span></th>` +
    `<td class="obs-nombre obs-valeur-territoire" ${attributs}>${htmlValeur({ valeur: c.valeur, secret: c.secret }, "", c.unite)}</td>` +
    `<td>${h(c.unite)}</td>` +
    `<td class="obs-nombre">${htmlValeur({ valeur: c.departement, secret: c.secretDepartement }, "", c.unite)}</td>` +
    `<td class="obs-nombre">${c.part === null ? "–" : `${nombre(c.part)} %`}</td>` +
    `<td class="obs-nombre">${cellule(c.taux, c.secret)}</td>` +
    `<td class="obs-nombre">${cellule(c.tauxDepartement, c.secretDepartement)}</td></tr>`
  );
}

const sections = fiches.map((f) => {
  const entete = `## Fiche ${f.numero} — ${h(f.titre)}`;
  const lien = `<p><a href="../fiches/${f.fiche}">Voir la fiche ${f.numero} complète</a></p>`;
  if (!f.chiffres.length) {
    const ailleurs = f.niveaux.length
      ? `Elle publie ses chiffres pour le département et par ${et(f.niveaux.map((n) => NOMS_NIVEAUX[n] ?? n))}.`
      : "Elle ne publie pas de chiffre infra-départemental.";
    return `${entete}\n\n<p class="obs-sans-chiffre" data-fiche="${f.fiche}" role="note"><strong>Pas de chiffre à cette échelle.</strong> Cette fiche ne publie aucun chiffre à l'échelle ${h(echelle)}. ${h(ailleurs)}</p>\n\n${lien}`;
  }
  const tableau =
    `<div class="obs-tableau-defilant" tabindex="0" role="region" aria-label="Fiche ${f.numero}, ${h(territoire.libelle)} et département"><table class="obs-tableau obs-synthese" data-fiche="${f.fiche}">` +
    `<caption>Fiche ${f.numero} : chiffres clés, ${h(territoire.libelle)} et département, ${f.annee}</caption>` +
    `<thead><tr><th scope="col">Indicateur</th><th scope="col">${h(territoire.libelle)}</th><th scope="col">Unité</th><th scope="col">Pas-de-Calais</th><th scope="col">Part du département</th><th scope="col">Pour 10 000 hab. (${h(territoire.libelle)})</th><th scope="col">Pour 10 000 hab. (département)</th></tr></thead>` +
    `<tbody>${f.chiffres.map((c) => ligne(f.fiche, c)).join("")}</tbody></table></div>`;
  return `${entete}\n\n<p class="obs-note">Année ${f.annee}. « – » : sans objet (taux ou part d'une unité qui ne se rapporte pas à la population) ; ${legendeMarques([MARQUE_SECRET, MARQUE_NON_DISPONIBLE], true)}.</p>\n\n${tableau}\n\n${lien}`;
});

const avec = fiches.filter((f) => f.chiffres.length).length;
const composition = [
  `<li>Population de référence : <strong>${nombre(territoire.population)}</strong> habitants (${nombre(territoire.communes)} communes)</li>`,
  territoire.composition.length ? `<li>Comprend : ${territoire.composition.map(h).join(", ")}</li>` : "",
  territoire.epci.length ? `<li>EPCI : ${territoire.epci.map(h).join(", ")}</li>` : "",
].join("");

process.stdout.write(
  [
    `---\ntitle: ${JSON.stringify(`Synthèse — ${titre}`)}\ntoc: true\n---`,
    `# Synthèse territoriale : ${h(titre)}`,
    `<div class="obs-localisation"><figure class="obs-figure-carte">${carteLocalisation(territoire)}<figcaption>${h(territoire.libelle)} (en bleu foncé) dans le Pas-de-Calais.</figcaption></figure><ul class="obs-fiche-territoire">${composition}<li>${avec} fiche(s) sur 13 publient des chiffres à cette échelle.</li></ul></div>`,
    `Pour chaque fiche de l'Axe 2, ses chiffres clés à l'échelle ${h(echelle)}, comparés au département : la part du département que représente le territoire et, quand l'indicateur compte des personnes, des ménages ou leurs demandes, le taux pour 10 000 habitants (population de référence ; voir la [méthodologie](../methodologie#taux-pour-10-000-habitants)). Les chiffres d'une année en cours vont jusqu'à la date d'arrêté des données. ${legendeMarques([MARQUE_SECRET, MARQUE_NON_DISPONIBLE])}.`,
    ...sections,
  ].join("\n\n") + "\n",
);
