import type { PipelineContext } from "../../core/context.js";
import { BudgetExceededError } from "../../core/errors.js";
import type { Item } from "../../core/item.js";
import { CallLedger } from "./call-ledger.js";
import { makeAttempt } from "./make-attempt.js";
import { type MakeStats, summariseRun } from "./make-stats.js";
import { type MakeOptions, resolveMakeOptions } from "./options.js";
import { prepareSpec } from "./prepare-spec.js";
import { attemptStream, type MakeAttemptRunner } from "./remote-attempt.js";
import { type RejectedAttempt, SlotBook } from "./slot-book.js";
import { runSlotWindow } from "./slot-scheduler.js";
import { claimSlotView } from "./slot-view.js";
import type { MakeSpec } from "./spec.js";
import { workSlot } from "./work-slot.js";

export interface MakeResult {
  /** Accepted items in slot order, including those a resumed run found in the store. */
  items: Item[];
  rejected: RejectedAttempt[];
  stats: MakeStats;
  /** The expanded demand, attributes and strategies used (what `--save-spec` writes). */
  spec: MakeSpec | undefined;
}

/**
 * The BenchMaker pipeline (`benchsmith make`). Orchestrates named steps: prepare the spec (steps 0-3a,
 * once), then work the open slots, `concurrency` at a time (each slot: makeAttempt -> redundancy
 * filter -> commit, commits in slot order). Slot i's references come from items accepted up to slot
 * i - concurrency (window-level diffusion: with concurrency 1 that is every item accepted before it).
 * A budget stop ends the run cleanly with status "stopped"; everything accepted is already committed.
 * Fewer than `count` accepted items is status "stopped" too (reason "incomplete: ..."); `--resume`
 * fills the missing slots with fresh attempt caps. With `remote` (make --queue), each attempt runs on a
 * queue worker; the redundancy filter, commits and ordering stay here, so the result is the same.
 */
export async function makeBenchmark(
  options: MakeOptions,
  context: PipelineContext,
  remote?: MakeAttemptRunner,
): Promise<MakeResult> {
  const resolved = resolveMakeOptions(options);
  const started = performance.now();
  const ledger = new CallLedger();
  const generator = context.resolveModel(resolved.generator);
  const book = await SlotBook.open(context.store, context.runId);
  let spec: MakeSpec | undefined;

  try {
    const prepared = await prepareSpec({
      options: resolved,
      store: context.store,
      runId: context.runId,
      generator,
      ledger,
    });
    if (prepared.success) spec = prepared.value.spec;
    else book.stop(prepared.error);
  } catch (error) {
    if (!BudgetExceededError.isInstance(error)) throw error;
    book.stop(`budget: ${error.message}`);
  }
  if (book.stopReason !== undefined) context.log.warn(book.stopReason);

  if (spec !== undefined) {
    const ready = spec;
    // Every slot without an item is open, also on resume after a short run (the caps are per session).
    const openSlots = Array.from({ length: resolved.count }, (_, slot) => slot).filter(
      (slot) => !book.isAccepted(slot),
    );
    context.progress.start("make: items", resolved.count);
    if (book.accepted.length > 0) context.progress.advance(book.accepted.length, "resumed");
    // Slot i sees the items accepted up to slot i - concurrency, so references
    // never depend on timing; commits wait for the previous slot, so they happen in slot order.
    const window = await runSlotWindow({
      slots: openSlots,
      concurrency: resolved.concurrency,
      signal: context.signal,
      shouldStop: () => book.stopReason !== undefined,
      work: async ({ slot, cutoff, turn }) => {
        // What the slot sees (references and their use counts) is fixed and committed when it is claimed.
        const view = await claimSlotView({ store: context.store, runId: context.runId, book, slot, cutoff });
        return workSlot({
          slot,
          book,
          turn,
          maxAttemptsPerSlot: resolved.maxAttemptsPerSlot,
          maxTotalAttempts: resolved.maxTotalAttempts,
          duplicateThreshold: resolved.duplicateThreshold,
          signal: context.signal,
          onAccepted: (item) => context.progress.advance(1, item.id),
          produce: async (attempt) => {
            const accepted = view.accepted;
            const referenceUses = view.usesFor();
            if (remote === undefined)
              return makeAttempt({
                options: resolved,
                spec: ready,
                generator,
                ledger: ledger.child(),
                runId: context.runId,
                slot,
                attempt,
                rng: context.rng.fork(attemptStream(slot, attempt)),
                accepted,
                referenceUses,
              });
            const { outcome, calls } = await remote.runMakeAttempt({
              runId: context.runId,
              seed: context.rng.seed,
              options,
              spec: ready,
              slot,
              attempt,
              accepted,
              referenceUses,
              signal: context.signal,
            });
            ledger.absorb(calls);
            return outcome;
          },
        });
      },
    });
    if (window.aborted) book.stop("aborted");
    context.progress.finish(`${book.accepted.length} accepted, ${book.rejected.length} rejected`);
  }

  const stats = summariseRun({
    options: resolved,
    book,
    ledger,
    spec,
    elapsedMs: performance.now() - started,
  });
  return { items: [...book.accepted], rejected: [...book.rejected], stats, spec };
}
