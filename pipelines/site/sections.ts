// The navigation and generated paths of the territory synthesis sheets and of the youth observatory (18-25 ans),
// kept here so observablehq.config.ts only spreads them.
import { cheminThemeJeunes, THEMES_JEUNES } from "../../observatory/components/themes-jeunes.ts";
import { cheminTerritoire, territoiresSynthese } from "./territoires.ts";

export function pagesSections() {
  const territoires = territoiresSynthese();
  return [
    {
      name: "Observatoire des jeunes 18-25 ans",
      open: true,
      pages: [
        { name: "Présentation et chiffres clés", path: "/jeunes/" },
        ...THEMES_JEUNES.map((t) => ({ name: t.titre, path: cheminThemeJeunes(t.slug) })),
        { name: "Fiche de synthèse", path: "/jeunes/synthese" },
        { name: "Cartographies", path: "/jeunes/cartes" },
        { name: "Rapport complet (imprimable)", path: "/jeunes/rapport" },
      ],
    },
    {
      name: "Synthèses territoriales",
      open: false,
      pages: [{ name: "Les territoires", path: "/territoires/" }, ...territoires.map((t) => ({ name: t.niveau === "territoire_mds" ? `MDS ${t.libelle}` : t.libelle, path: cheminTerritoire(t.slug) }))],
    },
    { name: "Cartes", path: "/cartes" },
  ];
}

export function cheminsSections(): string[] {
  return [...THEMES_JEUNES.map((t) => cheminThemeJeunes(t.slug)), ...territoiresSynthese().map((t) => cheminTerritoire(t.slug))];
}
