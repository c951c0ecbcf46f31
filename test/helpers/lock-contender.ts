// A process that tries to take a lock when told (test/lock.test.ts): each stdin line « <round> <lock> <instant ms> »
// makes it wait for that instant, try acquireLock, and answer « <round> gagne » or « <round> refuse <message> ».
// It says « pret » once loaded, and never releases: the test lays a new stale lock for the next round.
import { createInterface } from "node:readline";
import { acquireLock } from "../../pipelines/lock.ts";

process.stdout.write("pret\n");
for await (const line of createInterface({ input: process.stdin })) {
  const [round, lock, instant] = line.split(" ");
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(instant) - Date.now() - 5)));
  while (Date.now() < Number(instant));
  try {
    acquireLock(lock!);
    process.stdout.write(`${round} gagne\n`);
  } catch (error) {
    process.stdout.write(`${round} refuse ${(error as Error).message.split("\n")[0]}\n`);
  }
}
