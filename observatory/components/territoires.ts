// The map of the Logement d'abord territories for one indicator, with its table alternative.
import type { Topology } from "topojson-specification";
import { carteTerritoires } from "./carte.js";
import { MARQUE_NON_DISPONIBLE } from "./marques.js";
import type { Colonne } from "./csv.js";
import { entreeCatalogue } from "./donnees.js";
import { el } from "./dom.js";
import type { Contexte } from "./indicateur.js";
import { tableau } from "./tableau.js";

interface LigneTerritoire {
  territoire: string;
  ami: string;
  indicateur: string;
  perimetre: string;
  periode: string;
  valeur: number | string;
  unite: string;
}

export function carteEtTableau(ctx: Contexte, topo: Topology, indicateur = "i01"): HTMLElement {
  const entree = entreeCatalogue(ctx.catalogue, ctx.fiche, indicateur);
  const unite = entree?.unite ?? "";
  const valeurs = new Map<string, number | null>();
  for (const l of ctx.lignes) {
    if (l.indicateur === indicateur && l.niveau === "territoire_lda" && l.ventilation === "ensemble" && l.periode === ctx.annee) valeurs.set(l.territoire, l.valeur);
  }
  const titre = `${entree?.libelle ?? indicateur} par territoire — ${ctx.perimetre}, ${ctx.annee}`;
  const lignes: LigneTerritoire[] = ctx.territoires.map((t) => ({
    territoire: t.libelle,
    ami: t.libelle_ami,
    indicateur,
    perimetre: ctx.perimetre,
    periode: ctx.annee,
    valeur: valeurs.get(t.code) ?? MARQUE_NON_DISPONIBLE,
    unite,
  }));
  const colonnes: Colonne<LigneTerritoire>[] = [
    { cle: "territoire", titre: "Territoire" },
    { cle: "ami", titre: "Appel à manifestation d'intérêt" },
    { cle: "valeur", titre: `Valeur (${unite})` },
  ];
  return el(
    "div",
    { class: "obs-carte-bloc" },
    carteTerritoires(topo as never, valeurs, { width: ctx.width, titre, unite, libelles: new Map(ctx.territoires.map((t) => [t.code, t.libelle])) }),
    tableau(lignes, {
      legende: titre,
      colonnes,
      colonnesCsv: [...colonnes, { cle: "indicateur", titre: "Indicateur" }, { cle: "perimetre", titre: "Périmètre" }, { cle: "periode", titre: "Période" }, { cle: "unite", titre: "Unité" }],
      nomFichier: `logement-d-abord-carte-${indicateur}-${ctx.fiche}-${ctx.annee}`,
    }),
  );
}
