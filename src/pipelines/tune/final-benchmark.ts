import type { Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { createRng } from "../../core/rng.js";
import { evaluateItems, type Measurement, type RemoteTune } from "./evaluate-items.js";
import { describeFinalSize, deviationInterval, type FinalSizeNote } from "./final-size.js";
import type { HistoryEntry } from "./history.js";
import { type TuneTemplate, toBenchmarkItem } from "./template.js";

export interface FinalBenchmark {
  params: HistoryEntry["params"];
  /** The fresh seed label the items were generated from. */
  seed: number;
  items: Item[];
  /** False when the budget was spent: the items were emitted but the target never answered them. */
  measured: boolean;
  /** Undefined when unmeasured. */
  measurement: Measurement | undefined;
  /** |final accuracy - target|; undefined when unmeasured. */
  deviation: number | undefined;
  /** 95% interval for the deviation, from the accuracy's Wilson interval; undefined when unmeasured. */
  deviationInterval: { low: number; high: number } | undefined;
  /** What the size buys: standard error at the target against tolerance / 2. */
  size: FinalSizeNote;
}

/**
 * Generates the benchmark from the best params with a fresh seed and (unless `measure` is false,
 * e.g. no budget left) re-measures the target on it.
 */
export async function buildFinalBenchmark(options: {
  template: TuneTemplate;
  best: HistoryEntry;
  seed: number;
  size: number;
  target: number;
  tolerance: number;
  model: LanguageModel;
  concurrency: number;
  measure: boolean;
  signal?: AbortSignal | undefined;
  /** A work queue (`--queue`): the final measurement, usually the largest, runs on its workers. */
  remote?: RemoteTune | undefined;
}): Promise<FinalBenchmark> {
  const { template, best } = options;
  const finalSeed = createRng(`${options.seed}:final`).int(0, 2 ** 31 - 1);
  const templateItems = template.generate(best.params, createRng(finalSeed), options.size);
  const items = templateItems.map((item) =>
    toBenchmarkItem({
      item,
      template: template.name,
      params: best.params,
      seed: finalSeed,
      rationale: best.rationale,
    }),
  );
  const size = describeFinalSize({
    target: options.target,
    tolerance: options.tolerance,
    size: options.size,
  });
  if (!options.measure)
    return {
      params: best.params,
      seed: finalSeed,
      items,
      measured: false,
      measurement: undefined,
      deviation: undefined,
      deviationInterval: undefined,
      size,
    };
  const { measurement } = await evaluateItems({
    template,
    items: templateItems,
    model: options.model,
    concurrency: options.concurrency,
    signal: options.signal,
    remote: options.remote && { ...options.remote, scope: "final" },
  });
  return {
    params: best.params,
    seed: finalSeed,
    items,
    measured: true,
    measurement,
    deviation: Math.abs(measurement.accuracy - options.target),
    deviationInterval: deviationInterval(measurement.interval, options.target),
    size,
  };
}
