import { fail, ok, type Result } from "../../core/result.js";
import type { StepRejection } from "./attempt-outcome.js";
import type { TestTakeOutcome } from "./test-take.js";

/**
 * The test-taker step's rule: its outcome gives a difficulty label only when at least half of the
 * answers name an option. Fewer readable answers and beta would rest on too few of them (and a
 * question the test-taker cannot answer in the asked format is suspect itself): "unanswerable".
 */
export function checkAnswerable(testing: TestTakeOutcome): Result<TestTakeOutcome, StepRejection> {
  const total = testing.answers.length;
  if (testing.parseable * 2 >= total) return ok(testing);
  return fail({
    reason: `unanswerable: only ${testing.parseable} of ${total} test-taker answers name an option`,
    details: {
      parseableAnswers: testing.parseable,
      testTakers: total,
      testTakerAnswers: testing.answers.map((answer) => answer.answer ?? null),
    },
  });
}
