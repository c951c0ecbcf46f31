// Modality labels are proper French from one source: every code of every contract's code list is labelled once (its
// column's valueLabels or pipelines/contracts/libelles-codes.ts), and no label the site's data loaders emit for the
// demo build shows a raw code or a word without its accents (the demo database: npm run pipeline or npm run build).
import { describe, expect, it } from "vitest";
import { libelleModalite } from "../observatory/components/donnees.ts";
import { REPORTS } from "../pipelines/contracts/index.ts";
import { LIBELLES_CODES } from "../pipelines/contracts/libelles-codes.ts";
import { donneesFiche, fichesReference } from "../pipelines/site/fiches.ts";
import { lignesAnnuelles } from "../pipelines/site/lda.ts";
import { modalitesDe } from "../pipelines/site/libelles.ts";
import { baseDeDemonstration } from "./helpers/base-demo.ts";

/** Words the code lists write without accents, and how French writes them. */
const ACCENTS: Record<string, string> = {
  prive: "privé", privee: "privée", impaye: "impayé", impayes: "impayés", tres: "très", procedure: "procédure",
  eligible: "éligible", energie: "énergie", energetique: "énergétique", electricite: "électricité", sante: "santé",
  departement: "département", hebergement: "hébergement", heberge: "hébergé", menage: "ménage", menages: "ménages",
  reponse: "réponse", activite: "activité", etudes: "études", deces: "décès", resiliation: "résiliation",
  precarite: "précarité", humidite: "humidité", realise: "réalisé", prevu: "prévu", reguliere: "régulière",
  equilibree: "équilibrée", deficitaire: "déficitaire", accedant: "accédant", proprietaire: "propriétaire",
  budgetaire: "budgétaire", parentalite: "parentalité", numero: "numéro", mediation: "médiation", negocie: "négocié",
  operateur: "opérateur", equipe: "équipe", defaillant: "défaillant", hotel: "hôtel", precaire: "précaire",
  telephone: "téléphone", renove: "rénové", renov: "rénov'", reperage: "repérage", donnees: "données", meme: "même",
  indecent: "indécent", autorise: "autorisé", diogene: "Diogène", depart: "départ", cafe: "café", binome: "binôme",
};
const MOTS_SANS_ACCENT = new RegExp(`(^|[^\\p{L}])(${Object.keys(ACCENTS).join("|")})(?![\\p{L}'])`, "iu");
/** A code shown as its label: snake_case, a fiche code, an operator's place code, an INSEE code. */
const CODE_BRUT = /_|^f\d+[ _]\d|^[A-Z]-[\w-]+$|^\d{5}$/i;

function defauts(libelle: string): string[] {
  const d: string[] = [];
  const m = MOTS_SANS_ACCENT.exec(libelle);
  if (m) d.push(`« ${m[2]} » sans accent (${ACCENTS[m[2]!.toLowerCase()]})`);
  if (CODE_BRUT.test(libelle)) d.push("code brut");
  return d;
}

describe("libellés des codes : une source par code", () => {
  it("chaque code des listes des contrats a exactement un libellé (valueLabels d'un contrat, sinon libelles-codes.ts)", () => {
    type Colonne = { name: string; kind: string; values?: readonly string[]; valueLabels?: Record<string, string> };
    const colonnes = REPORTS.flatMap((r) => (r.columnList as Colonne[]).filter((c) => c.kind === "enum" || c.kind === "list").map((c) => ({ table: r.table, ...c })));
    const dansUnContrat = new Set(colonnes.flatMap((c) => Object.keys(c.valueLabels ?? {})));
    const sansLibelle = new Set<string>();
    const deuxFois = new Set<string>();
    for (const c of colonnes) {
      for (const code of c.values ?? []) {
        // Indicator ids and fiche codes are named by the catalogue and fiches.csv.
        if (/^(i|x|y)\d\d|^f2_/.test(code)) continue;
        if (dansUnContrat.has(code) && code in LIBELLES_CODES) deuxFois.add(code);
        if (!dansUnContrat.has(code) && !(code in LIBELLES_CODES)) sansLibelle.add(`${c.table}.${c.name} ${code}`);
      }
    }
    expect([...sansLibelle]).toEqual([]);
    expect([...deuxFois]).toEqual([]);
  });

  it("le test repère un mot sans accent et un code brut", () => {
    expect(defauts("Locataire parc prive")).toEqual(["« prive » sans accent (privé)"]);
    expect(defauts("Impaye sans procedure")).toHaveLength(1);
    expect(defauts("Tres satisfait")).toEqual(["« Tres » sans accent (très)"]);
    expect(defauts("F2 6 envaul")).toEqual(["code brut"]);
    expect(defauts("L-05")).toEqual(["code brut"]);
    expect(defauts("locataire_parc_prive")).toContain("code brut");
    expect(defauts("Locataire du parc privé")).toEqual([]);
    expect(defauts("Rénov'")).toEqual([]);
  });

  it("aucun libellé de code n'a perdu ses accents", () => {
    const fautifs = Object.entries(LIBELLES_CODES).filter(([, l]) => defauts(l).length).map(([c, l]) => `${c} : ${l} (${defauts(l).join(", ")})`);
    expect(fautifs).toEqual([]);
  });
});

describe("libellés publiés par les chargeurs de données du site (base de démonstration)", () => {
  const base = baseDeDemonstration();

  it("chaque modalité des 13 fiches et de la page Logement d'abord a un libellé français, sans code brut", async () => {
    const fautifs = new Set<string>();
    let vus = 0;
    const verifier = (source: string, modalites: Record<string, Record<string, string>>, ventilations: unknown[], codes: unknown[]) => {
      ventilations.forEach((v, i) => {
        if (v === "ensemble") return;
        const libelle = libelleModalite(modalites, String(v), String(codes[i]));
        vus += 1;
        for (const d of defauts(libelle)) fautifs.add(`${source} ${String(v)}=${String(codes[i])} → « ${libelle} » : ${d}`);
      });
    };
    for (const f of fichesReference()) {
      const d = await donneesFiche(base(), f.fiche);
      verifier(f.fiche, d.modalites, d.annuel.ventilation ?? [], d.annuel.modalite ?? []);
      // Every territory a row names has its name (the sheet looks it up by level and code, else by code).
      const niveaux = (d.annuel.niveau ?? []) as string[];
      ((d.annuel.territoire ?? []) as string[]).forEach((t, i) => {
        if (!d.territoires.some((x) => x.code === t && (x.niveau === niveaux[i] || !d.territoires.some((y) => y.niveau === niveaux[i] && y.code === t)))) {
          fautifs.add(`${f.fiche} territoire ${niveaux[i]}=${t} sans nom`);
        }
      });
      // The breakdowns' own names (« Par mode de consultation »), not their codes made readable.
      for (const v of new Set((d.annuel.ventilation ?? []) as string[])) {
        if (v === "ensemble") continue;
        const nom = d.ventilations[v];
        if (!nom) fautifs.add(`${f.fiche} ventilation ${v} sans nom`);
        else for (const defaut of defauts(nom)) fautifs.add(`${f.fiche} ventilation ${v} → « ${nom} » : ${defaut}`);
      }
    }
    const lda = await lignesAnnuelles(base());
    verifier("logement-d-abord", await modalitesDe(base(), lda), lda.map((l) => l.ventilation), lda.map((l) => l.modalite));
    expect(vus).toBeGreaterThan(1000);
    expect([...fautifs].slice(0, 40)).toEqual([]);
  }, 120_000);
});
