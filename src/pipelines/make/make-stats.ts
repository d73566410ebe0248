import type { CallLedger, CallTally } from "./call-ledger.js";
import type { ResolvedMakeOptions } from "./options.js";
import type { SlotBook } from "./slot-book.js";
import type { MakeSpec } from "./spec.js";

/** What a make run reports (the CLI prints it; it is also the run summary in the store). */
export interface MakeStats {
  status: "completed" | "stopped";
  stopReason: string | undefined;
  requested: number;
  accepted: number;
  /** Accepted items that were already in the store when this invocation started (resume). */
  resumedAccepted: number;
  rejected: number;
  /** Rejections by reason code (text before the first ":"), e.g. { duplicate: 2, "invalid-output": 1 }. */
  rejectedByReason: Record<string, number>;
  /** Slots that used all their attempts without an accepted item. */
  exhaustedSlots: number[];
  /** Provider calls made by this invocation (responses minus cache hits). */
  calls: number;
  cachedResponses: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | undefined;
  byStep: Record<string, CallTally>;
  /** All responses (cached or not) of this invocation per item accepted by it. */
  responsesPerAcceptedItem: number | undefined;
  elapsedMs: number;
  itemsPerMinute: number | undefined;
  warnings: string[];
  demand: string;
  paraphrasedDemand: string | undefined;
  components: Record<string, boolean | number | string>;
}

/** Reason code of a rejection reason: the text before the first ":". */
export function reasonCode(reason: string): string {
  return reason.split(":")[0]?.trim() || "unknown";
}

export function summariseRun(options: {
  options: ResolvedMakeOptions;
  book: SlotBook;
  ledger: CallLedger;
  spec: MakeSpec | undefined;
  elapsedMs: number;
}): MakeStats {
  const { options: resolved, book, ledger } = options;
  const total = ledger.total();
  const rejectedByReason: Record<string, number> = {};
  for (const rejection of book.rejected) {
    const code = reasonCode(rejection.reason);
    rejectedByReason[code] = (rejectedByReason[code] ?? 0) + 1;
  }
  const acceptedNow = book.accepted.length - book.resumedAccepted;
  const stopReason = incompleteReason({
    accepted: book.accepted.length,
    requested: resolved.count,
    stopReason: book.stopReason,
    exhaustedSlots: book.exhaustedSlots,
    maxAttemptsPerSlot: resolved.maxAttemptsPerSlot,
  });
  return {
    status: stopReason === undefined ? "completed" : "stopped",
    stopReason,
    requested: resolved.count,
    accepted: book.accepted.length,
    resumedAccepted: book.resumedAccepted,
    rejected: book.rejected.length,
    rejectedByReason,
    exhaustedSlots: [...book.exhaustedSlots].sort((a, b) => a - b),
    calls: total.requests,
    cachedResponses: total.cached,
    inputTokens: total.inputTokens,
    outputTokens: total.outputTokens,
    costUsd: total.costUsd,
    byStep: ledger.byStep(),
    responsesPerAcceptedItem: acceptedNow > 0 ? total.responses / acceptedNow : undefined,
    elapsedMs: Math.round(options.elapsedMs),
    itemsPerMinute: options.elapsedMs > 0 ? (acceptedNow * 60_000) / options.elapsedMs : undefined,
    // Setup steps no longer degrade with a warning (they stop the run); the field stays for readers.
    warnings: [],
    demand: options.spec?.demand ?? resolved.demand,
    paraphrasedDemand: options.spec?.paraphrasedDemand,
    components: {
      direct: resolved.direct,
      attributes: resolved.attributes,
      strategies: resolved.strategies,
      diffusion: resolved.diffusion,
      boost: resolved.boost,
      selfCorrect: resolved.selfCorrect,
      discriminate: resolved.discriminate,
      testTaker: resolved.testTaker,
      testTakers: resolved.testTakers,
      candidates: resolved.candidates,
      references: resolved.references,
      difficultyLevels: resolved.difficultyLevels,
      format: resolved.format,
      optionCount: resolved.optionCount,
      concurrency: resolved.concurrency,
    },
  };
}

/**
 * A run with fewer than the requested items is not "completed", whatever stopped it: the reason
 * says how short it is and why (the stop, or the slots that used up their attempts).
 */
function incompleteReason(options: {
  accepted: number;
  requested: number;
  stopReason: string | undefined;
  exhaustedSlots: readonly number[];
  maxAttemptsPerSlot: number;
}): string | undefined {
  if (options.accepted >= options.requested) return options.stopReason;
  const exhausted = [...options.exhaustedSlots].sort((a, b) => a - b);
  const cause =
    options.stopReason ??
    (exhausted.length > 0
      ? `slot${exhausted.length > 1 ? "s" : ""} ${exhausted.join(", ")} used all ${options.maxAttemptsPerSlot} attempts`
      : "no attempt left");
  return `incomplete: accepted ${options.accepted} of ${options.requested} (${cause})`;
}
