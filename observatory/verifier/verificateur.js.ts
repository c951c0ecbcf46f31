// The « Vérifier un fichier » page's worker script (pipelines/site/verificateur/): the pipeline's checker, bundled.
import { construireVerificateur } from "../../pipelines/site/verificateur/bundle.ts";

process.stdout.write((await construireVerificateur()).script);
