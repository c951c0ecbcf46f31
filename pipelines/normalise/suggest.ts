// "Vouliez-vous dire …" suggestions for misspelt names and codes.

/** Levenshtein distance, for "did you mean" suggestions on misspelt names. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function closest(key: string, candidates: Iterable<[string, string]>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const accepted = Math.max(2, key.length / 3);
  for (const [candidateKey, label] of candidates) {
    // The distance is at least the difference in length: a text pasted into a cell (100 000 characters) is not
    // compared letter by letter with each of the 890 communes (6 s a cell), since none could be suggested.
    const atLeast = Math.abs(key.length - candidateKey.length);
    if (atLeast > accepted || atLeast >= bestDistance) continue;
    const d = editDistance(key, candidateKey);
    if (d < bestDistance) [best, bestDistance] = [label, d];
  }
  return bestDistance <= accepted ? best : null;
}
