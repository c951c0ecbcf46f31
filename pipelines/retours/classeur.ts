// One operator's feedback workbook: a summary, then its refused rows, its alerts and its submissions to send, each a
// sheet with a header row and a filter. Every text goes in as a plain string through the project's one cell rule
// (observatory/components/cellule-csv.ts: a text that starts like a formula gets a leading apostrophe), so no
// cell is ever a formula, in Excel or in a CSV saved from it.
import ExcelJS from "exceljs";
import { neutraliser } from "../../observatory/components/cellule-csv.ts";
import { messageRelance, NATURES_ENVOI, STATUTS_ENVOI } from "../../observatory/components/envois.ts";
import type { RetourOperateur } from "./donnees.ts";

const SEVERITES: Record<string, string> = { erreur: "Erreur", avertissement: "Avertissement", info: "Information" };

type Cellule = string | number | null;

/** "2026-01-31" → "31/01/2026" (as a text: an operator reads it, nothing computes with it). */
function jour(date: string | null): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

function valeur(v: Cellule): Cellule {
  return typeof v === "string" ? neutraliser(v) : v;
}

function feuille(classeur: ExcelJS.Workbook, nom: string, entetes: string[], lignes: Cellule[][], vide: string): void {
  const ws = classeur.addWorksheet(nom);
  ws.addRow(entetes).font = { bold: true };
  if (lignes.length === 0) ws.addRow([vide]);
  for (const l of lignes) ws.addRow(l.map(valeur));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  if (lignes.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: entetes.length } };
  ws.columns.forEach((c, i) => {
    const largeur = Math.max(entetes[i]!.length, ...lignes.slice(0, 500).map((l) => String(l[i] ?? "").length));
    c.width = Math.min(80, Math.max(10, largeur + 2));
  });
}

export function classeurRetour(retour: RetourOperateur): ExcelJS.Workbook {
  const classeur = new ExcelJS.Workbook();
  classeur.creator = "Observatoire Axe 2 — Département du Pas-de-Calais";
  const resume = classeur.addWorksheet("Résumé");
  resume.addRows(
    [
      ["Retour de l'observatoire à l'opérateur", retour.code_operateur],
      ["Date de référence des échéances", jour(retour.date_reference) ?? "aucune"],
      ["Lignes refusées à corriger", retour.refusees.length],
      ["Alertes à vérifier", retour.alertes.length],
      ["Envois à transmettre", retour.envois.length],
      [
        "Comment corriger",
        "Corriger les lignes refusées dans le fichier d'origine et le renvoyer pour la même période avec le suffixe _v2 (puis _v3…) : il remplace le précédent.",
      ],
    ].map((l) => l.map(valeur)),
  );
  resume.getColumn(1).width = 40;
  resume.getColumn(2).width = 100;
  feuille(
    classeur,
    "Lignes refusées",
    ["Fichier", "Rapport", "Ligne", "Colonne", "Valeur lue", "Motif du refus"],
    retour.refusees.map((r) => [r.nom_fichier, r.table_rapport, r.ligne, r.colonne ?? "(fichier entier)", r.valeur_brute, r.motif]),
    "Aucune ligne refusée.",
  );
  feuille(
    classeur,
    "Alertes",
    ["Fiche", "Règle", "Nom de la règle", "Sévérité", "Convention", "Enregistrement", "Détail", "Ce que vérifie la règle et quoi faire"],
    retour.alertes.map((a) => [a.fiche, a.regle, a.libelle_regle, SEVERITES[a.severite] ?? a.severite, a.id_convention ?? "aucune", a.id_enregistrement, a.detail, a.signification_regle]),
    "Aucune alerte.",
  );
  feuille(
    classeur,
    "Envois à transmettre",
    ["Envoi", "Convention", "Période ou objet", "Échéance", "Statut", "Jours de retard", "À faire"],
    retour.envois.map((e) => [NATURES_ENVOI[e.nature] ?? e.nature, e.id_convention, e.objet, jour(e.echeance), STATUTS_ENVOI[e.statut] ?? e.statut, e.jours_retard, messageRelance(e)]),
    "Aucun envoi en attente.",
  );
  return classeur;
}
