// The parts of a workbook (a zip archive), each inflated as a stream of chunks: a sheet's XML can be ten times the
// size of the file, so it is never held whole. Inflating goes through the platform's DecompressionStream (zlib in
// Node, the browser's own in the checker's Web Worker): one code path for both, no library.

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** Inflated bytes handed on at once: large enough that the XML scanner's per-chunk work stays small. */
const CHUNK = 1 << 18;

/** The archive's directory, entry name → entry; throws on anything that is not a readable zip. */
export function zipDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus a comment of at most 65 535 bytes.
  let end = bytes.byteLength - 22;
  const stop = Math.max(0, end - 0xffff);
  while (end >= stop && view.getUint32(end, true) !== END_OF_DIRECTORY) end--;
  if (end < stop) throw new Error("archive zip sans répertoire central");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL_HEADER) throw new Error("répertoire central zip illisible");
    const nameLength = view.getUint16(at + 28, true);
    // As JSZip (which the reader replaced) names entries: a leading slash dropped.
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)).replace(/^\//, "");
    entries.set(name, {
      name,
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

function compressedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.offset + 30 > bytes.byteLength || view.getUint32(entry.offset, true) !== LOCAL_HEADER) throw new Error(`en-tête local zip illisible (${entry.name})`);
  const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  if (start + entry.compressedSize > bytes.byteLength) throw new Error(`partie « ${entry.name} » tronquée`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * The entry's content, inflated chunk by chunk (about CHUNK bytes each). `verify`: its size and CRC-32 checked at the
 * end against the archive's directory, so that a damaged entry whose deflate stream still inflates (to garbage) is
 * told as damaged rather than read.
 */
export async function* entryChunks(bytes: Uint8Array, entry: ZipEntry, verify = false): AsyncGenerator<Uint8Array> {
  if (verify) {
    let crc = 0;
    let size = 0;
    for await (const chunk of entryChunks(bytes, entry)) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      yield chunk;
    }
    if (size !== entry.size || crc !== entry.crc) throw new Error(`partie « ${entry.name} » endommagée (somme de contrôle CRC-32 fausse)`);
    return;
  }
  const data = compressedBytes(bytes, entry);
  if (entry.method === STORED) {
    for (let i = 0; i < data.length; i += CHUNK) yield data.subarray(i, i + CHUNK);
    return;
  }
  if (entry.method !== DEFLATED) throw new Error(`partie « ${entry.name} » compressée par une méthode inconnue (${entry.method})`);
  if (typeof DecompressionStream === "undefined") throw new Error("ce navigateur ne sait pas décompresser un classeur XLSX : le mettre à jour, ou envoyer le fichier en CSV");
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  // Fed in slices so that the inflater's backpressure holds: an abandoned read leaves nothing growing.
  const feeding = (async () => {
    for (let i = 0; i < data.length; i += 1 << 16) await writer.write(data.subarray(i, i + (1 << 16)) as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  feeding.catch(() => undefined); // the reader below meets the same failure
  const reader = stream.readable.getReader();
  let pending: Uint8Array[] = [];
  let size = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      pending.push(value);
      size += value.length;
      if (size >= CHUNK) {
        yield joined(pending, size);
        pending = [];
        size = 0;
      }
    }
  } finally {
    // A reader that stopped early (the rows it wanted were read) lets the inflater go.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (size) yield joined(pending, size);
  await feeding;
}

function joined(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The entry's content as text chunks (UTF-8, as the workbook's XML declares). */
export async function* entryText(bytes: Uint8Array, entry: ZipEntry): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of entryChunks(bytes, entry)) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256 * 4);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  // Slicing by four: four bytes a step.
  for (let n = 0; n < 256; n++) for (let t = 1; t < 4; t++) table[t * 256 + n] = (table[(t - 1) * 256 + n]! >>> 8) ^ table[table[(t - 1) * 256 + n]! & 0xff]!;
  return table;
})();

/** CRC-32 (ISO 3309, as zip uses it), continued from `previous`. */
export function crc32(data: Uint8Array, previous = 0): number {
  const t = CRC_TABLE;
  let c = ~previous;
  let i = 0;
  const n = data.length;
  for (; i + 4 <= n; i += 4) {
    c ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    c = t[768 + (c & 0xff)]! ^ t[512 + ((c >>> 8) & 0xff)]! ^ t[256 + ((c >>> 16) & 0xff)]! ^ t[c >>> 24]!;
  }
  for (; i < n; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
