// TopoJSON of the Logement d'abord territories (IGN ADMIN EXPRESS COG 2018, simplified).
import { carteLda } from "../../pipelines/site/carte.ts";

process.stdout.write(JSON.stringify(carteLda()));
