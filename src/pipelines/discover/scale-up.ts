import type { Item } from "../../core/item.js";
import { CHECKPOINT_KEYS } from "./checkpoint.js";
import type { DiscoverEnv } from "./discover-env.js";
import { runBatch } from "./explore-description.js";
import { measureDescription } from "./measure-description.js";
import {
  type BatchRecord,
  BatchRecordSchema,
  type CandidateBatch,
  type DescriptionResult,
  descriptionOf,
} from "./state.js";

/** A kept description after scale-up: its items, and its row re-measured on exactly those items. */
export interface FinalDescription {
  result: DescriptionResult;
  items: Item[];
  /** How many items it was to get (its share of --final-size). */
  target: number;
}

// Batches in a row that add no item before a description is given up on.
const MAX_STALLED_BATCHES = 2;

/** Splits `total` items over `count` descriptions as evenly as possible, the first ones taking the remainder. */
function shareOf(total: number, count: number, index: number): number {
  return Math.floor(total / count) + (index < total % count ? 1 : 0);
}

/**
 * The final step: each kept description is written further, batch after batch through the same
 * writer and checks (its search batch counts), until it has its share of --final-size, the source
 * stops giving new items, or twice the batches it should have needed were spent. Candidates are
 * evaluated on every new batch; the row is re-measured on the items kept.
 */
export async function scaleUp(options: {
  env: DiscoverEnv;
  kept: readonly DescriptionResult[];
  explored: readonly DescriptionResult[];
}): Promise<FinalDescription[]> {
  const { env } = options;
  const finals: FinalDescription[] = [];
  for (const [index, kept] of options.kept.entries()) {
    const target = shareOf(env.options.finalSize, options.kept.length, index);
    const maxBatches = 2 * Math.ceil(target / env.options.questions) + 1;
    const records: BatchRecord[] = [];
    const answers: CandidateBatch[][] = [];
    const items: Item[] = [];
    let stalled = 0;
    for (
      let batch = 0;
      batch < maxBatches && items.length < target && stalled < MAX_STALLED_BATCHES;
      batch++
    ) {
      const done = await runBatch({ env, description: kept, batch, existing: items });
      records.push(done.record);
      answers.push(done.answers);
      const room = target - items.length;
      items.push(...done.record.items);
      env.progress.advance(Math.min(done.record.items.length, Math.max(0, room)));
      stalled = done.record.items.length === 0 ? stalled + 1 : 0;
    }
    const chosen = items.slice(0, target);
    const chosenIds = new Set(chosen.map((item) => item.id));
    const onChosen = answers.map((batch) =>
      batch.map((entry) => ({
        ...entry,
        outcomes: entry.outcomes.filter((outcome) => chosenIds.has(outcome.itemId)),
      })),
    );
    const explored = options.explored.filter((result) => result.id !== kept.id);
    const base = { ...descriptionOf(kept), salience: kept.salience };
    const result = measureDescription({ env, base, batches: records, answers: onChosen, explored });
    const trimmed = { ...result, items: chosen.length };
    finals.push({ result: trimmed, items: chosen, target });
  }
  return finals;
}

/** The items a description has in the store so far, batch after batch (no call is made). */
export async function storedItems(env: DiscoverEnv, descriptionId: string): Promise<Item[]> {
  const items: Item[] = [];
  for (let batch = 0; ; batch++) {
    const record = await env.checkpoints.read(CHECKPOINT_KEYS.batch(descriptionId, batch), BatchRecordSchema);
    if (record === undefined) return items;
    items.push(...record.items);
  }
}
