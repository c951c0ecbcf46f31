// A small XML scanner for the parts of a workbook, fed text chunk by chunk. It does what the sheet reader needs and
// no more: element names as written (a prefixed `x:c` is not `c`, as for the SAX parser exceljs used), attributes
// read on demand from the tag's text, text handed on only while the reader asks for it, entities and line ends
// decoded as XML says. Comments, processing instructions and DOCTYPE are skipped; CDATA sections are skipped too,
// as exceljs's parser ignored them. A tag left open or closed out of turn is an error, as for any XML parser.

export interface XmlHandler {
  /** `tag`: the text between `<` and `>`, for `attribute()`. */
  open(name: string, tag: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Text between tags, decoded; called only while `wantText` is true (else text is not even decoded). */
  text(text: string): void;
  wantText: boolean;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function entity(whole: string, body: string): string {
  if (body[0] === "#") {
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  return ENTITIES[body] ?? whole;
}

/** Text content as an XML parser hands it on: line ends as `\n`, entities replaced. */
export function decodeText(raw: string): string {
  let text = raw;
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  return text.includes("&") ? text.replace(/&(#?[\w]+);/g, entity) : text;
}

/** One attribute's value from a tag's text (`c r="A1" s="3"`), decoded; undefined when absent. */
export function attribute(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = tag.charCodeAt(at - 1);
    // A whole attribute name: after whitespace, followed by `=` (spaces allowed around it).
    if (!(before === 32 || before === 9 || before === 10 || before === 13)) continue;
    let i = from;
    while (tag.charCodeAt(i) === 32 || tag.charCodeAt(i) === 9 || tag.charCodeAt(i) === 10 || tag.charCodeAt(i) === 13) i++;
    if (tag[i] !== "=") continue;
    i++;
    while (tag.charCodeAt(i) === 32 || tag.charCodeAt(i) === 9 || tag.charCodeAt(i) === 10 || tag.charCodeAt(i) === 13) i++;
    const quote = tag[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = tag.indexOf(quote, i + 1);
    if (end < 0) return undefined;
    const raw = tag.slice(i + 1, end);
    if (!/[&\r\n\t]/.test(raw)) return raw;
    // Attribute-value normalisation: each white-space character reads as a space.
    return decodeText(raw).replace(/[\n\t]/g, " ");
  }
}

export class XmlScanner {
  private rest = "";
  private readonly open: string[] = [];

  /** `fragment`: a part read from its middle (a sheet past its rows): closing tags of elements opened before are let through. */
  constructor(
    private readonly handler: XmlHandler,
    private readonly fragment = false,
  ) {}

  write(chunk: string): void {
    const s = this.rest ? this.rest + chunk : chunk;
    this.rest = "";
    const h = this.handler;
    const open = this.open;
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf("<", i);
      if (lt < 0) break;
      if (lt > i && h.wantText) h.text(decodeText(s.slice(i, lt)));
      const next = s.charCodeAt(lt + 1);
      if (next === 33 /* ! */ || next === 63 /* ? */) {
        const end = this.specialEnd(s, lt);
        if (end < 0) {
          this.rest = s.slice(lt);
          return;
        }
        i = end;
        continue;
      }
      let gt = s.indexOf(">", lt + 1);
      // A `>` inside a quoted attribute value does not end the tag.
      while (gt >= 0 && quotesOpen(s, lt, gt)) gt = s.indexOf(">", gt + 1);
      if (gt < 0) {
        this.rest = s.slice(lt);
        return;
      }
      if (next === 47 /* / */) {
        const name = s.slice(lt + 2, gt).trim();
        const expected = open.pop();
        if (expected !== name && !(this.fragment && expected === undefined)) throw new Error(`XML mal formé : balise fermante </${name}> inattendue${expected ? ` (attendu </${expected}>)` : ""}`);
        h.close(name);
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const tag = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        let e = 0;
        while (e < tag.length) {
          const c = tag.charCodeAt(e);
          if (c === 32 || c === 9 || c === 10 || c === 13) break;
          e++;
        }
        const name = e === tag.length ? tag : tag.slice(0, e);
        if (!name) throw new Error("XML mal formé : balise sans nom");
        if (!selfClosing) open.push(name);
        h.open(name, tag, selfClosing);
        if (selfClosing) h.close(name);
      }
      i = gt + 1;
    }
    // Text after the last tag may go on in the next chunk: kept, unless nobody wants it.
    if (i < n && h.wantText) this.rest = s.slice(i);
  }

  /** Where a comment, CDATA section, processing instruction or DOCTYPE starting at `lt` ends; -1 when not in `s` yet. */
  private specialEnd(s: string, lt: number): number {
    const close = s.startsWith("<!--", lt) ? "-->" : s.startsWith("<![CDATA[", lt) ? "]]>" : s.charCodeAt(lt + 1) === 63 ? "?>" : ">";
    if (close === ">" && s.length - lt < 9) return -1; // not sure yet it is no comment or CDATA
    const end = s.indexOf(close, lt + 2);
    return end < 0 ? -1 : end + close.length;
  }

  end(): void {
    if (this.rest.trim()) {
      if (this.rest.trimStart().startsWith("<")) throw new Error("XML incomplet : balise non terminée en fin de partie");
      if (this.handler.wantText) this.handler.text(decodeText(this.rest));
    }
    if (this.open.length) throw new Error(`XML incomplet : élément <${this.open[this.open.length - 1]}> jamais fermé`);
  }
}

function quotesOpen(s: string, from: number, to: number): boolean {
  // Jumps from quote to quote (the common tag has a few attributes, double-quoted).
  const tag = s.slice(from, to);
  if (tag.indexOf("'") < 0) {
    let q = tag.indexOf('"');
    while (q >= 0) {
      const end = tag.indexOf('"', q + 1);
      if (end < 0) return true;
      q = tag.indexOf('"', end + 1);
    }
    return false;
  }
  let quote = 0;
  for (let k = 0; k < tag.length; k++) {
    const c = tag.charCodeAt(k);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
  }
  return quote !== 0;
}
