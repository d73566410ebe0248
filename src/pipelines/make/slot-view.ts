import { z } from "zod";
import type { Item } from "../../core/item.js";
import type { RunStore } from "../../core/store-spec.js";
import { addUses } from "./reference-uses.js";
import type { SlotBook } from "./slot-book.js";

/** What a slot saw of the rest of the run when it was claimed (run state, so a resume sees the same). */
const SlotViewSchema = z.object({
  /** Accepted items it may draw references from, in slot order. */
  visible: z.array(z.string()),
  /** Times each item had been shown as a reference by the attempts of other slots it could see. */
  uses: z.record(z.string(), z.number().int().min(0)),
});
type SlotView = z.infer<typeof SlotViewSchema>;

const viewKey = (slot: number) => `make/slot-view/${slot}`;

/** A slot's committed view: reference candidates, and the use counts t_i of their earlier showings. */
export interface ClaimedView {
  accepted: Item[];
  /** t_i for one attempt: the view's counts plus every committed attempt of this slot so far. */
  usesFor(): Record<string, number>;
}

/**
 * Fixes what slot `slot` sees when it is claimed: the items accepted at slots up to `cutoff` and how
 * often the attempts of those settled slots showed each as a reference. Committed before its first
 * attempt; a resumed slot reads it back, so its attempts rebuild the same prompts (and hit the cache)
 * even when those slots have changed since (a slot that gave up in the first session is refilled).
 */
export async function claimSlotView(options: {
  store: RunStore;
  runId: string;
  book: SlotBook;
  slot: number;
  cutoff: number;
}): Promise<ClaimedView> {
  const { store, runId, book, slot, cutoff } = options;
  let view: SlotView | undefined = await store.getState(runId, viewKey(slot), SlotViewSchema);
  if (view === undefined) {
    view = {
      visible: book.acceptedThrough(cutoff).map((item) => item.id),
      uses: book.referenceUses((use) => use.slot <= cutoff),
    };
    await store.putState(runId, viewKey(slot), view);
  }
  const byId = new Map(book.accepted.map((item) => [item.id, item]));
  const { visible, uses } = view;
  return {
    accepted: visible.flatMap((id) => byId.get(id) ?? []),
    // Attempts of one slot run one after another, so all earlier ones are committed.
    usesFor: () =>
      addUses(
        uses,
        book.referenceUses((use) => use.slot === slot),
      ),
  };
}
