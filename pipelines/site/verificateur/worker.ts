// The « Vérifier un fichier » page's Web Worker: the pipeline's own checker (pipelines/ingest/verifier.ts) judging a
// file the operator chose, off the page's thread so that a 20 000-row workbook leaves the page responsive. Nothing
// leaves the browser: the file arrives as bytes from the page, the verdict and the refused-rows workbook go back to it.
import { type Verdict, verifierFichier } from "../../ingest/verifier.ts";
import { classeurRefus } from "./classeur-refus.ts";

export type Demande = { type: "verifier"; nom: string; octets: ArrayBuffer } | { type: "classeur" };
export type Reponse =
  | { type: "progression"; etape: "lecture" | "lignes"; lues: number; total: number }
  | { type: "verdict"; verdict: Verdict }
  | { type: "classeur"; octets: ArrayBuffer }
  | { type: "erreur"; message: string };

const envoyer = (reponse: Reponse, transfert: Transferable[] = []) => (self as unknown as Worker).postMessage(reponse, transfert);
let dernier: Verdict | null = null;

self.addEventListener("message", async (event: MessageEvent<Demande>) => {
  const demande = event.data;
  try {
    if (demande.type === "verifier") {
      dernier = null;
      envoyer({ type: "progression", etape: "lecture", lues: 0, total: 0 });
      dernier = await verifierFichier(new Uint8Array(demande.octets), demande.nom, {
        onProgress: (lues, total) => envoyer({ type: "progression", etape: "lignes", lues, total }),
      });
      envoyer({ type: "verdict", verdict: dernier });
    } else {
      if (!dernier) throw new Error("aucun fichier vérifié : choisir d'abord un fichier");
      const octets = await classeurRefus(dernier);
      envoyer({ type: "classeur", octets }, [octets]);
    }
  } catch (error) {
    // The checker turns every problem of the file into a verdict: what arrives here is a fault of the checker itself.
    envoyer({ type: "erreur", message: error instanceof Error ? error.message : String(error) });
  }
});
