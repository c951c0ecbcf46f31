// The build profile the site is built for, read from OBS_PROFIL (set by pipelines/site/build.ts):
//   public  → dist/: partners' edition, figures under statistical secret, no operator-level detail;
//   interne → dist-interne/: the Département's staff, plus the internal pages (financing by operator and convention,
//             rule alerts, files received and quarantine).
// The profile drives observablehq.config.ts `pages` (the internal pages come from a parameterised page loader,
// observatory/interne/[page].md.ts, so Framework builds them only when the configuration lists them), and that page
// loader and every internal data loader call exigerProfilInterne() first: even a page listed by mistake could not
// put internal data in dist/.

export type ProfilSite = "public" | "interne";

export function profilSite(env: NodeJS.ProcessEnv = process.env): ProfilSite {
  const valeur = env.OBS_PROFIL ?? "public";
  if (valeur !== "public" && valeur !== "interne") throw new Error(`OBS_PROFIL « ${valeur} » inconnu : public ou interne`);
  return valeur;
}

/** Throws unless the site is being built for the internal edition: internal data never reach a public build. */
export function exigerProfilInterne(donnees: string, env: NodeJS.ProcessEnv = process.env): void {
  if (profilSite(env) !== "interne") {
    throw new Error(`${donnees} : donnée réservée à l'édition interne (OBS_PROFIL=interne), refusée pour le profil « ${profilSite(env)} »`);
  }
}

/** The internal pages, in the sidebar order (Markdown in pipelines/site/pages-internes/<page>.md). */
export const PAGES_INTERNES = [
  { name: "Accueil de l’édition interne", path: "/interne/accueil" },
  { name: "Suivi financier", path: "/interne/suivi-financier" },
  { name: "Alertes", path: "/interne/alertes" },
  { name: "Fichiers reçus", path: "/interne/fichiers" },
  { name: "Suivi des envois", path: "/interne/envois" },
] as const;

/** The data files the internal pages read (observatory/data/interne/*.json.ts), relative to the site root. */
export const DONNEES_INTERNES = ["/data/interne/suivi-financier.json", "/data/interne/alertes.json", "/data/interne/fichiers.json", "/data/interne/operateurs.json", "/data/interne/envois.json"] as const;

