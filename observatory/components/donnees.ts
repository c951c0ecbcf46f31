// The Logement d'abord data as the page uses it: rows rebuilt from columns, one fiche or the four together (rows of
// mart_lda_ensemble: the sums are computed in SQL, never here).

export interface Ligne {
  fiche: string;
  indicateur: string;
  periode: string;
  territoire: string;
  niveau: string;
  ventilation: string;
  modalite: string;
  valeur: number | null;
  /** Masked by statistical secret (valeur is then null): shown as « s ». 0/1 in the JSON files. */
  secret?: boolean | number;
}

export interface Catalogue {
  fiche: string;
  indicateur: string;
  /** The spec's wording of the indicator: the explanation under the short label. */
  libelle: string;
  /** The label of cards and charts (≤ 60 characters, names what is counted). */
  libelle_court: string;
  definition: string | null;
  unite: string | null;
  /** The indicator adds up across fiches (int_indicateurs_additifs): the four fiches together have its sum. Read for the Logement d'abord fiches. */
  additif?: boolean;
}

export interface Fiche {
  code: string;
  numero: string;
  court: string;
  titre: string;
}

export interface Territoire {
  code: string;
  libelle: string;
  ami: string;
  libelle_ami: string;
}

export interface DonneesLda {
  fiches: Fiche[];
  annees: string[];
  catalogue: Catalogue[];
  territoires: Territoire[];
  ventilations: Record<string, string>;
  modalites: Record<string, Record<string, string>>;
  annuel: Record<string, unknown[]>;
  mensuel: Record<string, unknown[]>;
}

/** The value of the fiche selector meaning « the four fiches together »: the fiche code of mart_lda_ensemble's rows. */
export const TOUTES = "lda_ensemble";

export function depuisColonnes(colonnes: Record<string, unknown[]>): Ligne[] {
  const cles = Object.keys(colonnes);
  const n = cles.length ? colonnes[cles[0]!]!.length : 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(cles.map((c) => [c, colonnes[c]![i]])) as unknown as Ligne);
}

/** The rows of one fiche, or of the four together (fiche = TOUTES). */
export function perimetre(lignes: readonly Ligne[], fiche: string): Ligne[] {
  return lignes.filter((l) => l.fiche === fiche);
}

/** i01, i01_entrees … i10, i11, x01: natural order, sub-figures right after their indicator. */
export function ordreIndicateurs(a: string, b: string): number {
  return a.localeCompare(b, "fr", { numeric: true });
}

/** « i05_participants » belongs to « i05 »; « x01 » is its own indicator. */
export function indicateurPrincipal(indicateur: string): string {
  return indicateur.split("_")[0]!;
}

export function entreeCatalogue(catalogue: readonly Catalogue[], fiche: string, indicateur: string): Catalogue | undefined {
  // For the four fiches together, the wording of 2.4 (the reference fiche the others point to).
  const ordre = fiche === TOUTES ? ["f2_4_adsl", "f2_5_vial", "f2_6_envaul", "f2_7_lda_extension"] : [fiche];
  for (const f of ordre) {
    const trouve = catalogue.find((c) => c.fiche === f && c.indicateur === indicateur);
    if (trouve) return trouve;
  }
  return catalogue.find((c) => c.indicateur === indicateur);
}

const COMPOSITES: Record<string, string[]> = { sexe_tranche_age: ["sexe", "tranche_age"] };

/** Label of a modality; composite modalities (« F|18_25 », a transition « fragile>equilibree ») are labelled part by part. */
export function libelleModalite(modalites: Record<string, Record<string, string>>, ventilation: string, code: string): string {
  if (code === "ensemble") return "Ensemble";
  if (code.includes(">")) return code.split(">").map((partie) => libelleModalite(modalites, ventilation, partie)).join(" → ");
  if (code.includes("|")) {
    const noms = COMPOSITES[ventilation] ?? [];
    return code
      .split("|")
      .map((partie, i) => libelleModalite(modalites, noms[i] ?? ventilation, partie))
      .join(", ");
  }
  return modalites[ventilation]?.[code] ?? code.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}
