// Tables of the internal edition's pages (suivi financier, alertes, opérateurs): formatted cells (amounts, rates, dates
// in French) and the same CSV downloads as every other table of the site (raw numbers in the files). Amounts carry no
// « € » in the cells (the caption says « montants en euros »): with it, the financing tables were wider than the page.
import { boutonsCsv } from "./csv.js";
import { el } from "./dom.js";
import { nombre } from "./format.js";

const monnaie = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pourcent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });

/** 10833.33 → « 10 833,33 » (euros); a missing amount is a dash, never 0. */
export function montant(valeur: number | null | undefined): string {
  return valeur === null || valeur === undefined || Number.isNaN(valeur) ? "–" : monnaie.format(valeur);
}

/** 0.6 → « 60 % ». */
export function taux(valeur: number | null | undefined): string {
  return valeur === null || valeur === undefined || Number.isNaN(valeur) ? "–" : pourcent.format(valeur);
}

/** "2026-01-31" → "31/01/2026". */
export function jour(valeur: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(valeur ?? "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (valeur ?? "–");
}

/** The words the pages show for the codes of mart_financement, mart_alertes and raw.fichiers. */
export const STATUTS_PERIODE: Record<string, string> = { close: "close", en_cours: "en cours", a_venir: "à venir" };
export const SEVERITES: Record<string, string> = { erreur: "Erreur", avertissement: "Avertissement", info: "Information" };
export const STATUTS_FICHIER: Record<string, string> = { charge: "chargé", remplace: "remplacé", rejete: "rejeté" };

/** An alert of mart_alertes and a rule of its catalogue (once per fiche and rule), as pipelines/site/interne.ts gives them. */
export interface AlerteInterne {
  fiche: string;
  code_operateur: string | null;
  id_enregistrement: string | null;
  regle: string;
  severite: string;
  detail: string | null;
  /** The convention the record falls under; null where none applies (sql/int_alertes_conventions.sql). */
  id_convention: string | null;
}
export interface RegleInterne {
  fiche: string;
  regle: string;
  libelle: string;
  signification: string;
}
export type AlerteAffichee = AlerteInterne & { libelle_regle: string; signification_regle: string; libelle_severite: string; convention: string };

/** Alerts with what the tables show: « r03 — libellé » of the rule (its meaning beside), the severity's word, the convention or « aucune ». */
export function alertesAffichees(alertes: readonly AlerteInterne[], regles: readonly RegleInterne[]): AlerteAffichee[] {
  const parRegle = new Map(regles.map((r) => [`${r.fiche}\u0000${r.regle}`, r]));
  return alertes.map((a) => {
    const r = parRegle.get(`${a.fiche}\u0000${a.regle}`);
    return {
      ...a,
      libelle_regle: r ? `${a.regle} — ${r.libelle}` : a.regle,
      signification_regle: r?.signification ?? "",
      libelle_severite: SEVERITES[a.severite] ?? a.severite,
      convention: a.id_convention ?? "aucune",
    };
  });
}

/** The rule and convention columns of every alerts table: the rule's name on screen, its meaning on hover and in the CSV. */
export const COLONNE_REGLE: ColonneFormatee<AlerteAffichee> = { cle: "libelle_regle", titre: "Règle", infobulle: (a) => a.signification_regle || null };
export const COLONNE_SIGNIFICATION: ColonneFormatee<AlerteAffichee> = { cle: "signification_regle", titre: "Ce que vérifie la règle" };
export const COLONNE_CONVENTION: ColonneFormatee<AlerteAffichee> = { cle: "convention", titre: "Convention" };

export interface ColonneFormatee<T> {
  cle: keyof T & string;
  titre: string;
  /** How the cell reads on screen; the CSV keeps the raw value. Numbers default to the French number format. */
  format?: (valeur: never) => string;
  /** The address the cell links to (an operator's page…), none when null. */
  lien?: (ligne: T) => string | null;
  /** A longer text shown on hover (the cell's title): what a rule checks… */
  infobulle?: (ligne: T) => string | null;
  /** The cell's words when the row says more than its value (a balance not due yet…); null: the formatted value. */
  texte?: (ligne: T) => string | null;
}

/** Long lists are shown a page at a time (a 900-alert list made one page 79 000 px long). */
export const LIGNES_PAR_PAGE = 50;

export function tableauFormate<T>(
  lignes: readonly T[],
  options: {
    legende: string;
    colonnes: readonly ColonneFormatee<T>[];
    nomFichier: string;
    pied?: Partial<Record<keyof T & string, string>>;
    /** Rows per page, with previous/next buttons when there are more; every row otherwise. */
    parPage?: number;
    /** The CSV's columns when they differ from the shown ones. */
    colonnesCsv?: readonly ColonneFormatee<T>[];
  },
): HTMLElement {
  const cellule = (l: T, c: ColonneFormatee<T>) => {
    const v = l[c.cle] as unknown;
    const numerique = typeof v === "number" || (v === null && c.format !== undefined);
    const texte = c.texte?.(l) ?? (c.format ? (c.format as (x: unknown) => string)(v) : typeof v === "number" ? nombre(v) : String(v ?? ""));
    const lien = c.lien?.(l);
    const infobulle = c.infobulle?.(l);
    return el("td", { ...(numerique ? { class: "obs-nombre" } : {}), ...(infobulle ? { title: infobulle } : {}) }, lien ? el("a", { href: lien }, texte) : texte);
  };
  const ligne = (l: T) => el("tr", {}, ...options.colonnes.map((c) => cellule(l, c)));
  const pied = options.pied
    ? el("tfoot", {}, el("tr", {}, ...options.colonnes.map((c, i) => (i === 0 ? el("th", { scope: "row" }, options.pied![c.cle] ?? "Total") : el("td", { class: "obs-nombre" }, options.pied![c.cle] ?? "")))))
    : null;
  const corps = el("tbody", {});
  const table = el(
    "table",
    { class: "obs-tableau" },
    el("caption", {}, options.legende),
    el("thead", {}, el("tr", {}, ...options.colonnes.map((c) => el("th", { scope: "col" }, c.titre)))),
    corps,
    pied,
  );
  const parPage = options.parPage ?? lignes.length;
  const navigation = lignes.length > parPage ? pagination(lignes.length, parPage, (debut, fin) => corps.replaceChildren(...lignes.slice(debut, fin).map(ligne))) : null;
  if (!navigation) corps.append(...lignes.map(ligne));
  return el(
    "div",
    // obs-bloc-interne: on a phone the first column (operator, convention, rule…) stays while the rest scrolls (style.css).
    { class: "obs-bloc-tableau obs-bloc-interne" },
    // Focusable, so a keyboard can scroll a table wider than the screen (axe-core: scrollable-region-focusable).
    el("div", { class: "obs-tableau-defilant", tabindex: 0, role: "region", "aria-label": options.legende }, table),
    navigation,
    // The downloads hold every row, not only the page shown.
    boutonsCsv(lignes, options.colonnesCsv ?? options.colonnes, options.nomFichier),
  );
}

/** A row of mart_financement (pipelines/site/interne.ts: LigneFinancement), as the financing tables read it. */
export interface LigneFinancement {
  fiche: string;
  code_operateur: string;
  id_convention: string;
  date_debut: string | null;
  date_fin: string | null;
  montant_conventionne: number | null;
  taux_avance: number | null;
  du_service_fait: number | null;
  du_retenu: number | null;
  avance: number | null;
  solde: number | null;
  trop_percu: number | null;
  statut_periode: string | null;
  /** Logement d'abord 2.4, 2.5, 2.7: the sécurisation financière paid on top, included in du_service_fait; null elsewhere. */
  du_securisation?: number | null;
}

/** Totals of a fiche's financing, for all operators (code_operateur « tous ») or one: mart_financement_totaux. */
export interface TotalFinancement {
  fiche: string;
  code_operateur: string;
  nb_periodes: number;
  nb_closes: number;
  nb_en_cours: number;
  nb_a_venir: number;
  montant_conventionne: number;
  du_service_fait: number;
  du_retenu: number;
  avance: number;
  avance_periodes_ouvertes: number;
  reste_a_verser: number;
  trop_percu: number;
}

type LigneAffichee = LigneFinancement & { debut: string; fin: string; duree: string; statut: string };

/**
 * A balance exists only once the period has closed (sql/macros/periodes_conventions.sql): before, the row says that
 * the advance was paid and why there is no solde yet, rather than a dash that reads as « nothing ».
 */
function avantCloture(l: LigneFinancement): string | null {
  if (l.statut_periode === "en_cours") return "en cours : avance versée";
  if (l.statut_periode === "a_venir") return "à venir : avance versée";
  return null;
}

/**
 * The footer of a fiche's financing table from its totals: amounts of every period, balances of the closed ones only
 * (what remains to pay, what is to be paid back), never a sum of running periods' « soldes ».
 */
export function piedFinancement(t: TotalFinancement, premiereColonne: string, libelle: string): Record<string, string> {
  return {
    [premiereColonne]: libelle,
    montant_conventionne: montant(t.montant_conventionne),
    du_service_fait: montant(t.du_service_fait),
    du_retenu: montant(t.du_retenu),
    avance: montant(t.avance),
    solde: `${montant(t.reste_a_verser)} à verser`,
    trop_percu: `${montant(t.trop_percu)} à reverser`,
  };
}

/** The sentence under a fiche's table: closed periods' balances apart from the advances of the periods still open. */
export function noteFinancement(t: TotalFinancement): string {
  const closes = t.nb_closes === 0 ? "aucune période close" : `${nombre(t.nb_closes)} période${t.nb_closes > 1 ? "s" : ""} close${t.nb_closes > 1 ? "s" : ""}`;
  const ouvertes = t.nb_en_cours + t.nb_a_venir;
  return (
    `Soldes et trop-perçus des périodes closes seulement (${closes}) : ${montant(t.reste_a_verser)} € restent à verser, ` +
    `${montant(t.trop_percu)} € sont à reverser.` +
    (ouvertes === 0
      ? ""
      : ` ${nombre(t.nb_en_cours)} période${t.nb_en_cours > 1 ? "s" : ""} en cours et ${nombre(t.nb_a_venir)} à venir : ` +
        `${montant(t.avance_periodes_ouvertes)} € d'avances versées, soldées à leur clôture.`)
  );
}

/** The amounts of a convention period, in the order of the financing tables. */
export const MONTANTS = ["montant_conventionne", "du_service_fait", "du_securisation", "du_retenu", "avance", "solde", "trop_percu"] as const;

/**
 * The financing table of the « Suivi financier » page and of an operator's page: one row per convention period, as
 * mart_financement has it. On screen the convention's dates share one cell; the CSV keeps « Début » and « Fin ».
 */
export function tableauFinancement(
  lignes: readonly LigneFinancement[],
  options: { legende: string; nomFichier: string; operateur?: (code: string) => string; pied?: Partial<Record<string, string>> },
): HTMLElement {
  const affichees: LigneAffichee[] = lignes.map((l) => ({
    ...l,
    debut: jour(l.date_debut),
    fin: jour(l.date_fin),
    duree: `${jour(l.date_debut)} – ${jour(l.date_fin)}`,
    statut: STATUTS_PERIODE[l.statut_periode ?? ""] ?? l.statut_periode ?? "–",
  }));
  const operateur: ColonneFormatee<LigneAffichee>[] = options.operateur
    ? [{ cle: "code_operateur", titre: "Opérateur", lien: (l) => options.operateur!(l.code_operateur) }]
    : [];
  // Only the fiches that have one (Logement d'abord ADSL, VIAL) get the sécurisation column: elsewhere it would be a
  // column of dashes. On screen its title may break inside « sécurisation » (soft hyphen), or the 11 columns of an
  // LDA table no longer fit 1 366 px; the CSV keeps the whole words.
  const securisation = lignes.some((l) => l.du_securisation !== null && l.du_securisation !== undefined);
  const colonneSecurisation = (titre: string): ColonneFormatee<LigneAffichee>[] => (securisation ? [{ cle: "du_securisation", titre, format: montant }] : []);
  const montantsAvec = (titreSecurisation: string): ColonneFormatee<LigneAffichee>[] => [
    { cle: "montant_conventionne", titre: "Conventionné", format: montant },
    { cle: "taux_avance", titre: "Taux d'avance", format: taux },
    { cle: "du_service_fait", titre: "Dû au titre du service fait", format: montant },
    ...colonneSecurisation(titreSecurisation),
    { cle: "du_retenu", titre: "Dû retenu", format: montant },
    { cle: "avance", titre: "Avance", format: montant },
    { cle: "solde", titre: "Solde", format: montant, texte: avantCloture },
    { cle: "trop_percu", titre: "Trop-perçu", format: montant },
    { cle: "statut", titre: "Période" },
  ];
  const montants = montantsAvec("Dont sécu\u00adrisation");
  const montantsCsv = montantsAvec("Dont sécurisation financière");
  const convention: ColonneFormatee<LigneAffichee> = { cle: "id_convention", titre: "Convention" };
  return tableauFormate(affichees, {
    legende: options.legende,
    nomFichier: options.nomFichier,
    colonnes: [...operateur, convention, { cle: "duree", titre: "Du … au" }, ...montants],
    colonnesCsv: [...operateur, convention, { cle: "debut", titre: "Début" }, { cle: "fin", titre: "Fin" }, ...montantsCsv],
    pied: options.pied as Partial<Record<keyof LigneAffichee & string, string>>,
  });
}

/** « Lignes 51 à 100 sur 878 » between previous/next buttons; `afficher` shows rows [debut, fin). */
function pagination(total: number, parPage: number, afficher: (debut: number, fin: number) => void): HTMLElement {
  const pages = Math.ceil(total / parPage);
  let page = 0;
  const etat = el("span", { class: "obs-pagination-etat", "aria-live": "polite" });
  const precedente = el("button", { type: "button", class: "obs-bouton", "data-page": "precedente" }, "← Précédentes");
  const suivante = el("button", { type: "button", class: "obs-bouton", "data-page": "suivante" }, "Suivantes →");
  const aller = (n: number) => {
    page = n;
    const debut = page * parPage;
    const fin = Math.min(debut + parPage, total);
    afficher(debut, fin);
    etat.textContent = `Lignes ${nombre(debut + 1)} à ${nombre(fin)} sur ${nombre(total)} (page ${page + 1} sur ${pages})`;
    precedente.disabled = page === 0;
    suivante.disabled = page === pages - 1;
  };
  precedente.addEventListener("click", () => aller(page - 1));
  suivante.addEventListener("click", () => aller(page + 1));
  aller(0);
  return el("nav", { class: "obs-pagination", "aria-label": "Pages du tableau" }, precedente, etat, suivante);
}

/** The options of a filter: « toutes » first, then the values found. */
export function optionsFiltre(tous: string, valeurs: Iterable<{ valeur: string; texte: string }>): { valeur: string; texte: string }[] {
  return [{ valeur: "", texte: tous }, ...valeurs];
}
