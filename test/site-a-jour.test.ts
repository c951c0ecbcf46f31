// A build with nothing new keeps the installed site (pipelines/site/site-a-jour.ts): only when it was built from the
// same fingerprint and no file of it was touched since; never when a rebuild is forced.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const racine = mkdtempSync(join(tmpdir(), "site-a-jour-"));
const site = join(racine, "dist");
let module: typeof import("../pipelines/site/site-a-jour.ts");

beforeAll(async () => {
  // The record lives in the build folder (OBS_BUILD), read when the module loads: a folder of this test's own.
  vi.stubEnv("OBS_BUILD", join(racine, "build"));
  mkdirSync(join(racine, "build"));
  module = await import("../pipelines/site/site-a-jour.ts");
  vi.unstubAllEnvs();
});

function construire(): void {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(join(site, "_file"), { recursive: true });
  writeFileSync(join(site, "index.html"), "<html lang=\"fr\"></html>");
  writeFileSync(join(site, "_file", "donnees.json"), "[]");
  module.noterSite("public", site, "empreinte-a");
}

afterEach(() => vi.unstubAllEnvs());

describe("site à jour", () => {
  it("keeps a site built from the same fingerprint, untouched, and only that one", () => {
    construire();
    expect(module.temoinSite("public")).toBe(join(racine, "build", "site-installe-public.json"));
    expect(module.siteAJour("public", site, "empreinte-a")).toBe(true);
    // Another fingerprint (new data, code or pages), an unknown one, another edition: built again.
    expect(module.siteAJour("public", site, "empreinte-b")).toBe(false);
    expect(module.siteAJour("public", site, null)).toBe(false);
    expect(module.siteAJour("interne", site, "empreinte-a")).toBe(false);
  });

  it("builds again a site whose files were edited, added or removed since", () => {
    construire();
    appendFileSync(join(site, "index.html"), " ");
    expect(module.siteAJour("public", site, "empreinte-a")).toBe(false);

    construire();
    // Same size, new modification time: edited all the same.
    utimesSync(join(site, "_file", "donnees.json"), new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(module.siteAJour("public", site, "empreinte-a")).toBe(false);

    construire();
    writeFileSync(join(site, "en-plus.html"), "");
    expect(module.siteAJour("public", site, "empreinte-a")).toBe(false);

    construire();
    rmSync(join(site, "_file", "donnees.json"));
    expect(module.siteAJour("public", site, "empreinte-a")).toBe(false);

    construire();
    rmSync(site, { recursive: true });
    expect(module.siteAJour("public", site, "empreinte-a")).toBe(false);
  });

  it("builds again, saying why, when its record is unreadable", () => {
    construire();
    writeFileSync(module.temoinSite("public"), "{ tronqué");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(module.siteAJour("public", site, "empreinte-a")).toBe(false);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/site-installe-public\.json illisible .* le site public est reconstruit/);
    stderr.mockRestore();
  });

  it("builds again when a rebuild is forced, or once the record is forgotten", () => {
    construire();
    vi.stubEnv("OBS_RECONSTRUIRE", "1");
    expect(module.siteAJour("public", site, "empreinte-a")).toBe(false);
    vi.unstubAllEnvs();
    expect(module.siteAJour("public", site, "empreinte-a")).toBe(true);
    module.noterSite("public", site, null);
    expect(module.siteAJour("public", site, "empreinte-a")).toBe(false);
  });
});
