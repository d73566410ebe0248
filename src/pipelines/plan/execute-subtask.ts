import type { CandidateContext } from "./build-candidate.js";
import { decideCandidates } from "./decide-candidate.js";
import type { ExecutionEnv } from "./execution-env.js";
import { nextCandidates } from "./next-candidates.js";
import type { Decision } from "./plan-book.js";
import type { PlannedSubtask } from "./plan-document.js";
import { tallyReasons } from "./tally-reasons.js";

/** How a subtask's execution ended: what it still misses and why, or why the run stopped. */
export interface SubtaskExecution {
  missing: number;
  reason: string | undefined;
  /** Budget or Ctrl-C: the whole run stops. */
  stopped: string | undefined;
}

/**
 * Fills one subtask's quota in waves: each wave takes as many candidates as items are missing —
 * rows of each source for its own allocation, then the next rows of later sources for what an
 * earlier one could not give, then items written from scratch — realizes and inspects them side by
 * side, and commits them in order (the redundancy check sees every item committed before). Rejected
 * candidates are refilled by the next wave until the quota is met, the supply runs out, or
 * `attemptsPerItem * quota` candidates were tried.
 */
export async function executeSubtask(
  env: ExecutionEnv,
  subtask: PlannedSubtask,
  offset: number,
): Promise<SubtaskExecution> {
  const context: CandidateContext = {
    subtask,
    executor: env.options.executor,
    verifier: env.options.verifier,
    seed: env.options.seed,
  };
  const slots = { offset, quota: subtask.quota, idPrefix: slug(subtask.name) };
  const limit = env.options.attemptsPerItem * subtask.quota;
  for (;;) {
    const deficit = subtask.quota - env.book.acceptedCount(offset, subtask.quota);
    if (deficit === 0) return { missing: 0, reason: undefined, stopped: undefined };
    const attempts = env.book.tried(subtask.name).length;
    const why = (cause: string) => ({
      missing: deficit,
      reason: `${cause}${rejections(env, subtask)}`,
      stopped: undefined,
    });
    if (attempts >= limit)
      return why(`${attempts} candidates tried (the limit is ${env.options.attemptsPerItem} per item)`);
    if (env.context.signal?.aborted)
      return { missing: deficit, reason: "stopped by Ctrl-C", stopped: "aborted" };
    const { candidates, stopReason, shortReason } = await nextCandidates(
      env,
      subtask,
      Math.min(deficit, limit - attempts),
    );
    if (stopReason !== undefined) return { missing: deficit, reason: stopReason, stopped: stopReason };
    if (candidates.length === 0)
      return why(
        env.options.fromScratch === "never"
          ? "its sources have no rows left and --from-scratch is never"
          : `neither its sources nor make gave another candidate${shortReason ? ` (make: ${shortReason})` : ""}`,
      );
    const decisions = await decideCandidates(env, context, candidates);
    let stopped: string | undefined;
    for (const decision of decisions) {
      if ("stopped" in decision) {
        stopped ??= decision.stopped;
        continue;
      }
      const near =
        decision.status === "accepted"
          ? env.book.redundancy.nearest(decision.item as { question: string })
          : undefined;
      const final: Decision =
        near === undefined
          ? decision
          : {
              ...decision,
              status: "rejected",
              reason: `redundancy: near-duplicate of ${near.id} (similarity ${near.similarity.toFixed(2)})`,
            };
      await env.book.commit(final, slots);
      if (final.status === "accepted") env.context.progress.advance(1, subtask.name);
    }
    if (stopped !== undefined)
      return {
        missing: subtask.quota - env.book.acceptedCount(offset, subtask.quota),
        reason: stopped,
        stopped,
      };
  }
}

function rejections(env: ExecutionEnv, subtask: PlannedSubtask): string {
  const tally = tallyReasons(
    env.book.tried(subtask.name).flatMap((entry) => (entry.reason ? [entry.reason] : [])),
  );
  const top = Object.entries(tally)
    .slice(0, 3)
    .map(([code, count]) => `${code} ${count}`);
  return top.length === 0 ? "" : `; rejected: ${top.join(", ")}`;
}

/** A subtask name as an id prefix: "Legal reasoning" -> "legal-reasoning". */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "subtask"
  );
}
