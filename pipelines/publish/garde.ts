// The public build's last door: once Framework has built the public site into its temporary folder, that folder and
// the extracts are scanned (scan.ts) against the database the site was built from, and any finding fails the build
// before the swap, so the previous site stays in place.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { closeDatabase, DEFAULT_DATABASE, openDatabase } from "../db/duckdb.ts";
import { BUILD } from "../outputs.ts";
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

/** Scans the roots against the database; throws the findings, returns the number of seconds the scan took. */
export async function refuserFuites(racines: string[], base = process.cwd(), database = DEFAULT_DATABASE): Promise<number> {
  const debut = performance.now();
  const connection = await openDatabase(database, { readOnly: true });
  try {
    const interdits = await lireInterdits(connection);
    const cle = cleDuControle(interdits);
    const memo = lireMemo(cle);
    const connus = memo.size;
    const trouvailles = await new Scanner(interdits).scannerRacines(racines, base, connection, memo);
    mkdirSync(dirname(MEMO_CONTROLE), { recursive: true });
    writeFileSync(MEMO_CONTROLE, JSON.stringify({ cle, fichiers: Object.fromEntries(memo) }));
    if (connus) process.stderr.write(`  contrôle : résultats de ${connus} fichier(s) déjà lus réutilisés pour les mêmes octets (${relative(base, MEMO_CONTROLE)})\n`);
    if (trouvailles.length) throw new Error(messageFuites(trouvailles));
  } finally {
    closeDatabase(connection);
  }
  const secondes = (performance.now() - debut) / 1000;
  process.stderr.write(`Sortie publique contrôlée (${racines.map((r) => relative(base, r) || ".").join(", ")}) : rien d'interdit (${secondes.toFixed(1)} s).\n`);
  return secondes;
}
