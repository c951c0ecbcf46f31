// `npm run bench:xlsx`: two workbooks ingested whole (read, validated, loaded into DuckDB), each in a fresh child
// process so that its peak memory (maxRSS) is its own:
//   - a workbook as spreadsheet tools save one whose columns were formatted whole: a small table of Logement d'abord
//     measures inside ~9 million formatted empty cells (`<c r="X1" s="1"/>`), ~200 Mo of sheet XML;
//   - a 100 000-row table of the same measures, as Excel saves it (shared strings, dates as numbers).
// Rounds interleave the two; medians are printed. Figures are printed, never asserted.
//   npm run bench:xlsx -- [--tours 3] [--lignes 100000] [--cellules 9000000]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ldaMesures } from "../contracts/lda_mesures.ts";
import { closeDatabase, openDatabase } from "../db/duckdb.ts";
import { ingestDirectory } from "../ingest/index.ts";
import { ecrireClasseurBrut, feuilleXml, partiesClasseur } from "./classeur-brut.ts";
import { contexte, imprimerObjectifs, mesurer, type Objectif } from "./objectifs.ts";

const OPERATEUR = "ASSO-BENCH-01";
const NOM = `${ldaMesures.table}__${OPERATEUR}__2026-10.xlsx`;
const COLONNES = ["code_operateur", "id_mesure", "id_personne", "id_menage", "dispositif", "territoire_lda", "sexe", "age_entree", "composition_familiale", "situation_logement_entree", "date_signature_contrat", "date_debut", "date_fin", "type_sortie", "nb_suivis_sante"] as const;
/** Formatted columns: A to Z, eleven right of the table's fifteen. */
const LARGEUR = 26;
const lettre = (c: number) => String.fromCharCode(64 + c);
/** Excel's day number of 2025-01-01 (days since 1899-12-30). */
const JOUR_2025 = 45658;

/** A measure as an operator types it in Excel: text, numbers, real dates (style 2: `dd/mm/yyyy`). */
function cellules(i: number, chaine: (s: string) => number): string[] {
  const jour = JOUR_2025 + (i % 300);
  const finie = i % 3 === 0;
  const texte = (s: string) => `t="s"><v>${chaine(s)}</v>`;
  return [
    texte(OPERATEUR), texte(`M${i}`), texte(`P${i}`), texte(`H${i}`), texte(["adsl", "vial"][i % 2]!), texte(["lens_henin", "artois", "audomarois"][i % 3]!),
    texte(i % 2 ? "F" : "M"), `><v>${18 + (i % 60)}</v>`, texte("personne_seule"), texte("heberge_tiers"), `s="2"><v>${jour}</v>`, `s="2"><v>${jour}</v>`,
    finie ? `s="2"><v>${jour + 200}</v>` : "", finie ? texte("positive") : "", `><v>${i % 3}</v>`,
  ];
}

/** Rows of the table, then `vides` rows of formatted empty cells below it (the table's rows formatted to column Z too). */
function* lignes(table: number, vides: number, chaine: (s: string) => number, compte: { vides: number }): Generator<string> {
  const entete = COLONNES.map((c, k) => `<c r="${lettre(k + 1)}1" t="s"><v>${chaine(c)}</v></c>`).join("");
  yield `<row r="1" spans="1:${LARGEUR}">${entete}</row>`;
  let bloc = "";
  for (let r = 2; r <= table + vides + 1; r++) {
    // As Excel writes a formatted row: its span and its height attributes.
    let ligne = `<row r="${r}" spans="1:${LARGEUR}" s="1" customFormat="1" x14ac:dyDescent="0.25">`;
    const valeurs = r <= table + 1 ? cellules(r - 2, chaine) : [];
    for (let c = 1; c <= LARGEUR; c++) {
      const v = valeurs[c - 1];
      if (v) ligne += `<c r="${lettre(c)}${r}"${v.startsWith(">") ? "" : " "}${v}</c>`;
      else {
        // Date columns formatted as dates, the others filled.
        ligne += `<c r="${lettre(c)}${r}" s="${c >= 11 && c <= 13 ? 2 : 1}"/>`;
        compte.vides++;
      }
    }
    bloc += `${ligne}</row>`;
    if (bloc.length > 1 << 20) {
      yield bloc;
      bloc = "";
    }
  }
  yield bloc;
}

/** A workbook of `table` measures and `vides` rows of formatted empty cells below; returns its count of formatted empty cells. */
export async function ecrireClasseurBench(chemin: string, table: number, vides: number): Promise<number> {
  const chaines: string[] = [];
  const index = new Map<string, number>();
  const chaine = (s: string) => {
    let n = index.get(s);
    if (n === undefined) index.set(s, (n = chaines.push(s) - 1));
    return n;
  };
  const compte = { vides: 0 };
  const parties = partiesClasseur([{ nom: "Feuil1", xml: feuilleXml(lignes(table, vides, chaine, compte)) }], { chaines });
  // The sheet first: every shared string is known when their part is written after it.
  const feuille = (nom: string) => nom.startsWith("xl/worksheets/");
  await ecrireClasseurBrut(chemin, [...parties.filter((p) => feuille(p.nom)), ...parties.filter((p) => !feuille(p.nom))]);
  return compte.vides;
}

interface Mesure {
  secondes: number;
  maxRssMo: number;
  lues: number;
  chargees: number;
  rejetees: number;
  statut: string;
}

/** In the child: the one file of `dir` ingested into an in-memory database. */
async function enfant(dir: string): Promise<void> {
  const connection = await openDatabase(":memory:");
  const debut = performance.now();
  const rapport = await ingestDirectory(connection, dir, {});
  const secondes = (performance.now() - debut) / 1000;
  closeDatabase(connection);
  const f = rapport.fichiers[0]!;
  const mesure: Mesure = { secondes, maxRssMo: process.resourceUsage().maxRSS / 1024, lues: f.lues, chargees: f.chargees, rejetees: f.rejetees, statut: f.statut };
  process.stdout.write(`${JSON.stringify(mesure)}\n`);
}

function mesurerDansEnfant(dir: string): Mesure {
  const ici = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ["--import", "tsx", ici, "--enfant", dir], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`ingestion du classeur de ${dir} : échec (code ${r.status})\n${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Mesure;
}

const fr = (x: number, digits = 1) => x.toLocaleString("fr-FR", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mediane = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchXlsx(options: { tours?: number; lignes?: number; cellules?: number; bavard?: boolean } = {}): Promise<Objectif[]> {
  const tours = options.tours ?? 3;
  const lignes100k = options.lignes ?? 100_000;
  const vides = Math.round((options.cellules ?? 9_000_000) / LARGEUR);
  const racine = mkdtempSync(join(tmpdir(), "obs-bench-xlsx-"));
  const dirVides = join(racine, "vides");
  const dirLignes = join(racine, "lignes");
  mkdirSync(dirVides);
  mkdirSync(dirLignes);
  try {
    const TABLE = 1_000;
    const cellulesVides = await ecrireClasseurBench(join(dirVides, NOM), TABLE, vides);
    await ecrireClasseurBench(join(dirLignes, NOM), lignes100k, 0);
    const tailleVides = statSync(join(dirVides, NOM)).size / 1e6;
    const tailleLignes = statSync(join(dirLignes, NOM)).size / 1e6;
    const v: Mesure[] = [];
    const l: Mesure[] = [];
    for (let t = 0; t < tours; t++) {
      v.push(mesurerDansEnfant(dirVides));
      l.push(mesurerDansEnfant(dirLignes));
      if (options.bavard) console.log(`  tour ${t + 1} : cellules vides ${fr(v[t]!.secondes, 2)} s, ${fr(v[t]!.maxRssMo, 0)} Mo ; 100 000 lignes ${fr(l[t]!.secondes, 2)} s, ${fr(l[t]!.maxRssMo, 0)} Mo`);
    }
    for (const [m, attendu] of [[v[0]!, TABLE], [l[0]!, lignes100k]] as const) {
      if (m.statut !== "charge" || m.chargees !== attendu) throw new Error(`classeur du bench mal lu : ${JSON.stringify(m)} (attendu ${attendu} lignes chargées)`);
    }
    const sL = mediane(l.map((m) => m.secondes));
    return [
      contexte(`XLSX ${fr(tailleVides, 1)} Mo, ${fr(cellulesVides, 0)} cellules vides stylées autour de ${fr(TABLE, 0)} lignes remplies`, `${tours} tour${tours > 1 ? "s" : ""}, médianes`),
      mesurer("xlsxCellulesVides", mediane(v.map((m) => m.secondes))),
      mesurer("xlsxCellulesVidesMemoire", mediane(v.map((m) => m.maxRssMo)), 0),
      contexte(`XLSX ${fr(lignes100k, 0)} lignes (${fr(tailleLignes, 1)} Mo) : ingestion validée`, `${fr(sL, 2)} s, ${fr(lignes100k / sL, 0)} lignes/s, pic ${fr(mediane(l.map((m) => m.maxRssMo)), 0)} Mo`),
    ];
  } finally {
    rmSync(racine, { recursive: true, force: true });
  }
}

const principal = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (principal) {
  const { values } = parseArgs({ options: { enfant: { type: "string" }, tours: { type: "string", default: "3" }, lignes: { type: "string", default: "100000" }, cellules: { type: "string", default: "9000000" } } });
  if (values.enfant) await enfant(values.enfant);
  else imprimerObjectifs(await benchXlsx({ tours: Number(values.tours), lignes: Number(values.lignes), cellules: Number(values.cellules), bavard: true }));
}
