// The internal edition's data can only come out of an internal build: the profile drives the configured pages, and
// the page loader and data loaders of the internal pages refuse to run for any other profile (belt and braces).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { refuserPagesInternes } from "../pipelines/site/build.ts";
import { cheminOperateur } from "../observatory/components/operateur.ts";
import { DONNEES_INTERNES, exigerProfilInterne, PAGES_INTERNES, profilSite } from "../pipelines/site/profil.ts";

describe("édition interne : réservée au profil interne", () => {
  it("lit le profil, public par défaut, et refuse un profil inconnu", () => {
    expect(profilSite({})).toBe("public");
    expect(profilSite({ OBS_PROFIL: "interne" })).toBe("interne");
    expect(() => profilSite({ OBS_PROFIL: "partenaires" })).toThrow(/inconnu/);
    expect(() => exigerProfilInterne("x", {})).toThrow(/réservée à l'édition interne/);
    expect(() => exigerProfilInterne("x", { OBS_PROFIL: "public" })).toThrow(/réservée à l'édition interne/);
    expect(() => exigerProfilInterne("x", { OBS_PROFIL: "interne" })).not.toThrow();
  });

  it("la configuration ne liste les pages internes que pour le profil interne", () => {
    const chemins = (profil: string) => {
      const r = spawnSync("npx", ["tsx", "-e", `import("./observablehq.config.ts").then((c) => console.log(JSON.stringify(c.default.pages)))`], {
        encoding: "utf8",
        env: { ...process.env, OBS_PROFIL: profil },
      });
      expect(r.status, r.stderr).toBe(0);
      return JSON.stringify(JSON.parse(r.stdout.trim().split("\n").at(-1)!));
    };
    const publiques = chemins("public");
    const internes = chemins("interne");
    for (const { path } of PAGES_INTERNES) {
      expect(publiques).not.toContain(`"${path}"`);
      expect(internes).toContain(`"${path}"`);
    }
  });

  it.each([...DONNEES_INTERNES.map((d) => `observatory${d}.ts`), "observatory/interne/[page].md.ts"])("%s refuse de s'exécuter hors du profil interne", (loader) => {
    for (const env of [{ OBS_PROFIL: "public" }, { OBS_PROFIL: undefined }]) {
      const r = spawnSync("npx", ["tsx", loader, "--page=alertes"], { encoding: "utf8", env: { ...process.env, ...env } });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/réservée à l'édition interne/);
    }
  });

  it.each(["observatory/interne/operateurs/[operateur].md.ts", "observatory/data/interne/operateurs/[operateur].json.ts"])("%s (page d'un opérateur) refuse de s'exécuter hors du profil interne", (loader) => {
    for (const env of [{ OBS_PROFIL: "public" }, { OBS_PROFIL: undefined }]) {
      const r = spawnSync("npx", ["tsx", loader, "--operateur=ASSO-LENS-01"], { encoding: "utf8", env: { ...process.env, ...env } });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/réservée à l'édition interne/);
    }
  });

  it("l'adresse de la page d'un opérateur : son code, ou un refus qui dit quoi corriger", () => {
    expect(cheminOperateur("ASSO-LENS-01")).toBe("/interne/operateurs/ASSO-LENS-01");
    for (const code of ["ASSO/LENS", "ASSO LENS", "../accueil", ""]) expect(() => cheminOperateur(code), code).toThrow(/Code opérateur « .* » .*corrigez le code/);
  });

  it("la construction publique échoue si une page ou une donnée interne s'y trouve", () => {
    const dir = mkdtempSync(join(tmpdir(), "site-public-"));
    try {
      mkdirSync(join(dir, "fiches"), { recursive: true });
      writeFileSync(join(dir, "index.html"), "<html></html>");
      expect(() => refuserPagesInternes(dir)).not.toThrow();
      mkdirSync(join(dir, "_file/data/interne"), { recursive: true });
      writeFileSync(join(dir, "_file/data/interne/alertes.0123abcd.json"), "{}");
      expect(() => refuserPagesInternes(dir)).toThrow(/édition interne.*alertes/);
      rmSync(join(dir, "_file"), { recursive: true });
      mkdirSync(join(dir, "interne"));
      writeFileSync(join(dir, "interne/suivi-financier.html"), "<html></html>");
      expect(() => refuserPagesInternes(dir)).toThrow(/suivi-financier/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
