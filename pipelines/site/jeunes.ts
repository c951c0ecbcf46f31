// What the youth observatory's pages read (observatory/jeunes/): the published rows of the fiches its thematic sheets
// draw on (2.9, which also publishes the youth slices y01-y06 of the other fiches, and 2.6 ENVAUL), in the format of
// the thematic sheets (pipelines/site/fiches.ts), commune rows left out (the maps read them). One thematic sheet
// reads only its own indicators (data/jeunes/[theme].json), the synthesis and the full report read them all.
import type { DuckDBConnection } from "@duckdb/node-api";
import { THEMES_JEUNES } from "../../observatory/components/themes-jeunes.ts";
import { donneesFiche, type DonneesFiche } from "./fiches.ts";

const appartient = (id: string, racines: readonly string[]) => racines.some((r) => id === r || id.startsWith(`${r}_`));

function filtrer(colonnes: Record<string, unknown[]>, garder: (i: number) => boolean): Record<string, unknown[]> {
  const n = Object.values(colonnes)[0]?.length ?? 0;
  const indices = Array.from({ length: n }, (_, i) => i).filter(garder);
  return Object.fromEntries(Object.entries(colonnes).map(([k, v]) => [k, indices.map((i) => v[i])]));
}

export async function donneesJeunes(connection: DuckDBConnection, theme?: string): Promise<{ sources: Record<string, DonneesFiche> }> {
  const themes = theme ? THEMES_JEUNES.filter((t) => t.slug === theme) : THEMES_JEUNES;
  if (!themes.length) throw new Error(`Fiche thématique jeunes inconnue : ${theme}`);
  const sources: Record<string, DonneesFiche> = {};
  for (const code of new Set(themes.map((t) => t.source))) {
    const d = await donneesFiche(connection, code);
    // The indicators of the themes read here (a theme without a list reads its whole fiche).
    const racines = themes.filter((t) => t.source === code).flatMap((t) => (t.indicateurs.length ? [...t.indicateurs, ...t.cles] : ["*"]));
    const voulu = (id: unknown) => racines.includes("*") || appartient(String(id), racines);
    const niveaux = (d.annuel.niveau ?? []) as string[];
    const indicateursAnnuels = (d.annuel.indicateur ?? []) as string[];
    const indicateursMensuels = (d.mensuel.indicateur ?? []) as string[];
    sources[code] = {
      ...d,
      catalogue: d.catalogue.filter((c) => voulu(c.indicateur)),
      annuel: filtrer(d.annuel, (i) => niveaux[i] !== "commune" && voulu(indicateursAnnuels[i])),
      mensuel: filtrer(d.mensuel, (i) => voulu(indicateursMensuels[i])),
    };
  }
  return { sources };
}
