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
  for (const [candidateKey, label] of candidates) {
    const d = editDistance(key, candidateKey);
    if (d < bestDistance) [best, bestDistance] = [label, d];
  }
  return bestDistance <= Math.max(2, key.length / 3) ? best : null;
}
