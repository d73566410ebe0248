/** What one slot's work is told by the scheduler. */
export interface SlotTurn {
  slot: number;
  /**
   * slot - concurrency: every listed slot up to it has settled when this slot starts, so what the
   * slot sees of slots up to the cutoff never depends on timing. Absolute, not a list position: a
   * resumed run (some slots already filled) gives a slot the same cutoff as an uninterrupted one.
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
 * Works `slots` (ascending) in a sliding window of `concurrency`: slot i starts once every listed
 * slot up to i - c has settled (at most c run at once), and its work is handed the previous listed
 * slot's settlement as its turn. No new slot starts once `shouldStop()` says so, the signal is aborted, or a slot's work
 * threw; the slots already started run to the end, then the error of the earliest failed slot is
 * rethrown.
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
  // Position of the last listed slot at or before the current cutoff (slots ascend, so it only moves on).
  let gateIndex = -1;

  slots.forEach((slot, index) => {
    const cutoff = slot - concurrency;
    while ((slots[gateIndex + 1] ?? Number.POSITIVE_INFINITY) <= cutoff) gateIndex++;
    const gate = settled[gateIndex];
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
    // A slot counts as settled only once every earlier one has: one that gives up early without
    // waiting for its turn must not open a later slot whose cutoff still has slots in flight.
    settled.push(
      run()
        .catch((error: unknown) => {
          errors.push({ index, error });
        })
        .then(() => turn),
    );
  });

  await Promise.all(settled);
  const first = errors.sort((a, b) => a.index - b.index)[0];
  if (first !== undefined) throw first.error;
  return { aborted };
}
