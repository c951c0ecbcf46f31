// The public build's last door: once Framework has built the public site into its temporary folder, that folder and
// the extracts are scanned (scan.ts) against the database the site was built from, and any finding fails the build
// before the swap, so the previous site stays in place.
import { relative } from "node:path";
import { closeDatabase, DEFAULT_DATABASE, openDatabase } from "../db/duckdb.ts";
import { lireInterdits, Scanner, type Genre, type Trouvaille } from "./scan.ts";

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
    const trouvailles = await new Scanner(await lireInterdits(connection)).scannerRacines(racines, base, connection);
    if (trouvailles.length) throw new Error(messageFuites(trouvailles));
  } finally {
    closeDatabase(connection);
  }
  const secondes = (performance.now() - debut) / 1000;
  process.stderr.write(`Sortie publique contrôlée (${racines.map((r) => relative(base, r) || ".").join(", ")}) : rien d'interdit (${secondes.toFixed(1)} s).\n`);
  return secondes;
}
