// What a file really is, from its first bytes, whatever its extension says: both readers refuse a file that is not
// theirs with the advice that fits what it is, and that advice is written here once.

/** Formats recognised by their first bytes; null: nothing recognised (text, or bytes no reader knows). */
export type FileKind = "xlsx" | "classeur-protege" | "xls" | "utf16" | "html" | null;

const startsWith = (bytes: Uint8Array, ...expected: number[]) => expected.every((b, i) => bytes[i] === b);
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// Excel saves a workbook with a password as an OLE (CFB) container, like an old .xls, whose directory names the
// streams EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO 2.3.4.4); directory names are UTF-16LE.
const ENCRYPTED_STREAMS = ["EncryptionInfo", "EncryptedPackage"].map((name) => Buffer.from(name, "utf16le"));
// Web applications export a table as an HTML page named .xls or .xlsx, which Excel opens with a warning.
const HTML_START = /^\s*(<!doctype html|<html|<table)/i;

export function fileKind(bytes: Uint8Array): FileKind {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return "xlsx";
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) {
    const container = asBuffer(bytes);
    return ENCRYPTED_STREAMS.some((name) => container.includes(name)) ? "classeur-protege" : "xls";
  }
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) return "utf16";
  const start = asBuffer(bytes.subarray(0, 256)).toString("latin1").replace(/^\u00ef\u00bb\u00bf/, "");
  if (HTML_START.test(start)) return "html";
  return null;
}

/** A password-protected workbook cannot be read without its password, whatever its extension. */
export const PROTECTED_WORKBOOK =
  "classeur protégé par mot de passe : l'enregistrer sans mot de passe (dans Excel : Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe, effacer le mot de passe) puis le renvoyer";

export const htmlPage = (extension: string) =>
  `page HTML enregistrée avec l'extension ${extension} : l'ouvrir dans le tableur puis l'enregistrer au format Classeur Excel (.xlsx) ou CSV`;
