/** What one slot's work is told by the scheduler. */
export interface SlotTurn {
  slot: number;
  /**
   * The slot `concurrency` places earlier (-1 for the first window): it and every slot before it
   * have settled when this slot starts, so what the slot sees of them never depends on timing.
   */
  cutoff: number;
  /** Resolves once the previous slot has settled: commits that wait for it happen in slot order. */
  turn: Promise<void>;
}

export interface SlotWindowOutcome {
  /** A slot was not started because the signal was aborted. */
  aborted: boolean;
}

/**
 * Works `slots` (in order) in a sliding window of `concurrency`: slot i starts once slot i - c has
 * settled, and its work is handed the previous slot's settlement as its turn. No new slot starts
 * once `shouldStop()` says so, the signal is aborted, or a slot's work threw; the slots already
 * started run to the end, then the error of the earliest failed slot is rethrown.
 */
export async function runSlotWindow(options: {
  slots: readonly number[];
  concurrency: number;
  signal?: AbortSignal | undefined;
  shouldStop?: () => boolean;
  work: (turn: SlotTurn) => Promise<void>;
}): Promise<SlotWindowOutcome> {
  const { slots, concurrency } = options;
  const settled: Promise<void>[] = [];
  const errors: { index: number; error: unknown }[] = [];
  let aborted = false;

  slots.forEach((slot, index) => {
    const gate = index >= concurrency ? settled[index - concurrency] : undefined;
    const cutoff = index >= concurrency ? (slots[index - concurrency] ?? -1) : -1;
    const turn = settled[index - 1] ?? Promise.resolve();
    const run = async () => {
      await gate;
      if (errors.length > 0 || options.shouldStop?.()) return;
      if (options.signal?.aborted) {
        aborted = true;
        return;
      }
      await options.work({ slot, cutoff, turn });
    };
    // A failed slot still settles, so the slots waiting on it as gate or turn go on (and see the failure).
    settled.push(
      run().catch((error: unknown) => {
        errors.push({ index, error });
      }),
    );
  });

  await Promise.all(settled);
  const first = errors.sort((a, b) => a.index - b.index)[0];
  if (first !== undefined) throw first.error;
  return { aborted };
}
