/** Seeded pseudo-random generator (sfc32 seeded through splitmix32). Deterministic across platforms. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(values: readonly T[]): T;
  shuffle<T>(values: readonly T[]): T[];
  /** `count` distinct elements, order random. */
  sample<T>(values: readonly T[], count: number): T[];
  /** Standard normal draw. */
  normal(): number;
  /** A child generator whose stream is independent of later draws on this one. */
  fork(label: string): Rng;
  /**
   * The numeric seed it was created from: `createRng(rng.seed).fork(label)` is `rng.fork(label)`, so a
   * queue worker on another host draws the same stream for a unit as this process would.
   */
  readonly seed: number;
}

export function createRng(seed: number | string): Rng {
  const numericSeed = typeof seed === "number" ? seed >>> 0 : hashString(seed);
  let state = numericSeed;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let warmup = 0; warmup < 12; warmup++) next();
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (values) => {
      if (values.length === 0) throw new RangeError("pick from an empty list");
      return values[Math.floor(next() * values.length)] as (typeof values)[number];
    },
    shuffle: (values) => {
      const copy = [...values];
      for (let index = copy.length - 1; index > 0; index--) {
        const swap = Math.floor(next() * (index + 1));
        [copy[index], copy[swap]] = [
          copy[swap] as (typeof copy)[number],
          copy[index] as (typeof copy)[number],
        ];
      }
      return copy;
    },
    sample: (values, count) => rng.shuffle(values).slice(0, Math.max(0, count)),
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    fork: (label) => createRng(`${numericSeed}:${label}`),
    seed: numericSeed,
  };
  return rng;
}

/** FNV-1a 32-bit; used only for seeding. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
