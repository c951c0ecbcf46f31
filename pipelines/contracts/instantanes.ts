// Tables whose counts depend on the snapshot date of the file: each record is followed over time and counted up to its
// own file's date_arrete (from the period in the file's name): mois-mesures and ended measures (lda_mesures,
// astre_mesures, and the ASTRE aids counted within them), ended accompaniments (pe_menages), interventions and their
// contacts (em_interventions). A file of these tables without a readable period would take its load date as its
// snapshot: its running measures would count months nobody reported. It is refused (pipelines/ingest/ingest-file.ts).
// The other tables list dated acts (consultations, sessions, payments, bilans…) whose counting does not depend on when
// the file was drawn up: a file named outside the convention is still identified by its headers, and ranks below any
// properly named file of the same records (sql/macros/fichiers_actifs.sql).
export const TABLES_INSTANTANE: ReadonlySet<string> = new Set(["astre_mesures", "em_interventions", "lda_mesures", "pe_menages"]);
