// TopoJSON of the 887 communes and the département (IGN ADMIN EXPRESS COG 2018, simplified): commune maps only.
import { carteCommunes } from "../../pipelines/site/cartes.ts";

process.stdout.write(JSON.stringify(carteCommunes()));
