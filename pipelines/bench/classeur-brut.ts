// Workbooks written part by part, as raw XML: what a spreadsheet tool saves (millions of formatted empty cells, inline
// strings, cells without reference…) and exceljs cannot be asked to write, or not at this size. The sheet's XML may
// be given as an iterable of chunks: it is deflated as it comes, never held whole. For the XLSX bench and the
// reader's tests.
import { once } from "node:events";
import { closeSync, openSync, writeSync } from "node:fs";
import { createDeflateRaw, crc32 } from "node:zlib";

export interface Partie {
  nom: string;
  contenu: string | Iterable<string>;
}

export interface Feuille {
  nom: string;
  /** The whole `<worksheet>` document, or its chunks. */
  xml: string | Iterable<string>;
  etat?: "hidden" | "veryHidden";
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const PKG = "http://schemas.openxmlformats.org/package/2006";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** A worksheet document around rows (`<row>` elements) and what follows them (`<mergeCells>`, `<hyperlinks>`). */
export function feuilleXml(lignes: string | Iterable<string>, apres = ""): Iterable<string> {
  return (function* () {
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS} xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetData>`;
    if (typeof lignes === "string") yield lignes;
    else yield* lignes;
    yield `</sheetData>${apres}</worksheet>`;
  })();
}

/** Styles whose cell format 1 is a plain fill (no number format) and 2 a date (`dd/mm/yyyy`). */
export const STYLES =
  `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
  `<fonts count="1"><font><sz val="11"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills><borders count="1"><border/></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>` +
  `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** Every part of a workbook holding these sheets (and shared strings, when given). */
export function partiesClasseur(feuilles: Feuille[], options: { chaines?: string[]; date1904?: boolean; styles?: string } = {}): Partie[] {
  const n = feuilles.length;
  const types =
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    feuilles.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
    `</Types>`;
  const racine = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const classeur =
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><workbookPr${options.date1904 ? ' date1904="1"' : ""}/><sheets>` +
    feuilles.map((f, i) => `<sheet name="${escape(f.nom)}" sheetId="${i + 1}"${f.etat ? ` state="${f.etat}"` : ""} r:id="rId${i + 1}"/>`).join("") +
    `</sheets></workbook>`;
  const liens =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}/relationships">` +
    feuilles.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
    `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
    (options.chaines ? `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : "") +
    `</Relationships>`;
  const parties: Partie[] = [
    { nom: "[Content_Types].xml", contenu: types },
    { nom: "_rels/.rels", contenu: racine },
    { nom: "xl/workbook.xml", contenu: classeur },
    { nom: "xl/_rels/workbook.xml.rels", contenu: liens },
    { nom: "xl/styles.xml", contenu: options.styles ?? STYLES },
  ];
  const chaines = options.chaines;
  if (chaines) {
    // Written when its turn comes: a sheet written before it may still be adding strings to the list.
    const sst = function* () {
      yield `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="${chaines.length}" uniqueCount="${chaines.length}">`;
      for (const c of chaines) yield `<si><t xml:space="preserve">${escape(c)}</t></si>`;
      yield "</sst>";
    };
    parties.push({ nom: "xl/sharedStrings.xml", contenu: sst() });
  }
  feuilles.forEach((f, i) => parties.push({ nom: `xl/worksheets/sheet${i + 1}.xml`, contenu: f.xml }));
  return parties;
}

interface Ecrite {
  nom: Buffer;
  crc: number;
  compresse: number;
  taille: number;
  position: number;
}

/** Writes the parts as a zip archive (deflated), each part's chunks deflated as they come. */
export async function ecrireClasseurBrut(chemin: string, parties: Partie[]): Promise<void> {
  const fd = openSync(chemin, "w");
  let position = 0;
  const ecrire = (b: Uint8Array) => {
    writeSync(fd, b, 0, b.length, position);
    position += b.length;
  };
  const ecrites: Ecrite[] = [];
  try {
    for (const partie of parties) {
      const nom = Buffer.from(partie.nom);
      const debut = position;
      ecrire(enTeteLocal(nom, 0, 0, 0));
      const deflate = createDeflateRaw({ level: 6 });
      let compresse = 0;
      deflate.on("data", (c: Buffer) => {
        ecrire(c);
        compresse += c.length;
      });
      const fini = once(deflate, "end");
      let crc = 0;
      let taille = 0;
      for (const morceau of typeof partie.contenu === "string" ? [partie.contenu] : partie.contenu) {
        const octets = Buffer.from(morceau);
        crc = crc32(octets, crc);
        taille += octets.length;
        if (!deflate.write(octets)) await once(deflate, "drain");
      }
      deflate.end();
      await fini;
      // The sizes known only now: the local header is written again in place.
      writeSync(fd, enTeteLocal(nom, crc, compresse, taille), 0, 30 + nom.length, debut);
      ecrites.push({ nom, crc, compresse, taille, position: debut });
    }
    const repertoire = position;
    for (const e of ecrites) ecrire(enTeteCentral(e));
    const fin = Buffer.alloc(22);
    fin.writeUInt32LE(0x06054b50, 0);
    fin.writeUInt16LE(ecrites.length, 8);
    fin.writeUInt16LE(ecrites.length, 10);
    fin.writeUInt32LE(position - repertoire, 12);
    fin.writeUInt32LE(repertoire, 16);
    ecrire(fin);
  } finally {
    closeSync(fd);
  }
}

function enTeteLocal(nom: Buffer, crc: number, compresse: number, taille: number): Buffer {
  const h = Buffer.alloc(30 + nom.length);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x0800, 6); // names in UTF-8
  h.writeUInt16LE(8, 8);
  h.writeUInt32LE(crc >>> 0, 14);
  h.writeUInt32LE(compresse, 18);
  h.writeUInt32LE(taille, 22);
  h.writeUInt16LE(nom.length, 26);
  nom.copy(h, 30);
  return h;
}

function enTeteCentral(e: Ecrite): Buffer {
  const h = Buffer.alloc(46 + e.nom.length);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(8, 10);
  h.writeUInt32LE(e.crc >>> 0, 16);
  h.writeUInt32LE(e.compresse, 20);
  h.writeUInt32LE(e.taille, 24);
  h.writeUInt16LE(e.nom.length, 28);
  h.writeUInt32LE(e.position, 42);
  e.nom.copy(h, 46);
  return h;
}
