import { BudgetExceededError, ProviderCallError } from "../../core/errors.js";
import type { Item } from "../../core/item.js";
import type { AttemptOutcome } from "./attempt-outcome.js";
import { findNearDuplicate } from "./redundancy-filter.js";
import type { SlotBook } from "./slot-book.js";

const PROVIDER_ERRORS_BEFORE_STOP = 3;

/**
 * Works one slot until it has an accepted item, runs out of attempts, or the run stops.
 * Candidates are produced in parallel with the other slots in flight; the redundancy check
 * and the commit wait for `turn` (the previous slot is finished), so acceptance
 * happens in slot order and the result does not depend on which call returned first.
 */
export async function workSlot(options: {
  slot: number;
  book: SlotBook;
  turn: Promise<unknown>;
  produce: (attempt: number) => Promise<AttemptOutcome>;
  maxAttemptsPerSlot: number;
  maxTotalAttempts: number;
  duplicateThreshold: number;
  signal: AbortSignal | undefined;
  onAccepted: (item: Item) => void;
}): Promise<void> {
  const { slot, book } = options;
  while (book.stopReason === undefined) {
    if (options.signal?.aborted) return book.stop("aborted");
    if (book.sessionAttemptsMade(slot) >= options.maxAttemptsPerSlot) {
      book.markExhausted(slot);
      return;
    }
    const attempt = book.claimAttempt(slot, options.maxTotalAttempts);
    if (attempt === undefined) return book.stop(`attempt cap reached (${options.maxTotalAttempts} attempts)`);
    let outcome: AttemptOutcome;
    try {
      outcome = await options.produce(attempt);
    } catch (error) {
      if (BudgetExceededError.isInstance(error)) return book.stop(`budget: ${error.message}`);
      if (!ProviderCallError.isInstance(error)) throw error;
      // A failed call (retries already spent, e.g. prompt over the context size) costs this attempt only;
      // a provider that keeps failing stops the run instead of burning every attempt.
      await book.reject({
        slot,
        attempt,
        reason: `provider-error: ${error.message}`,
        record: { slot, attempt },
      });
      if (book.noteProviderError() >= PROVIDER_ERRORS_BEFORE_STOP) {
        return book.stop(
          `provider keeps failing (${PROVIDER_ERRORS_BEFORE_STOP} attempts in a row): ${error.message}`,
        );
      }
      continue;
    }
    book.noteProviderSuccess();
    if (outcome.kind === "rejected") {
      await book.reject({ slot, attempt, reason: outcome.reason, record: outcome.record });
      continue;
    }
    await options.turn;
    const duplicate = findNearDuplicate({
      question: outcome.item.question,
      accepted: book.accepted,
      threshold: options.duplicateThreshold,
    });
    if (duplicate !== undefined) {
      await book.reject({
        slot,
        attempt,
        reason: `duplicate: near-duplicate of ${duplicate.id} (3-gram Jaccard ${duplicate.similarity.toFixed(2)})`,
        record: outcome.item,
      });
      continue;
    }
    await book.accept(slot, attempt, outcome.item);
    options.onAccepted(outcome.item);
    return;
  }
}
