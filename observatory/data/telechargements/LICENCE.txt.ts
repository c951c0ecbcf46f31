// The licence shipped with the downloads (Licence Ouverte 2.0): the pipeline's own file, copied.
import { fichierExtrait } from "../../../pipelines/site/telechargements.ts";

process.stdout.write(fichierExtrait("LICENCE.txt"));
