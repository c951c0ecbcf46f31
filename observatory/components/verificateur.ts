// What the « Vérifier un fichier » page shows of a verdict (pipelines/ingest/verifier.ts, computed in the page's
// worker): which report the file was taken for, the file refused whole and why, or the rows that would be loaded and
// refused with their reasons, and the warnings. The page only words it: every decision is the checker's.
import type { Verdict } from "../../pipelines/ingest/verifier.ts";
import { el } from "./dom.js";

/** The verdict as the worker sends it: the checker's own type (a type only, erased from the page's script). */
export type VerdictAffiche = Verdict;

/** Rows of the refused-rows table shown on the page; the workbook holds them all. */
export const REFUS_AFFICHES = 200;

const n = (x: number) => x.toLocaleString("fr-FR");
const pluriel = (x: number, mot: string, mots = `${mot}s`) => `${n(x)} ${x > 1 ? mots : mot}`;

export function texteProgression(etape: "lecture" | "lignes", lues: number, total: number): string {
  if (etape === "lecture") return "Lecture du fichier…";
  return total ? `Contrôle des lignes : ${n(lues)} sur ${n(total)}` : `Contrôle des lignes : ${n(lues)}`;
}

function identite(v: VerdictAffiche): HTMLElement {
  const table = v.table
    ? `rapport ${v.table}${v.reconnuPar === "nom" ? " (d'après le nom du fichier)" : v.reconnuPar === "en-tetes" ? " (d'après les en-têtes de colonnes)" : ""}`
    : "type de rapport non reconnu";
  const details = [table, v.operateur ? `opérateur ${v.operateur}` : "opérateur non indiqué", v.periode ? `période ${v.periode}${v.version && v.version > 1 ? `, version ${v.version}` : ""}` : "période non indiquée dans le nom du fichier"];
  return el("p", { class: "obs-verif-identite" }, el("strong", {}, `« ${v.nom} »`), ` : ${details.join(" ; ")}.`);
}

function bilan(v: VerdictAffiche): HTMLElement {
  if (v.statut === "rejete") {
    return el(
      "div",
      { class: "obs-verif-refuse", id: "verdict-statut", "data-statut": "rejete" },
      el("p", {}, el("strong", {}, "Fichier refusé en entier"), v.lues ? ` (${pluriel(v.lues, "ligne lue", "lignes lues")}, aucune chargée)` : "", " :"),
      el("p", { class: "obs-verif-motif" }, v.motif ?? ""),
    );
  }
  const resume = v.lues === 0 ? "Aucune ligne de données sous l'en-tête." : `${pluriel(v.lues, "ligne lue", "lignes lues")} : ${pluriel(v.chargees, "serait chargée", "seraient chargées")}, ${pluriel(v.rejetees, "serait refusée", "seraient refusées")}.`;
  return el("div", { class: v.rejetees ? "obs-verif-partiel" : "obs-verif-accepte", id: "verdict-statut", "data-statut": "charge" }, el("p", {}, el("strong", {}, v.rejetees ? "Fichier accepté, avec des lignes refusées" : "Fichier accepté"), " — ", resume));
}

function avertissements(v: VerdictAffiche): HTMLElement | null {
  if (!v.avertissements.length) return null;
  return el("div", { id: "verdict-avertissements" }, el("h3", {}, "Avertissements"), el("ul", {}, ...v.avertissements.map((a) => el("li", {}, a))));
}

function tableRefus(v: VerdictAffiche): HTMLElement | null {
  if (v.statut === "rejete" || !v.refus.length) return null;
  const lignes = v.refus.slice(0, REFUS_AFFICHES);
  const cellule = (texte: string | null) => el("td", {}, texte ?? "");
  const table = el(
    "table",
    { id: "verdict-refus" },
    el("caption", {}, `Lignes refusées : ${pluriel(v.refus.length, "motif")}${v.refus.length > REFUS_AFFICHES ? ` (les ${n(REFUS_AFFICHES)} premiers ici, tous dans le classeur à télécharger)` : ""}`),
    el("thead", {}, el("tr", {}, ...["Ligne", "Colonne", "Valeur lue", "Motif"].map((t) => el("th", { scope: "col" }, t)))),
    el("tbody", {}, ...lignes.map((q) => el("tr", {}, cellule(q.line ? String(q.line) : "—"), cellule(q.column), cellule(q.rawValue), cellule(q.reason)))),
  );
  // A wide table scrolls in its own box on a phone; the box takes the focus so that a keyboard can scroll it.
  return el("div", { class: "obs-verif-defilement", tabindex: "0", role: "region", "aria-label": "Lignes refusées" }, table);
}

/** The verdict's whole display, its heading first (the page moves the focus there). */
export function affichageVerdict(v: VerdictAffiche): HTMLElement {
  return el(
    "section",
    { id: "verdict", "aria-labelledby": "verdict-titre" },
    el("h2", { id: "verdict-titre", tabindex: "-1" }, "Résultat du contrôle"),
    identite(v),
    bilan(v),
    avertissements(v),
    tableRefus(v),
  );
}

/** The downloaded workbook's name: the checked file's, without its extension. */
export function nomClasseurRefus(nom: string): string {
  return `lignes-refusees-${nom.replace(/\.[^.]+$/, "").replace(/[^\p{L}\p{N}_-]+/gu, "-")}.xlsx`;
}
