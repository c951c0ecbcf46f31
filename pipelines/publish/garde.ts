// The public build's last door: once Framework has built the public site into its temporary folder, that folder and
// the extracts are scanned (scan.ts) against the database the site was built from, and any finding fails the build
// before the swap, so the previous site stays in place.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { closeDatabase, DEFAULT_DATABASE, openDatabase } from "../db/duckdb.ts";
import { BUILD } from "../outputs.ts";
import type { DuckDBConnection } from "@duckdb/node-api";
import { cleDuControle, lireInterdits, Scanner, type Genre, type Trouvaille } from "./scan.ts";

/**
 * The findings of the last scan per file (sha256 → findings), with the key they hold for (cleDuControle): a warm
 * build republishes the same bytes, which need not be read again. Another key, and the memo starts empty.
 */
export const MEMO_CONTROLE = join(BUILD, "controle-public.json");

function lireMemo(cle: string): Map<string, Trouvaille[]> {
  if (!existsSync(MEMO_CONTROLE)) return new Map();
  try {
    const memo = JSON.parse(readFileSync(MEMO_CONTROLE, "utf8")) as { cle: string; fichiers: Record<string, Trouvaille[]> };
    return memo.cle === cle ? new Map(Object.entries(memo.fichiers)) : new Map();
  } catch {
    // A memo cut short by a killed build is no finding: the scan reads every file again.
    process.stderr.write(`  ${MEMO_CONTROLE} illisible : tout est contrôlé à nouveau\n`);
    return new Map();
  }
}

const LIBELLES: Record<Genre, string> = {
  colonne_personnelle: "colonne personnelle",
  pseudonyme: "pseudonyme",
  identifiant: "identifiant d'une personne ou d'un ménage",
  operateur: "code opérateur",
  finance_operateur: "financement par opérateur",
  petite_cellule: "petite cellule non masquée",
  non_lu: "fichier illisible par le contrôle",
};

const MONTRES = 20;

export function messageFuites(trouvailles: Trouvaille[]): string {
  const lignes = trouvailles.slice(0, MONTRES).map((t) => `  ${t.fichier} — ${LIBELLES[t.genre]} : ${t.detail.slice(0, 160)}`);
  const reste = trouvailles.length > MONTRES ? [`  … et ${trouvailles.length - MONTRES} autre(s)`] : [];
  return [
    `la sortie publique contient ${trouvailles.length} élément(s) interdit(s) ; le site précédent est conservé :`,
    ...lignes,
    ...reste,
    "Retirez-les de la page, du chargeur de données ou du modèle SQL qui les publie (pipelines/publish/scan.ts dit ce qui est cherché), puis relancez la construction.",
  ].join("\n");
}

/**
 * One scan of the public output, in parts: the site build scans the extracts while Framework builds the pages (they
 * do not depend on the site), then the built site, whose downloads are the extracts' very bytes (memo hits). The
 * findings of every part are thrown together at the end.
 */
export class ControlePublic {
  private readonly trouvailles: Trouvaille[] = [];
  private readonly racines: string[] = [];
  private secondes = 0;

  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly scanner: Scanner,
    private readonly cle: string,
    private readonly memo: Map<string, Trouvaille[]>,
    private readonly connus: number,
    private readonly base: string,
  ) {}

  static async ouvrir(base = process.cwd(), database = DEFAULT_DATABASE): Promise<ControlePublic> {
    const debut = performance.now();
    const connection = await openDatabase(database, { readOnly: true });
    try {
      const interdits = await lireInterdits(connection);
      const cle = cleDuControle(interdits);
      const memo = lireMemo(cle);
      const controle = new ControlePublic(connection, new Scanner(interdits), cle, memo, memo.size, base);
      controle.secondes += (performance.now() - debut) / 1000;
      return controle;
    } catch (error) {
      closeDatabase(connection);
      throw error;
    }
  }

  async scannerRacines(racines: string[]): Promise<void> {
    const debut = performance.now();
    this.trouvailles.push(...(await this.scanner.scannerRacines(racines, this.base, this.connection, this.memo)));
    this.racines.push(...racines);
    this.secondes += (performance.now() - debut) / 1000;
  }

  /** Closes the database, keeps the memo, throws every finding; returns the seconds spent scanning. */
  terminer(): number {
    closeDatabase(this.connection);
    mkdirSync(dirname(MEMO_CONTROLE), { recursive: true });
    writeFileSync(MEMO_CONTROLE, JSON.stringify({ cle: this.cle, fichiers: Object.fromEntries(this.memo) }));
    if (this.connus) process.stderr.write(`  contrôle : résultats de ${this.connus} fichier(s) déjà lus réutilisés pour les mêmes octets (${relative(this.base, MEMO_CONTROLE)})\n`);
    if (this.trouvailles.length) throw new Error(messageFuites(this.trouvailles));
    process.stderr.write(`Sortie publique contrôlée (${this.racines.map((r) => relative(this.base, r) || ".").join(", ")}) : rien d'interdit (${this.secondes.toFixed(1)} s).\n`);
    return this.secondes;
  }

  /** Closes the database without a verdict: the build failed elsewhere. */
  abandonner(): void {
    closeDatabase(this.connection);
  }
}

/** Scans the roots against the database; throws the findings, returns the number of seconds the scan took. */
export async function refuserFuites(racines: string[], base = process.cwd(), database = DEFAULT_DATABASE): Promise<number> {
  const controle = await ControlePublic.ouvrir(base, database);
  try {
    await controle.scannerRacines(racines);
  } catch (error) {
    controle.abandonner();
    throw error;
  }
  return controle.terminer();
}
