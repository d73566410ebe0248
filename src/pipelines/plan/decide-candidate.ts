import { BudgetExceededError } from "../../core/errors.js";
import { mapWithConcurrency } from "../../evaluate/map-with-concurrency.js";
import { importRows } from "../../io/import-rows.js";
import { type CandidateContext, rowDecision, scratchDecision } from "./build-candidate.js";
import { type CandidateOutcome, type CandidateSettings, controlCandidate } from "./control-candidate.js";
import type { Candidate, ExecutionEnv } from "./execution-env.js";
import type { Decision } from "./plan-book.js";

type DecisionOrStop = Decision | { stopped: string };

/** The decision for a candidate from what realization and QC made of it. */
function decisionOf(
  env: ExecutionEnv,
  context: CandidateContext,
  candidate: Candidate,
  outcome: CandidateOutcome,
) {
  if ("scratch" in candidate) {
    if (outcome.item === undefined)
      throw new Error("an item written from scratch came back without its item");
    return scratchDecision(context, candidate.scratch.runId, { ...outcome, item: outcome.item });
  }
  const { source, row } = candidate;
  const base = importRows([row.values]).items[0];
  return rowDecision({ context, source, card: env.cards.get(source.card), row, base, outcome });
}

/** A spent budget or Ctrl-C as the stop it is, not an error (undefined for any other error). */
function stopOf(env: ExecutionEnv, error: unknown): string | undefined {
  if (BudgetExceededError.isInstance(error)) return `budget: ${error.message}`;
  // Ctrl-C aborts the calls in flight: the run winds down with what it committed, resumable.
  if (env.context.signal?.aborted) return "aborted";
  return undefined;
}

function settingsOf(env: ExecutionEnv): CandidateSettings {
  const { executor, verifier, maxFixes, optionCount } = env.options;
  return { executor, verifier, maxFixes, optionCount };
}

/** Realizes (source rows) and quality-controls one candidate in this process. */
export async function decideCandidate(
  env: ExecutionEnv,
  context: CandidateContext,
  candidate: Candidate,
): Promise<DecisionOrStop> {
  try {
    const outcome = await controlCandidate({
      candidate,
      subtask: context.subtask,
      settings: settingsOf(env),
      executor: env.executor,
      verifier: env.verifier,
      seed: env.context.rng.seed,
      signal: env.context.signal,
    });
    return decisionOf(env, context, candidate, outcome);
  } catch (error) {
    const stopped = stopOf(env, error);
    if (stopped === undefined) throw error;
    return { stopped };
  }
}

/**
 * One wave's decisions, in candidate order: side by side in this process (`concurrency` at a time), or
 * as one batch of queue units (`plan --queue`), whose outcomes the workers commit and this reads back.
 */
export async function decideCandidates(
  env: ExecutionEnv,
  context: CandidateContext,
  candidates: readonly Candidate[],
): Promise<DecisionOrStop[]> {
  const { remote } = env;
  if (remote === undefined)
    return mapWithConcurrency({
      inputs: candidates,
      concurrency: env.options.concurrency,
      task: (candidate) => decideCandidate(env, context, candidate),
    });
  const { outcomes, error } = await remote.controlCandidates({
    runId: env.context.runId,
    seed: env.context.rng.seed,
    subtask: context.subtask,
    settings: settingsOf(env),
    candidates,
    signal: env.context.signal,
  });
  const stopped = error === undefined ? undefined : stopOf(env, error);
  if (error !== undefined && stopped === undefined) throw error;
  // Stopped early: the candidates that finished are decided (as in-process), the rest are the stop.
  return candidates.map((candidate, index) => {
    const outcome = outcomes[index];
    if (outcome !== undefined) return decisionOf(env, context, candidate, outcome);
    if (stopped === undefined) throw new Error(`the queue gave no outcome for candidate ${index}`);
    return { stopped };
  });
}
