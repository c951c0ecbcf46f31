// The indicator catalogue (sources/reference/indicateurs.csv): what each published figure means and where it comes from.
import { indicatorCatalogue } from "../../pipelines/contracts/catalogue.ts";

process.stdout.write(
  JSON.stringify(
    indicatorCatalogue().map((e) => ({
      fiche: e.fiche,
      indicateur: e.indicateur,
      libelle: e.libelle,
      libelle_court: e.libelle_court,
      definition: e.definition,
      unite: e.unite,
      ventilations: e.ventilations.join(", "),
      sources: e.tables_source,
    })),
  ),
);
