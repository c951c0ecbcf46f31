// A seeded PRNG (mulberry32): the same seed gives the same sample files on every machine.
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) if ((x -= w) < 0) return item;
    return items[items.length - 1]![0];
  }
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const n = this.int(min, Math.min(max, items.length));
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
}

/** Distinct items drawn without replacement, each with its weight (partners, vulnerabilities…). */
export function someWeighted<T>(random: Random, items: readonly (readonly [T, number])[], min: number, max: number): T[] {
  const pool = [...items];
  const n = random.int(min, Math.min(max, pool.length));
  const out: T[] = [];
  while (out.length < n) {
    const item = random.weighted(pool);
    out.push(item);
    pool.splice(pool.findIndex(([i]) => i === item), 1);
  }
  return out;
}
