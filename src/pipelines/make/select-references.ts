import type { Rng } from "../../core/rng.js";

/** What diffusion needs to know about an accepted item, in acceptance order. */
export interface ReferenceCandidate {
  id: string;
  /** Difficulty label beta in [0, 1]; items without one count as 0. */
  difficulty?: number | undefined;
}

/** Decay of an item's weight per use as a reference: the paper's 0.9 ... */
export const DIFFUSION_DECAY = 0.9;
/** ... raised to 4 t_i / R, as the authors' code does (t_i = times item i was shown as a reference). */
export const DIFFUSION_USE_WEIGHT = 4;

/**
 * Calibrated difficulty beta_i * 0.9^(4 t_i / R): hard items are shown most, and each showing makes
 * an item fade, so the references keep changing and the benchmark keeps moving.
 */
export function calibratedDifficulties(
  accepted: readonly ReferenceCandidate[],
  uses: Readonly<Record<string, number>>,
  references: number,
): number[] {
  return accepted.map(
    (item) =>
      (item.difficulty ?? 0) *
      DIFFUSION_DECAY ** ((DIFFUSION_USE_WEIGHT * (uses[item.id] ?? 0)) / references),
  );
}

/** The top 2R accepted items by calibrated difficulty (ties: the more recent item first). */
export function referencePool<T extends ReferenceCandidate>(
  accepted: readonly T[],
  uses: Readonly<Record<string, number>>,
  references: number,
): T[] {
  const scores = calibratedDifficulties(accepted, uses, references);
  return accepted
    .map((item, index) => ({ item, index, score: scores[index] ?? 0 }))
    .sort((a, b) => b.score - a.score || b.index - a.index)
    .slice(0, 2 * references)
    .map((entry) => entry.item);
}

/**
 * Step 4 (difficulty diffusion): R references sampled from the top-2R pool. `rng.sample` returns
 * them in random order, which is the shuffle the method asks for.
 */
export function selectReferences<T extends ReferenceCandidate>(options: {
  accepted: readonly T[];
  /** t_i per item id: the times it was shown before (committed with the slot's view). */
  uses: Readonly<Record<string, number>>;
  references: number;
  rng: Rng;
}): T[] {
  const pool = referencePool(options.accepted, options.uses, options.references);
  return options.rng.sample(pool, options.references);
}
