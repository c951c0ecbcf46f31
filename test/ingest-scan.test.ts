// The ingest's pass over a file's bytes (scan.ts) reads it in chunks: whatever a chunk boundary cuts — a blank line,
// a CR LF, a quote beside a space, a UTF-8 character — must be seen as in the file read whole.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanFile } from "../pipelines/ingest/scan.ts";

const CASES: Record<string, Buffer> = {
  plain: Buffer.from("a;b\r\n1;2\r\n3;4\r\n"),
  "blank line inside": Buffer.from("a;b\n1;2\n\n3;4\n"),
  "blank CR LF line inside": Buffer.from("a;b\r\n1;2\r\n\r\n3;4\r\n"),
  "blank lines at the end only": Buffer.from("a;b\n1;2\n\n\n"),
  "bare CR": Buffer.from("a;b\r1;2\n"),
  "CR at the very end": Buffer.from("a;b\n1;2\r"),
  "quote beside a space": Buffer.from('a;b\n"x" ;2\n'),
  "quote beside a tab": Buffer.from('a;b\n1;\t"y"\n'),
  "quotes, none beside a blank": Buffer.from('a;b\n"x;y";2\n'),
  "UTF-8 of two, three and four bytes": Buffer.from("a;b\néé;€€\n😀;x\n"),
  "Windows-1252": Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0xe9, 0x3b, 0x31, 0x0a]),
  "cut UTF-8 at the end": Buffer.concat([Buffer.from("a;b\n1;"), Buffer.from("€").subarray(0, 2)]),
  "NUL byte": Buffer.from("a;b\n1;\u00002\n"),
};

describe("scanning a file in chunks", () => {
  it("finds what a reading of the whole file finds, whatever the chunk size", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-scan-"));
    try {
      for (const [name, bytes] of Object.entries(CASES)) {
        const path = join(dir, "f.csv");
        writeFileSync(path, bytes);
        const whole = await scanFile(path);
        expect(whole.sha256, name).toBe(createHash("sha256").update(bytes).digest("hex"));
        for (let size = 1; size <= 7; size++) expect(await scanFile(path, size), `${name}, chunks of ${size}`).toEqual(whole);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("tells which files DuckDB may read in our place", async () => {
    const dir = mkdtempSync(join(tmpdir(), "obs-scan-"));
    try {
      const verdicts: Record<string, boolean> = {};
      for (const [name, bytes] of Object.entries(CASES)) {
        writeFileSync(join(dir, "f.csv"), bytes);
        verdicts[name] = (await scanFile(join(dir, "f.csv"), 3)).sqlReadable;
      }
      // Only UTF-8 files without a blank line before the last record, a bare CR or a quote beside a blank.
      expect(verdicts).toEqual({
        plain: true, "blank line inside": false, "blank CR LF line inside": false, "blank lines at the end only": true, "bare CR": false,
        "CR at the very end": false, "quote beside a space": false, "quote beside a tab": false, "quotes, none beside a blank": true,
        "UTF-8 of two, three and four bytes": true, "Windows-1252": false, "cut UTF-8 at the end": false, "NUL byte": true,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
