import { answerIndex, type Item } from "../core/item.js";
import type { Rng } from "../core/rng.js";

/** A multiple-choice item as the heuristics see it (only MCQ items are scored). */
export interface ChoiceItem {
  id: string;
  question: string;
  options: readonly string[];
  answerIndex: number;
}

export interface HeuristicBaseline {
  id: string;
  description: string;
  /** Whether beating chance by a wide margin reveals an answer artifact (not so for random guessing). */
  probesArtifacts: boolean;
  /** Predicted option index per item. Must not look at the item's own answer. */
  predict(items: readonly ChoiceItem[], rng: Rng): number[];
}

/**
 * The seeded stream the baselines draw from (forked from the run's seed): eval and audit both use it, so
 * the same file and seed give the same baseline figures in both.
 */
export const HEURISTIC_RNG_STREAM = "heuristic-baselines";

/** The no-LLM baselines `eval` always reports. */
export const HEURISTIC_BASELINES = {
  "random-guess": {
    id: "random-guess",
    probesArtifacts: false,
    description: "uniform random option (seeded draw; its exact expectation is mean 1/k)",
    predict: (items, rng) => items.map((item) => rng.int(0, item.options.length - 1)),
  },
  "always-longest": {
    id: "always-longest",
    probesArtifacts: true,
    description: "the option with the most characters (first one on ties)",
    predict: (items) => items.map((item) => argmaxFirst(item.options.map((option) => option.trim().length))),
  },
  "max-question-overlap": {
    id: "max-question-overlap",
    probesArtifacts: true,
    description: "the option sharing the most distinct content words with the question (random among ties)",
    predict: (items, rng) =>
      items.map((item) => {
        const questionWords = new Set(contentWords(item.question));
        const overlaps = item.options.map(
          (option) => new Set(contentWords(option).filter((word) => questionWords.has(word))).size,
        );
        const best = Math.max(...overlaps);
        return rng.pick(overlaps.flatMap((overlap, index) => (overlap === best ? [index] : [])));
      }),
  },
  "position-prior": {
    id: "position-prior",
    probesArtifacts: true,
    description:
      "the answer position most frequent in the OTHER half of the items (even/odd split; random among ties)",
    // Cross-fitting on halves, not leave-one-out: with balanced positions, removing an item's own
    // vote makes its answer lose every near-tie, which drives leave-one-out far below chance.
    predict: (items, rng) => {
      const countsByHalf = [[], []] as [number[], number[]];
      for (const [index, item] of items.entries()) {
        const counts = countsByHalf[index % 2] as number[];
        counts[item.answerIndex] = (counts[item.answerIndex] ?? 0) + 1;
      }
      return items.map((item, index) => {
        const otherHalf = countsByHalf[(index + 1) % 2] as number[];
        const votes = item.options.map((_, position) => otherHalf[position] ?? 0);
        const best = Math.max(...votes);
        return rng.pick(votes.flatMap((vote, position) => (vote === best ? [position] : [])));
      });
    },
  },
} as const satisfies Record<string, HeuristicBaseline>;

export interface HeuristicBaselineResult {
  id: string;
  description: string;
  probesArtifacts: boolean;
  /** One prediction per MCQ item, in input order. */
  predictions: Array<{ itemId: string; predicted: number; correct: boolean }>;
  correct: number;
  total: number;
}

/** MCQ items in the shape heuristics use; open items are skipped. */
export function choiceItems(items: readonly Item[]): ChoiceItem[] {
  return items.flatMap((item) =>
    item.format === "mcq" && item.options
      ? [{ id: item.id, question: item.question, options: item.options, answerIndex: answerIndex(item) }]
      : [],
  );
}

/** Chance accuracy: the exact expectation of random guessing, mean over items of 1/k. */
export function chanceAccuracy(items: readonly ChoiceItem[]): number {
  if (items.length === 0) return 0;
  return items.reduce((sum, item) => sum + 1 / item.options.length, 0) / items.length;
}

/** Runs every heuristic baseline on the MCQ items (each gets its own forked, seeded stream). */
export function runHeuristicBaselines(items: readonly Item[], rng: Rng): HeuristicBaselineResult[] {
  const choices = choiceItems(items);
  return Object.values(HEURISTIC_BASELINES).map((baseline: HeuristicBaseline) => {
    const predicted = baseline.predict(choices, rng.fork(baseline.id));
    const predictions = choices.map((item, index) => {
      const guess = predicted[index] ?? -1;
      return { itemId: item.id, predicted: guess, correct: guess === item.answerIndex };
    });
    const correct = predictions.filter((prediction) => prediction.correct).length;
    return {
      id: baseline.id,
      description: baseline.description,
      probesArtifacts: baseline.probesArtifacts,
      predictions,
      correct,
      total: choices.length,
    };
  });
}

const STOPWORDS = new Set(
  "a an the of to in on for and or but is are was were be been by with as at from that this which what who whom whose it its not no".split(
    " ",
  ),
);

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOPWORDS.has(word));
}

function argmaxFirst(values: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < values.length; index++)
    if ((values[index] as number) > (values[best] as number)) best = index;
  return best;
}
