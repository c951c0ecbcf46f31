// Scans everything the public profile publishes (dist/, build/extraits/) for what must never be there:
//   - a personal column of the contracts (columnList entries with `personal: true`) or a pseudonym (ps_ + 24 hex);
//   - a pseudonymised identifier value (id_personne, id_menage, id_usager, id_jeune, id_participant of the raw tables);
//   - an operator code (raw.fichiers, mart_financement, mart_alertes) or an operator-finance column
//     (du_service_fait, du_retenu, trop_percu, montant_conventionne, du_securisation, code_operateur) as a field of a data file;
//   - a small cell: a record whose unit counts people (sources/reference/unites.csv, regle_secret; an unknown unit
//     counts as people, as in pipelines/publish/secret.ts) and whose value is above 0 and below the threshold
//     (sources/reference/secret_statistique.csv).
// Every file is read: HTML, JavaScript, CSS, JSON and text as text (JSON and CSV records also parsed), Parquet through
// DuckDB's read_parquet, Arrow IPC through apache-arrow. A binary file of any other kind is reported as unread.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tableFromIPC } from "apache-arrow";
import { REPORTS } from "../contracts/index.ts";
import { query } from "../db/duckdb.ts";
import { readCsv } from "../reference/csv.ts";
import { listFiles } from "../site/postbuild.ts";
import { lignesCsv } from "./lignes-csv.ts";

export const COLONNES_IDENTIFIANTS = ["id_personne", "id_menage", "id_usager", "id_jeune", "id_participant"] as const;
export const COLONNES_FINANCE_OPERATEUR = ["du_service_fait", "du_retenu", "trop_percu", "montant_conventionne", "du_securisation", "code_operateur"] as const;
export const MOTIF_PSEUDONYME = /ps_[0-9a-f]{24}/;

export interface Interdits {
  colonnesPersonnelles: string[];
  identifiants: Set<string>;
  operateurs: Set<string>;
  colonnesFinance: readonly string[];
  /** unit → regle_secret (comptage_personnes, taux_ou_moyenne, hors_secret). */
  regles: Map<string, string>;
  seuil: number;
  /** "fiche|indicateur" → unit, for the records that carry no unit of their own (the sheets' column-wise data). */
  unites: Map<string, string>;
}

export type Genre = "colonne_personnelle" | "pseudonyme" | "identifiant" | "operateur" | "finance_operateur" | "petite_cellule" | "non_lu";

export interface Trouvaille {
  fichier: string;
  genre: Genre;
  detail: string;
}

/** The personal columns of every report contract. */
export function colonnesPersonnelles(): string[] {
  return [...new Set(REPORTS.flatMap((r) => r.columnList.filter((c) => c.personal).map((c) => c.name)))].sort();
}

/** What must not be published, read from the database the site was built from and the reference files. */
export async function lireInterdits(connection: DuckDBConnection): Promise<Interdits> {
  const colonnes = await query<{ table_schema: string; table_name: string; column_name: string }>(
    connection,
    `SELECT table_schema, table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'raw' AND column_name IN (${COLONNES_IDENTIFIANTS.map((c) => `'${c}'`).join(", ")})`,
  );
  const identifiants = new Set<string>();
  if (colonnes.length) {
    const union = colonnes.map((c) => `SELECT CAST("${c.column_name}" AS VARCHAR) AS v FROM raw."${c.table_name}"`).join(" UNION ");
    for (const { v } of await query<{ v: string | null }>(connection, `SELECT DISTINCT v FROM (${union}) WHERE v IS NOT NULL AND v <> ''`)) identifiants.add(v!);
  }
  const sources = [
    ["raw", "fichiers"],
    ["main", "mart_financement"],
    ["main", "mart_alertes"],
  ] as const;
  const operateurs = new Set<string>();
  for (const [schema, table] of sources) {
    const existe = await query(connection, "SELECT 1 FROM information_schema.columns WHERE table_schema = ? AND table_name = ? AND column_name = 'code_operateur'", [schema, table]);
    if (!existe.length) continue;
    for (const { v } of await query<{ v: string | null }>(connection, `SELECT DISTINCT code_operateur AS v FROM ${schema}.${table} WHERE code_operateur IS NOT NULL`)) operateurs.add(v!);
  }
  const regles = new Map(readCsv("sources/reference/unites.csv").map((u) => [u.unite!, u.regle_secret!]));
  const seuil = Number(readCsv("sources/reference/secret_statistique.csv").find((p) => p.parametre === "seuil")?.valeur);
  if (!Number.isFinite(seuil) || seuil < 2) throw new Error("seuil du secret statistique illisible (sources/reference/secret_statistique.csv)");
  const unites = new Map(readCsv("sources/reference/indicateurs.csv").map((i) => [`${i.fiche}|${i.indicateur}`, i.unite ?? ""]));
  const catalogue = await query<{ fiche: string; indicateur: string; unite: string }>(connection, "SELECT fiche, indicateur, unite FROM ref.indicateurs").catch(() => []);
  for (const c of catalogue) unites.set(`${c.fiche}|${c.indicateur}`, c.unite);
  // The four Logement d'abord fiches together (fiche « lda_ensemble ») have each indicator's unit in their own rows;
  // without the mart, their rows count as people (conservative).
  const ensemble = await query<{ fiche: string; indicateur: string; unite: string }>(connection, "SELECT DISTINCT fiche, indicateur, unite FROM mart_lda_ensemble").catch(() => []);
  for (const c of ensemble) unites.set(`${c.fiche}|${c.indicateur}`, c.unite);
  return { colonnesPersonnelles: colonnesPersonnelles(), identifiants, operateurs, colonnesFinance: COLONNES_FINANCE_OPERATEUR, regles, seuil, unites };
}

/**
 * The « Vérifier un fichier » worker bundles the contracts (pipelines/site/verificateur/): their personal columns'
 * names, which it must know to read a file's headers, and their template examples (« ASSO-LENS-01 », « MEN-00871 »),
 * which a demo record may happen to share. What the contracts' own source says is no record; anything else found in
 * that file is still a finding.
 */
const VERIFICATEUR = /(^|\/)_file\/verifier\//;
const CONTRATS = fileURLToPath(new URL("../contracts/", import.meta.url));
const TEXTE_CONTRATS = new Set(["colonne_personnelle", "identifiant", "operateur"]);
let texteContrats: string | null = null;

function sansTexteDesContrats(trouvailles: Trouvaille[]): Trouvaille[] {
  texteContrats ??= readdirSync(CONTRATS)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => readFileSync(join(CONTRATS, f), "utf8"))
    .join("\n");
  const dansLesContrats = (texte: string) => new RegExp(`(?<![A-Za-z0-9_-])${echapper(texte)}(?![A-Za-z0-9_-])`).test(texteContrats!);
  return trouvailles.filter((t) => !(TEXTE_CONTRATS.has(t.genre) && dansLesContrats(t.detail)));
}

const echapper = (s: string) => s.replace(/[\\^$*+?.()|[\]{}]/g, "\\$&");

/** A record of a data file: its fields, for the small-cell check. */
type Enregistrement = Record<string, unknown>;
/** The fields of a record the small-cell check reads. */
type ChampCellule = "valeur" | "secret" | "unite" | "fiche" | "indicateur";

/**
 * Records in any JSON value: arrays of objects, and column-wise tables (an object of equal-length arrays). A row that
 * points to its indicator by position (`i`) into a sibling list of indicators carrying their unit (the maps' data)
 * takes that indicator's fiche, code and unit.
 */
function enregistrementsJson(valeur: unknown, sortie: Enregistrement[] = [], indicateurs: Enregistrement[] | null = null): Enregistrement[] {
  if (Array.isArray(valeur)) {
    for (const v of valeur) enregistrementsJson(v, sortie, indicateurs);
  } else if (valeur && typeof valeur === "object") {
    const objet = valeur as Record<string, unknown>;
    const colonnes = Object.entries(objet).filter(([, v]) => Array.isArray(v));
    const longueurs = new Set(colonnes.map(([, v]) => (v as unknown[]).length));
    const avecIndicateur = (l: Enregistrement): Enregistrement => {
      const ref = typeof l.i === "number" && indicateurs ? indicateurs[l.i] : undefined;
      return ref && l.unite === undefined ? { fiche: ref.fiche, indicateur: ref.indicateur, unite: ref.unite, ...l } : l;
    };
    if ("valeur" in objet && Array.isArray(objet.valeur) && colonnes.length === Object.keys(objet).length && longueurs.size === 1) {
      const n = (objet.valeur as unknown[]).length;
      for (let i = 0; i < n; i++) sortie.push(avecIndicateur(Object.fromEntries(colonnes.map(([k, v]) => [k, (v as unknown[])[i]]))));
      return sortie;
    }
    if ("valeur" in objet && !Array.isArray(objet.valeur)) sortie.push(avecIndicateur(objet));
    const liste = colonnes.find(([, v]) => (v as unknown[]).length > 0 && (v as unknown[]).every((x) => x && typeof x === "object" && "unite" in x && "indicateur" in x));
    const voisins = liste ? (liste[1] as Enregistrement[]) : indicateurs;
    for (const v of Object.values(objet)) if (v && typeof v === "object") enregistrementsJson(v, sortie, voisins);
  }
  return sortie;
}

function clesJson(valeur: unknown, cles = new Set<string>()): Set<string> {
  if (Array.isArray(valeur)) for (const v of valeur) clesJson(v, cles);
  else if (valeur && typeof valeur === "object") {
    for (const [k, v] of Object.entries(valeur)) {
      cles.add(k);
      clesJson(v, cles);
    }
  }
  return cles;
}

/** "12,5" (Excel CSV) or "12.5" → 12.5; anything else → null. */
function nombre(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v !== "string" || v.trim() === "") return null;
  const n = Number(v.trim().replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

const vrai = (v: unknown) => v === true || v === 1 || v === "true" || v === "1";

export class Scanner {
  private readonly personnelles: RegExp | null;
  private readonly operateurs: RegExp | null;

  constructor(private readonly interdits: Interdits) {
    this.personnelles = interdits.colonnesPersonnelles.length ? new RegExp(`(?<![A-Za-z0-9_])(${interdits.colonnesPersonnelles.map(echapper).join("|")})(?![A-Za-z0-9_])`, "g") : null;
    // An operator code may sit inside a longer code (a convention « CONV-2025-ADSL-ASSO-LENS-01 »): only letters and
    // digits count as its neighbours.
    const codes = [...interdits.operateurs].sort((a, b) => b.length - a.length);
    this.operateurs = codes.length ? new RegExp(`(?<![A-Za-z0-9])(${codes.map(echapper).join("|")})(?![A-Za-z0-9])`, "g") : null;
  }

  /**
   * Every file under the roots; paths in the findings are relative to `base`. A file whose bytes were already scanned
   * (the downloads page serves the very extracts of build/extraits/) is not read again: it gets the same findings,
   * under its own name.
   */
  async scannerRacines(racines: string[], base: string, connection: DuckDBConnection, dejaVus = new Map<string, Trouvaille[]>()): Promise<Trouvaille[]> {
    const trouvailles: Trouvaille[] = [];
    for (const racine of racines) {
      for (const fichier of listFiles(racine)) {
        const nom = relative(base, fichier);
        // The checker's worker is judged by its place too (sansTexteDesContrats): its place is part of the key.
        const empreinte = `${createHash("sha256").update(readFileSync(fichier)).digest("hex")}${VERIFICATEUR.test(nom.split(sep).join("/")) ? "|verificateur" : ""}`;
        // A turn for the event loop between files: the site build scans the extracts while it waits on Framework.
        await new Promise((suite) => setImmediate(suite));
        const connues = dejaVus.get(empreinte) ?? (await this.scannerFichier(fichier, nom, connection));
        dejaVus.set(empreinte, connues);
        trouvailles.push(...connues.map((t) => ({ ...t, fichier: nom })));
      }
    }
    return trouvailles;
  }

  async scannerFichier(chemin: string, nom: string, connection: DuckDBConnection): Promise<Trouvaille[]> {
    const ext = extname(chemin).toLowerCase();
    const octets = readFileSync(chemin);
    if (ext === ".parquet") {
      const colonnes = await query<{ column_name: string }>(connection, `DESCRIBE SELECT * FROM read_parquet('${chemin.replace(/'/g, "''")}')`);
      const lignes = await query<Enregistrement>(connection, `SELECT * FROM read_parquet('${chemin.replace(/'/g, "''")}')`);
      return this.scannerDonnees(nom, colonnes.map((c) => c.column_name), lignes);
    }
    if (ext === ".arrow" || ext === ".feather" || octets.subarray(0, 6).toString("latin1") === "ARROW1") {
      const table = tableFromIPC(octets);
      const lignes = table.toArray().map((r) => ({ ...(r as { toJSON(): Enregistrement }).toJSON() }));
      return this.scannerDonnees(nom, table.schema.fields.map((f) => f.name), lignes);
    }
    if (octets.includes(0)) return [{ fichier: nom, genre: "non_lu", detail: `fichier binaire ${ext || "(sans extension)"} non examiné` }];
    const texte = octets.toString("utf8").replace(/^\uFEFF/, "");
    const trouvailles = VERIFICATEUR.test(nom.split(sep).join("/")) ? sansTexteDesContrats(this.scannerTexte(nom, texte)) : this.scannerTexte(nom, texte);
    if (ext === ".json") {
      let valeur: unknown;
      try {
        valeur = JSON.parse(texte);
      } catch {
        return trouvailles;
      }
      trouvailles.push(...this.scannerDonnees(nom, [...clesJson(valeur)], enregistrementsJson(valeur), false));
    } else if (ext === ".csv") {
      trouvailles.push(...this.scannerDonneesCsv(nom, texte));
    }
    return trouvailles;
  }

  /** Any text: personal column names, pseudonyms, identifier values, operator codes. */
  scannerTexte(nom: string, texte: string): Trouvaille[] {
    const trouvailles: Trouvaille[] = [];
    const premiers = (re: RegExp) => [...new Set([...texte.matchAll(re)].map((m) => m[1] ?? m[0]))].slice(0, 5);
    if (this.personnelles) for (const c of premiers(this.personnelles)) trouvailles.push({ fichier: nom, genre: "colonne_personnelle", detail: c });
    const pseudo = texte.match(new RegExp(MOTIF_PSEUDONYME.source));
    if (pseudo) trouvailles.push({ fichier: nom, genre: "pseudonyme", detail: pseudo[0] });
    const ids = new Set<string>();
    for (const [jeton] of texte.matchAll(/[A-Za-z0-9_-]+/g)) if (this.interdits.identifiants.has(jeton)) ids.add(jeton);
    for (const id of [...ids].slice(0, 5)) trouvailles.push({ fichier: nom, genre: "identifiant", detail: id });
    if (this.operateurs) for (const c of premiers(this.operateurs)) trouvailles.push({ fichier: nom, genre: "operateur", detail: c });
    return trouvailles;
  }

  /** Fields and records of a data file; `texte`: also scan the values as text (Parquet, Arrow: not read as text before). */
  scannerDonnees(nom: string, champs: string[], lignes: Enregistrement[], texte = true): Trouvaille[] {
    const trouvailles = this.champsFinance(nom, champs);
    if (texte) trouvailles.push(...this.scannerTexte(nom, `${champs.join("\n")}\n${lignes.map((l) => Object.values(l).map((v) => String(v ?? "")).join("\n")).join("\n")}`));
    trouvailles.push(...this.petitesCellules(nom, lignes, (l, champ) => l[champ], (l) => l));
    return trouvailles;
  }

  /** A CSV file's fields and records (its text is scanned apart); the delimiter is the first line's commoner of « ; » and « , ». */
  scannerDonneesCsv(nom: string, texte: string): Trouvaille[] {
    const premiere = texte.split(/\r?\n/, 1)[0] ?? "";
    const delimiter = (premiere.match(/;/g)?.length ?? 0) > (premiere.match(/,/g)?.length ?? 0) ? ";" : ",";
    const lignes = lignesCsv(texte, delimiter);
    const tete = lignes.next();
    const entetes: string[] = tete.done ? [] : tete.value;
    const position = new Map(entetes.map((e, i) => [e, i]));
    // Records stay arrays: only the fields the small-cell rule reads are looked up, the example alone is an object.
    const enregistrement = (l: string[]) => Object.fromEntries(entetes.map((e, i) => [e, l[i]]));
    return [...this.champsFinance(nom, entetes), ...this.petitesCellules(nom, lignes, (l, champ) => (position.has(champ) ? l[position.get(champ)!] : undefined), enregistrement)];
  }

  private champsFinance(nom: string, champs: string[]): Trouvaille[] {
    return champs.filter((c) => this.interdits.colonnesFinance.includes(c)).map((c) => ({ fichier: nom, genre: "finance_operateur", detail: `champ ${c}` }));
  }

  /** Records whose unit counts people with a value above 0 and below the threshold, not marked secret. */
  private petitesCellules<T>(nom: string, lignes: Iterable<T>, lire: (l: T, champ: ChampCellule) => unknown, enregistrement: (l: T) => Enregistrement): Trouvaille[] {
    let petites = 0;
    let exemple = "";
    for (const l of lignes) {
      const valeur = nombre(lire(l, "valeur"));
      if (valeur === null || !(valeur > 0 && valeur < this.interdits.seuil)) continue;
      if (vrai(lire(l, "secret"))) continue;
      const propre = lire(l, "unite");
      const unite = typeof propre === "string" && propre !== "" ? propre : this.interdits.unites.get(`${lire(l, "fiche")}|${lire(l, "indicateur")}`);
      const regle = unite === undefined ? "comptage_personnes" : (this.interdits.regles.get(unite) ?? "comptage_personnes");
      if (regle !== "comptage_personnes") continue;
      petites++;
      if (!exemple) exemple = JSON.stringify(enregistrement(l));
    }
    return petites ? [{ fichier: nom, genre: "petite_cellule", detail: `${petites} valeur(s) entre 0 et ${this.interdits.seuil} non masquées, par exemple ${exemple.slice(0, 300)}` }] : [];
  }
}

/**
 * What a scan's findings depend on besides a file's bytes: the forbidden lists read from the database and the
 * reference files, and the scanner's own code. Equal keys, equal findings for equal bytes (garde.ts keeps them).
 */
export function cleDuControle(interdits: Interdits): string {
  const hash = createHash("sha256");
  for (const f of ["scan.ts", "garde.ts"]) hash.update(readFileSync(fileURLToPath(new URL(f, import.meta.url))));
  hash.update(
    JSON.stringify({
      ...interdits,
      identifiants: [...interdits.identifiants].sort(),
      operateurs: [...interdits.operateurs].sort(),
      regles: [...interdits.regles].sort(),
      unites: [...interdits.unites].sort(),
    }),
  );
  return hash.digest("hex");
}
