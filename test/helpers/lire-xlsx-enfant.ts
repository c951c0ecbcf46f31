// Reads one operator workbook through the pipeline's reader and prints what it found, as JSON: run in a child
// process with a small heap by test/read-xlsx-flux.test.ts.
import { openOperatorFile } from "../../pipelines/ingest/read-file.ts";

const sheet = await openOperatorFile(process.argv[2]!, undefined);
let lignes = 0;
let premiere = 0;
let derniere = 0;
for await (const row of sheet.rows) {
  lignes++;
  premiere ||= row.line;
  derniere = row.line;
}
process.stdout.write(JSON.stringify({ lignes, premiere, derniere, entetes: sheet.headers.length }));
