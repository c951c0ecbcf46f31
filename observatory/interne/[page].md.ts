// The internal edition's pages (suivi financier, alertes, fichiers reçus), for the Département's staff only: a
// parameterised page loader, so Framework builds a page only when observablehq.config.ts lists it — which it does
// for OBS_PROFIL=interne alone — and the loader itself refuses any other profile. The Markdown is kept outside the
// site root (pipelines/site/pages-internes/<page>.md), where Framework never looks for pages to build.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { exigerProfilInterne, PAGES_INTERNES } from "../../pipelines/site/profil.ts";

const { values } = parseArgs({ options: { page: { type: "string" } } });
exigerProfilInterne(`page /interne/${values.page ?? ""}`);
if (!PAGES_INTERNES.some((p) => p.path === `/interne/${values.page}`)) throw new Error(`Page interne inconnue : ${values.page}`);
process.stdout.write(readFileSync(resolve("pipelines/site/pages-internes", `${values.page}.md`), "utf8"));
