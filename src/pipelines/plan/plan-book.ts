import { z } from "zod";
import { type Item, ItemSchema } from "../../core/item.js";
import type { RunStore } from "../../core/store-spec.js";
import { RedundancyIndex } from "./redundancy-index.js";

/** What every stored candidate (accepted or not) says about where it came from. */
export const CandidateTraceSchema = z.object({
  subtask: z.string(),
  origin: z.enum(["source", "scratch"]),
  /** "<card>#<row>" for a source row, "<make run>/<item id>" for an item written from scratch. */
  key: z.string(),
  /** The source's card id (source rows only). */
  card: z.string().optional(),
});
export type CandidateTrace = z.infer<typeof CandidateTraceSchema>;

const StoredCandidateSchema = z
  .object({ metadata: z.object({ trace: CandidateTraceSchema }).passthrough() })
  .passthrough();

/** One candidate's fate, ready to be committed. */
export interface Decision {
  trace: CandidateTrace;
  /** The candidate item (for an unusable row, a stub naming the row). */
  item: Record<string, unknown>;
  status: "accepted" | "rejected";
  reason: string | undefined;
}

/**
 * The plan run's bookkeeping, mirrored in the store: accepted items in slot order, every candidate
 * (rows and scratch items it used), rejection reasons, and the redundancy index. Subtask `s` owns
 * slots [offset, offset + quota); a rejected candidate is stored at the slot it was trying to fill.
 * Each decision is committed before the caller moves on; only its own methods change it.
 */
export class PlanBook {
  private readonly acceptedBySlot = new Map<number, Item>();
  private readonly attemptsBySlot = new Map<number, number>();
  private readonly candidates: Array<{
    trace: CandidateTrace;
    status: "accepted" | "rejected";
    reason?: string;
  }> = [];
  readonly redundancy: RedundancyIndex;
  readonly resumedAccepted: number;

  static async open(store: RunStore, runId: string, duplicateThreshold: number): Promise<PlanBook> {
    return new PlanBook(store, runId, duplicateThreshold, await store.listItems(runId));
  }

  private constructor(
    private readonly store: RunStore,
    private readonly runId: string,
    duplicateThreshold: number,
    stored: Awaited<ReturnType<RunStore["listItems"]>>,
  ) {
    this.redundancy = new RedundancyIndex(duplicateThreshold);
    for (const entry of [...stored].sort((a, b) => a.slot - b.slot || a.attempt - b.attempt)) {
      this.attemptsBySlot.set(
        entry.slot,
        Math.max(this.attemptsBySlot.get(entry.slot) ?? 0, entry.attempt + 1),
      );
      const trace = StoredCandidateSchema.safeParse(entry.item);
      if (!trace.success) continue;
      const parsed = entry.status === "accepted" ? ItemSchema.safeParse(entry.item) : undefined;
      if (parsed?.success) {
        this.acceptedBySlot.set(entry.slot, parsed.data);
        this.redundancy.add(parsed.data);
      }
      const status = parsed?.success ? "accepted" : "rejected";
      this.candidates.push({
        trace: trace.data.metadata.trace,
        status,
        ...(entry.reason ? { reason: entry.reason } : {}),
      });
    }
    this.resumedAccepted = this.acceptedBySlot.size;
  }

  /** Accepted items in slot order (subtask by subtask). */
  get accepted(): Item[] {
    return [...this.acceptedBySlot.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  }

  /** Candidates so far, optionally of one subtask. */
  tried(
    subtask?: string,
  ): ReadonlyArray<{ trace: CandidateTrace; status: "accepted" | "rejected"; reason?: string }> {
    return subtask === undefined
      ? this.candidates
      : this.candidates.filter((entry) => entry.trace.subtask === subtask);
  }

  /** Keys of every row or scratch item a candidate was made from. */
  takenKeys(): Set<string> {
    return new Set(this.candidates.map((entry) => entry.trace.key));
  }

  acceptedCount(offset: number, quota: number): number {
    let count = 0;
    for (let slot = offset; slot < offset + quota; slot++) if (this.acceptedBySlot.has(slot)) count++;
    return count;
  }

  /**
   * Commits one decision at the subtask's next open slot (slots [offset, offset + quota)); an
   * accepted item is named `<idPrefix>-<n>` (n-th of its subtask) and joins the redundancy index.
   */
  async commit(
    decision: Decision,
    slots: { offset: number; quota: number; idPrefix: string },
  ): Promise<void> {
    const { offset, quota } = slots;
    let slot = offset;
    while (slot < offset + quota - 1 && this.acceptedBySlot.has(slot)) slot++;
    const attempt = this.attemptsBySlot.get(slot) ?? 0;
    this.attemptsBySlot.set(slot, attempt + 1);
    const item =
      decision.status === "accepted"
        ? { ...decision.item, id: `${slots.idPrefix}-${slot - offset + 1}` }
        : decision.item;
    await this.store.putItem({
      runId: this.runId,
      slot,
      attempt,
      status: decision.status,
      item,
      reason: decision.reason,
    });
    this.candidates.push({
      trace: decision.trace,
      status: decision.status,
      ...(decision.reason ? { reason: decision.reason } : {}),
    });
    if (decision.status !== "accepted") return;
    const accepted = ItemSchema.parse(item);
    this.acceptedBySlot.set(slot, accepted);
    this.redundancy.add(accepted);
  }
}
