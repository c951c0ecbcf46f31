// One page per operator in the internal edition (/interne/operateurs/<code>): a parameterised page loader, built only
// for the codes observablehq.config.ts lists in dynamicPaths (internal profile alone), refused for any other profile.
// The Markdown is pipelines/site/pages-internes/operateur.md.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { exigerProfilInterne } from "../../../pipelines/site/profil.ts";
import { cheminOperateur } from "../../components/operateur.ts";

const { values } = parseArgs({ options: { operateur: { type: "string" } } });
exigerProfilInterne(`page /interne/operateurs/${values.operateur ?? ""}`);
if (!values.operateur) throw new Error("Paramètre --operateur manquant");
cheminOperateur(values.operateur);
process.stdout.write(`---\ntitle: Opérateur ${values.operateur}\ntoc: false\n---\n\n# Opérateur ${values.operateur}\n\n${readFileSync(resolve("pipelines/site/pages-internes/operateur.md"), "utf8")}`);
