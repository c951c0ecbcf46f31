// The per-file summary the observatory operator reads at the end of a run.
import type { IngestReport } from "./index.ts";

const n = (x: number) => x.toLocaleString("fr-FR");
const STATUTS = { charge: "chargé", rejete: "REJETÉ", deja_charge: "déjà chargé", remplace: "remplacé" } as const;

export function printIngestSummary(report: IngestReport, print: (line: string) => void): void {
  const rows = report.fichiers.map((f) => [f.nom, f.table ?? "?", f.operateur ?? "?", n(f.lues), n(f.chargees), n(f.rejetees), STATUTS[f.statut]]);
  const header = ["fichier", "table", "opérateur", "lues", "chargées", "rejetées", "statut"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i >= 3 && i <= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  print(format(header));
  for (const r of rows) print(format(r));
  const total = (k: "lues" | "chargees" | "rejetees") => n(report.fichiers.reduce((s, f) => s + f[k], 0));
  print(`Total : ${total("lues")} lignes lues, ${total("chargees")} chargées, ${total("rejetees")} en quarantaine (détail : table raw.quarantaine).`);
  for (const f of report.fichiers.filter((f) => f.statut === "rejete")) print(`  ✗ ${f.nom} : ${f.motif}`);
  // Ignored values are not rejected rows: their rows count, but the operator has a cell to correct.
  for (const f of report.fichiers.filter((f) => f.valeurs_ignorees > 0)) {
    const s = f.valeurs_ignorees > 1 ? "s" : "";
    print(`  ! ${f.nom} : ${n(f.valeurs_ignorees)} valeur${s} illisible${s} ignorée${s}, lignes chargées (détail : table raw.valeurs_ignorees)`);
  }
  // The rows of a replaced file stay in « lues / chargées » (they were read), but none of them counts any more.
  for (const f of report.fichiers.filter((f) => f.statut === "remplace")) {
    const by = report.fichiers.find((g) => g.remplace.includes(f.fichier));
    print(`  ↻ ${f.nom} : remplacé par « ${by?.nom ?? "?"} » (ses lignes ne comptent plus)`);
  }
}
