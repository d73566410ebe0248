import type { Item } from "../core/item.js";
import type { Rng } from "../core/rng.js";
import { type EntropyEstimator, estimateEntropy } from "../stats/entropy.js";
import { defineCriterion, formatNumber } from "./define-criterion.js";
import { itemText, wordTokens } from "./tokenize.js";
import type { ItemTextField } from "./types.js";

/** Defaults chosen in docs/decisions/0004-lexical-entropy-estimator.md. */
export const LEXICAL_DEFAULTS = {
  field: "question+options" as ItemTextField,
  estimator: "chao-shen" as EntropyEstimator,
  /** The BenchMaker paper reports entropy on 500-item samples; we report the same size for comparison. */
  sampleSize: 500,
  samples: 5,
};

/** Word-frequency entropy (bits) of a set of texts, one pass to count: O(total tokens). */
export function lexicalEntropy(options: { texts: readonly string[]; estimator?: EntropyEstimator }): number {
  const counts = new Map<string, number>();
  for (const text of options.texts) {
    for (const token of wordTokens(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return estimateEntropy(counts.values(), options.estimator ?? LEXICAL_DEFAULTS.estimator);
}

/** Mean entropy over seeded subsamples of `sampleSize` texts (entropy grows with sample size, so compare like with like). */
export function sampledLexicalEntropy(options: {
  texts: readonly string[];
  sampleSize: number;
  samples: number;
  rng: Rng;
  estimator?: EntropyEstimator;
}): { mean: number; sd: number } {
  const values = Array.from({ length: options.samples }, () =>
    lexicalEntropy({
      texts: options.rng.sample(options.texts, options.sampleSize),
      ...(options.estimator ? { estimator: options.estimator } : {}),
    }),
  );
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return { mean, sd };
}

/** BenchMaker's human MMLU-Pro row, in bits; comparable only with the settings decision 0004 measured it against. */
export const MMLU_PRO_REFERENCE = {
  bits: 10.404,
  field: "question+options" as ItemTextField,
  estimator: "chao-shen" as EntropyEstimator,
};

/** Why the MMLU-Pro figure cannot be put beside this value, or undefined when it can. */
export function mmluProIncomparability(options: {
  items: readonly Item[];
  field: ItemTextField;
  estimator: EntropyEstimator;
  sampleSize: number;
}): string | undefined {
  if (options.field !== MMLU_PRO_REFERENCE.field || options.estimator !== MMLU_PRO_REFERENCE.estimator)
    return `the MMLU-Pro figure was matched with ${MMLU_PRO_REFERENCE.estimator} on ${MMLU_PRO_REFERENCE.field}`;
  if (options.items.some((item) => !item.options?.length))
    return "open items have no options, so their text is not MMLU-Pro's question + options";
  if (options.items.length < options.sampleSize)
    return `fewer than ${options.sampleSize} items (entropy grows with sample size)`;
  return undefined;
}

export const lexicalDiversity = defineCriterion({
  id: "lexical-diversity",
  description: "Unbiased word-frequency entropy (bits) of the items' text",
  higherIsBetter: true,
  needs: ["items"],
  compute({ items, rng }) {
    const { field, estimator, sampleSize, samples } = LEXICAL_DEFAULTS;
    const texts = items.map((item) => itemText(item, field));
    const value = lexicalEntropy({ texts, estimator });
    const notes = [`all ${texts.length} items`];
    let paperScale: number | undefined = texts.length === sampleSize ? value : undefined;
    if (texts.length > sampleSize) {
      const sampled = sampledLexicalEntropy({
        texts,
        sampleSize,
        samples,
        rng: rng.fork("lexical"),
        estimator,
      });
      paperScale = sampled.mean;
      notes.push(`${sampleSize}-item samples: ${formatNumber(sampled.mean)} ± ${formatNumber(sampled.sd)}`);
    }
    const incomparable = mmluProIncomparability({ items, field, estimator, sampleSize });
    notes.push(
      incomparable === undefined && paperScale !== undefined
        ? `paper scale (${sampleSize} items) ${formatNumber(paperScale)} vs MMLU-Pro human ${MMLU_PRO_REFERENCE.bits}`
        : `no MMLU-Pro comparison: ${incomparable}`,
    );
    const withOptions = items.some((item) => item.options?.length);
    const text = field === "question" || !withOptions ? "question" : "question + options";
    return {
      value,
      display: formatNumber(value),
      notes: notes.join("; "),
      used: `${estimator} estimator over \\w+ tokens (case kept) of the ${text}; decision 0004`,
    };
  },
});
