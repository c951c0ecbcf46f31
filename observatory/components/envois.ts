// The words of expected submissions (mart_envois_suivi), shared by the « Suivi des envois » page, the operator pages
// and the feedback workbooks of `npm run retours` (pipelines/retours/), so that a reminder reads the same everywhere.

export const STATUTS_ENVOI: Record<string, string> = {
  recu: "reçu",
  en_retard: "reçu en retard",
  refuse: "refusé, à renvoyer",
  manquant: "manquant",
  a_venir: "à venir",
};

export const NATURES_ENVOI: Record<string, string> = {
  releve_mensuel: "Relevé mensuel",
  bilan_mesure: "Bilan de mesure",
  bilan_final: "Bilan final",
  compte_rendu_financier: "Compte rendu financier",
};

/** A submission that calls for a reminder: nothing usable arrived and the deadline has passed, or only refused files. */
export function aRelancer(e: { statut: string }): boolean {
  return e.statut === "manquant" || e.statut === "refuse";
}

/** "2026-01-31" → "31/01/2026". */
function jj(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** What to ask the operator, one sentence: which document, for what, due when, how late. */
export function messageRelance(e: { nature: string; document: string; libelle_document: string; objet: string; echeance: string; statut: string; jours_retard: number | null }): string {
  const quoi =
    e.nature === "releve_mensuel"
      ? `${e.libelle_document} de ${e.objet} (fichier ${e.document}__<code opérateur>__${e.objet}.csv)`
      : `${e.libelle_document} ${e.objet}`;
  if (e.statut === "refuse") return `Renvoyer le ${quoi} : le fichier reçu a été refusé (voir les motifs), échéance du ${jj(e.echeance)}.`;
  const retard = e.jours_retard ? `, ${e.jours_retard} jour${e.jours_retard > 1 ? "s" : ""} de retard` : "";
  return `Transmettre le ${quoi}, attendu au plus tard le ${jj(e.echeance)}${retard}.`;
}
