// TopoJSON of the levels the sheets map: Logement d'abord and MDS territories, EPCI, département
// (IGN ADMIN EXPRESS COG 2018, simplified). One file for every page, so the browser fetches it once.
import { carteLda } from "../../pipelines/site/carte.ts";

process.stdout.write(JSON.stringify(carteLda()));
