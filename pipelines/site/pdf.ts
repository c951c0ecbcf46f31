// Reading back a PDF Chromium printed: each page's text and the page each named destination points to. The report
// (report.ts) numbers its contents from the destinations; its test checks the printed text. PDF.js (pdfjs-dist,
// Mozilla), legacy build for Node, runs in-process with no network and no font download: Chromium embeds its fonts.
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

const texteSimple = (texte: string) => texte.replace(/[\s\u00a0\u202f]+/g, " ").trim();

async function avecDocument<T>(donnees: Uint8Array, lire: (document: PDFDocumentProxy) => Promise<T>): Promise<T> {
  // PDF.js takes ownership of the buffer it is given: a copy leaves the caller's intact.
  const document = await getDocument({ data: new Uint8Array(donnees), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    return await lire(document);
  } finally {
    await document.destroy();
  }
}

/** Named destination → page number (1-based, as the footer prints it). */
export function destinationsPdf(donnees: Uint8Array): Promise<Map<string, number>> {
  return avecDocument(donnees, async (document) => {
    const destinations = new Map<string, number>();
    for (const [nom, destination] of Object.entries(await document.getDestinations())) {
      const cible = Array.isArray(destination) ? destination[0] : null;
      if (cible && typeof cible === "object") destinations.set(nom, (await document.getPageIndex(cible as never)) + 1);
    }
    return destinations;
  });
}

/** Text of each page (index 0 = page 1), runs of white space folded into one space. */
export function pagesPdf(donnees: Uint8Array): Promise<string[]> {
  return avecDocument(donnees, async (document) => {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const contenu = await (await document.getPage(n)).getTextContent();
      pages.push(texteSimple(contenu.items.map((i) => ("str" in i ? `${i.str}${i.hasEOL ? " " : ""}` : "")).join("")));
    }
    return pages;
  });
}
