// What the « Vérifier un fichier » page shows of a verdict (pipelines/ingest/verifier.ts, computed in the page's
// worker): which report the file was taken for, the file refused whole and why, or the rows that would be loaded and
// refused with their reasons, and the warnings: unknown columns and the values ignored in rows that load. The page
// only words it: every decision is the checker's.
import type { QuarantineEntry } from "../../pipelines/ingest/validate.ts";
import type { Verdict } from "../../pipelines/ingest/verifier.ts";
import { el } from "./dom.js";

/** The verdict as the worker sends it: the checker's own type (a type only, erased from the page's script). */
export type VerdictAffiche = Verdict;

/** Rows of each table shown on the page (refused rows, ignored values); the workbook holds them all. */
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
  const ignorees = v.valeursIgnorees.length ? `, ${pluriel(v.valeursIgnorees.length, "valeur ignorée", "valeurs ignorées")} dans les lignes chargées` : "";
  const resume = v.lues === 0 ? "Aucune ligne de données sous l'en-tête." : `${pluriel(v.lues, "ligne lue", "lignes lues")} : ${pluriel(v.chargees, "serait chargée", "seraient chargées")}, ${pluriel(v.rejetees, "serait refusée", "seraient refusées")}${ignorees}.`;
  const titre = v.rejetees ? "Fichier accepté, avec des lignes refusées" : v.valeursIgnorees.length ? "Fichier accepté, avec des valeurs ignorées" : "Fichier accepté";
  const classe = v.rejetees || v.valeursIgnorees.length ? "obs-verif-partiel" : "obs-verif-accepte";
  return el("div", { class: classe, id: "verdict-statut", "data-statut": "charge" }, el("p", {}, el("strong", {}, titre), " — ", resume));
}

/** Line, column, value read and reason of each entry, the first REFUS_AFFICHES of them. */
function tableEntrees(entrees: QuarantineEntry[], id: string, titre: string): HTMLElement {
  const cellule = (texte: string | null) => el("td", {}, texte ?? "");
  const table = el(
    "table",
    { id },
    el("caption", {}, `${titre} : ${pluriel(entrees.length, "motif")}${entrees.length > REFUS_AFFICHES ? ` (les ${n(REFUS_AFFICHES)} premiers ici, tous dans le classeur à télécharger)` : ""}`),
    el("thead", {}, el("tr", {}, ...["Ligne", "Colonne", "Valeur lue", "Motif"].map((t) => el("th", { scope: "col" }, t)))),
    el("tbody", {}, ...entrees.slice(0, REFUS_AFFICHES).map((q) => el("tr", {}, cellule(q.line ? String(q.line) : "—"), cellule(q.column), cellule(q.rawValue), cellule(q.reason)))),
  );
  // A wide table scrolls in its own box on a phone; the box takes the focus so that a keyboard can scroll it.
  return el("div", { class: "obs-verif-defilement", tabindex: "0", role: "region", "aria-label": titre }, table);
}

function avertissements(v: VerdictAffiche): HTMLElement | null {
  if (!v.avertissements.length && !v.valeursIgnorees.length) return null;
  return el(
    "div",
    { id: "verdict-avertissements" },
    el("h3", {}, "Avertissements"),
    v.avertissements.length ? el("ul", {}, ...v.avertissements.map((a) => el("li", {}, a))) : null,
    v.valeursIgnorees.length
      ? el(
          "p",
          {},
          "Valeurs ignorées : ces cellules de colonnes non bloquantes sont illisibles. La ligne est chargée quand même, la cellule lue vide (ou « non renseigné » pour une catégorie) ; à corriger dans un prochain envoi.",
        )
      : null,
    v.valeursIgnorees.length ? tableEntrees(v.valeursIgnorees, "verdict-ignorees", "Valeurs ignorées (lignes chargées)") : null,
  );
}

function tableRefus(v: VerdictAffiche): HTMLElement | null {
  if (v.statut === "rejete" || !v.refus.length) return null;
  return tableEntrees(v.refus, "verdict-refus", "Lignes refusées");
}

/** The download button's words: what the workbook holds. */
export function texteTelechargement(v: VerdictAffiche): string {
  const quoi = [v.refus.length ? "les lignes refusées" : "", v.valeursIgnorees.length ? "les valeurs ignorées" : ""].filter(Boolean).join(" et ");
  return `Télécharger ${quoi || "les lignes refusées"} (XLSX)`;
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
