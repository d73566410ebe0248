import { BudgetExceededError } from "../../core/errors.js";
import { importRows } from "../../io/import-rows.js";
import { type CandidateContext, rowDecision, scratchDecision } from "./build-candidate.js";
import type { Candidate, ExecutionEnv } from "./execution-env.js";
import type { Decision } from "./plan-book.js";
import { controlItem } from "./quality-control.js";
import { realizeItem } from "./realize-item.js";

/** Realizes (source rows) and quality-controls one candidate; a spent budget or Ctrl-C becomes a stop, not an error. */
export async function decideCandidate(
  env: ExecutionEnv,
  context: CandidateContext,
  candidate: Candidate,
): Promise<Decision | { stopped: string }> {
  const common = {
    subtask: context.subtask,
    verifier: env.verifier,
    executor: env.executor,
    maxFixes: env.options.maxFixes,
    signal: env.context.signal,
  };
  try {
    if ("scratch" in candidate) {
      const { item, runId } = candidate.scratch;
      const origin = {
        description: `written from scratch by make (run ${runId}, item ${item.id})`,
        answer: undefined,
      };
      return scratchDecision(context, runId, await controlItem({ ...common, item, origin }));
    }
    const { source, row } = candidate;
    const card = env.cards.get(source.card);
    const base = importRows([row.values]).items[0];
    const realized = await realizeItem({
      row,
      cardId: source.card,
      subtask: context.subtask,
      transformation: source.transformation,
      executor: env.executor,
      optionCount: env.options.optionCount,
      rng: env.context.rng.fork(`realize:${source.card}#${row.index}`),
      signal: env.context.signal,
    });
    if (!realized.success) {
      const reason = `${realized.error.check}: ${realized.error.note}`;
      return rowDecision({
        context,
        source,
        card,
        row,
        base,
        outcome: { status: "rejected", reason, item: undefined },
      });
    }
    const origin = {
      description: `dataset "${source.dataset}", row ${row.index}`,
      answer: realized.value.sourceAnswer,
    };
    const outcome = await controlItem({ ...common, item: realized.value.item, origin });
    return rowDecision({ context, source, card, row, base, outcome });
  } catch (error) {
    if (BudgetExceededError.isInstance(error)) return { stopped: `budget: ${error.message}` };
    // Ctrl-C aborts the calls in flight: the run winds down with what it committed, resumable.
    if (env.context.signal?.aborted) return { stopped: "aborted" };
    throw error;
  }
}
