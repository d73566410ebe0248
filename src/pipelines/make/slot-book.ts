import { type Item, ItemSchema } from "../../core/item.js";
import type { RunStore, StoredItem } from "../../core/store-spec.js";
import { countReferenceUses, type ReferenceUse, referencesOf } from "./reference-uses.js";

export interface RejectedAttempt {
  slot: number;
  attempt: number;
  reason: string;
  record: Record<string, unknown>;
}

/**
 * The run's bookkeeping, mirrored in the store: accepted items (in slot order, which is the
 * acceptance order), attempts per slot, rejections, and why the run stopped early, if it did.
 * Every change is committed to the store before the caller moves on (crash safety); only its
 * own methods change it.
 */
export class SlotBook {
  /** Accepted items with the slot their store row names, in slot order. */
  private readonly acceptedSlots: { slot: number; item: Item }[] = [];
  private readonly rejections: RejectedAttempt[] = [];
  private readonly exhausted: number[] = [];
  /** The references of every committed attempt (difficulty diffusion counts uses from these). */
  private readonly uses: ReferenceUse[] = [];
  /** Attempts per slot over the whole run (stored + this session): the next attempt number. */
  private readonly attemptsBySlot = new Map<number, number>();
  /** Attempts per slot and in total made by this invocation (caps are per session: `--resume` can fill slots). */
  private readonly sessionAttemptsBySlot = new Map<number, number>();
  private sessionAttempts = 0;
  private consecutiveProviderErrors = 0;
  private reasonStopped: string | undefined;
  /** Accepted items loaded from the store at start (resume). */
  readonly resumedAccepted: number;

  /** Loads the run's stored attempts (resume) into a new book. */
  static async open(store: RunStore, runId: string): Promise<SlotBook> {
    return new SlotBook(store, runId, await store.listItems(runId));
  }

  private constructor(
    private readonly store: RunStore,
    private readonly runId: string,
    storedItems: readonly StoredItem[],
  ) {
    for (const stored of storedItems) {
      const { slot, attempt } = stored;
      this.attemptsBySlot.set(slot, Math.max(this.attemptsBySlot.get(slot) ?? 0, attempt + 1));
      this.uses.push({ slot, references: referencesOf(stored.item) });
      if (stored.status === "rejected") {
        this.rejections.push({ slot, attempt, reason: stored.reason ?? "unknown", record: stored.item });
        continue;
      }
      // A stored row that is no longer a valid item leaves its slot open, to be made again.
      const parsed = ItemSchema.safeParse(stored.item);
      if (parsed.success) this.acceptedSlots.push({ slot, item: parsed.data });
    }
    this.acceptedSlots.sort((a, b) => a.slot - b.slot);
    this.resumedAccepted = this.acceptedSlots.length;
  }

  /** Accepted items in slot order. */
  get accepted(): Item[] {
    return this.acceptedSlots.map((entry) => entry.item);
  }

  /** Items accepted at slots up to `slot`, in slot order (what a slot's references come from). */
  acceptedThrough(slot: number): Item[] {
    return this.acceptedSlots.filter((entry) => entry.slot <= slot).map((entry) => entry.item);
  }

  /** Times each item was shown as a reference by the committed attempts `include` admits. */
  referenceUses(include: (use: ReferenceUse) => boolean): Record<string, number> {
    return countReferenceUses(this.uses, include);
  }

  get rejected(): readonly RejectedAttempt[] {
    return this.rejections;
  }

  /** Slots that used all their attempts of this session without an accepted item. */
  get exhaustedSlots(): readonly number[] {
    return this.exhausted;
  }

  get stopReason(): string | undefined {
    return this.reasonStopped;
  }

  isAccepted(slot: number): boolean {
    return this.acceptedSlots.some((entry) => entry.slot === slot);
  }

  /** Attempts this invocation made at `slot` (the per-slot cap counts these). */
  sessionAttemptsMade(slot: number): number {
    return this.sessionAttemptsBySlot.get(slot) ?? 0;
  }

  /** Reserves the next attempt number of `slot` against this session's cap; undefined when the cap is reached. */
  claimAttempt(slot: number, maxTotal: number): number | undefined {
    if (this.sessionAttempts >= maxTotal) return undefined;
    this.sessionAttempts++;
    this.sessionAttemptsBySlot.set(slot, this.sessionAttemptsMade(slot) + 1);
    const attempt = this.attemptsBySlot.get(slot) ?? 0;
    this.attemptsBySlot.set(slot, attempt + 1);
    return attempt;
  }

  /** Commits the accepted item of `slot`, then files it in slot order. */
  async accept(slot: number, attempt: number, item: Item): Promise<void> {
    await this.store.putItem({
      runId: this.runId,
      slot,
      attempt,
      status: "accepted",
      item,
      reason: undefined,
    });
    this.uses.push({ slot, references: referencesOf(item) });
    const position = this.acceptedSlots.findIndex((entry) => entry.slot > slot);
    const entry = { slot, item };
    if (position < 0) this.acceptedSlots.push(entry);
    else this.acceptedSlots.splice(position, 0, entry);
  }

  /** Commits a rejected attempt with its reason. */
  async reject(rejection: RejectedAttempt): Promise<void> {
    const { slot, attempt, reason, record } = rejection;
    await this.store.putItem({ runId: this.runId, slot, attempt, status: "rejected", item: record, reason });
    this.rejections.push(rejection);
    this.uses.push({ slot, references: referencesOf(record) });
  }

  /** `slot` used all its attempts of this session. */
  markExhausted(slot: number): void {
    if (!this.exhausted.includes(slot)) this.exhausted.push(slot);
  }

  /** Counts an attempt that ended in a provider error; returns how many did so in a row. */
  noteProviderError(): number {
    return ++this.consecutiveProviderErrors;
  }

  /** An attempt got through to the model: the run of provider errors is broken. */
  noteProviderSuccess(): void {
    this.consecutiveProviderErrors = 0;
  }

  /** Ends the run early; the first reason given is kept. */
  stop(reason: string): void {
    this.reasonStopped ??= reason;
  }
}
