import type { PipelineContext } from "../../core/context.js";
import { BudgetExceededError } from "../../core/errors.js";
import type { Item } from "../../core/item.js";
import { createDiscoverEnv, type DiscoverEnv } from "./discover-env.js";
import { countReasons, NothingDiscoveredError } from "./discover-errors.js";
import type { CandidateAnswerEvaluator } from "./evaluate-candidates.js";
import { exploreDescription } from "./explore-description.js";
import { nextProposals } from "./next-proposals.js";
import { type DiscoverSource, openDiscoverSource } from "./open-discover-source.js";
import { type DiscoverOptions, type ResolvedDiscoverOptions, resolveDiscoverOptions } from "./options.js";
import { rankResults } from "./rank-results.js";
import { type FinalDescription, scaleUp, storedItems } from "./scale-up.js";
import type { DescriptionResult, ProposalStep } from "./state.js";

export interface DiscoverResult {
  runId: string;
  options: ResolvedDiscoverOptions;
  /** What the writer worked from ("docs:./notes", "none", ...). */
  source: string;
  /** Every explored description, in the order explored. */
  trajectory: DescriptionResult[];
  /** Each iteration's propose step (rejected duplicates and proposer failures included). */
  proposals: ProposalStep[];
  /** Scored descriptions, best first. */
  ranked: DescriptionResult[];
  /** The kept descriptions after scale-up (empty when the run stopped before it). */
  finals: FinalDescription[];
  /** The benchmark: the kept descriptions' items (after a stop, the ones they have so far). */
  items: Item[];
  status: "completed" | "stopped" | "failed";
  stopReason: string | undefined;
  failure: NothingDiscoveredError | undefined;
  /** Notices for the user (skipped documents, a short final benchmark). */
  warnings: string[];
}

/**
 * AutoBencher (`benchsmith discover`). For each iteration: propose descriptions (nextProposals), then
 * explore each one (salience -> ground + write with privileged information -> check -> candidates
 * answer without it -> score). Then the best `keep` descriptions are scaled up to `finalSize` items.
 * Every step is stored before the next, so `--resume` repeats no call. A spent budget stops cleanly,
 * keeping the trajectory; a run where no description got a graded answer is "failed" with reasons.
 */
export async function discoverBenchmark(
  options: DiscoverOptions,
  context: PipelineContext,
  dependencies: {
    source?: DiscoverSource;
    processEnv?: NodeJS.ProcessEnv;
    /** Candidates answer on queue workers (`--queue`); absent: here, as always. */
    remote?: CandidateAnswerEvaluator | undefined;
  } = {},
): Promise<DiscoverResult> {
  const resolved = resolveDiscoverOptions(options);
  const source =
    dependencies.source ??
    (await openDiscoverSource({
      // Without privileged information the writer needs no source, and salience is judged.
      spelling: resolved.privileged ? resolved.source : undefined,
      store: context.store,
      runId: context.runId,
      env: dependencies.processEnv ?? process.env,
      baseURL: resolved.wikipediaApi,
      pageviewsBaseURL: resolved.pageviewsApi,
    }));
  const remote = dependencies.remote && { evaluator: dependencies.remote, runId: context.runId };
  const env: DiscoverEnv = { ...createDiscoverEnv(resolved, context, source), remote };
  const warnings = source.kind === "retrieval" ? [...source.warnings] : [];
  const trajectory: DescriptionResult[] = [];
  const proposals: ProposalStep[] = [];
  let stopReason: string | undefined;
  try {
    await search(env, context, trajectory, proposals);
  } catch (error) {
    if (!BudgetExceededError.isInstance(error)) throw error;
    stopReason = `budget: ${error.message}`;
  }
  const ranked = rankResults(trajectory);
  const kept = ranked.slice(0, resolved.keep);
  let finals: FinalDescription[] = [];
  if (stopReason === undefined && kept.length > 0) {
    try {
      context.progress.start("discover: scale-up", resolved.finalSize);
      finals = await scaleUp({ env, kept, explored: trajectory });
      context.progress.finish();
    } catch (error) {
      if (!BudgetExceededError.isInstance(error)) throw error;
      stopReason = `budget: ${error.message}`;
    }
  }
  const items =
    finals.length > 0
      ? finals.flatMap((final) => final.items)
      : await keptItems(env, kept, resolved.finalSize);
  if (stopReason === undefined && items.length < resolved.finalSize && kept.length > 0)
    warnings.push(`only ${items.length} of --final-size ${resolved.finalSize} items passed the checks`);
  // A budget stop is resumable, not a failure, even when nothing was scored yet.
  const failure =
    stopReason === undefined && kept.length === 0
      ? new NothingDiscoveredError(reasonsOf(trajectory, proposals))
      : undefined;
  const short = stopReason !== undefined || items.length < resolved.finalSize;
  return {
    runId: context.runId,
    options: resolved,
    source: source.spelling,
    trajectory,
    proposals,
    ranked,
    finals,
    items,
    status: failure !== undefined ? "failed" : short ? "stopped" : "completed",
    stopReason,
    failure,
    warnings,
  };
}

async function search(
  env: DiscoverEnv,
  context: PipelineContext,
  trajectory: DescriptionResult[],
  proposals: ProposalStep[],
): Promise<void> {
  const { iterations } = env.options;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const step = await nextProposals({ env, iteration, explored: trajectory });
    proposals.push(step);
    if (step.failure !== undefined) context.log.warn(`iteration ${iteration + 1}: ${step.failure}`);
    context.progress.start(`discover: iteration ${iteration + 1}/${iterations}`, step.descriptions.length);
    for (const description of step.descriptions) {
      const result = await exploreDescription({ env, description, explored: trajectory });
      trajectory.push(result);
      context.progress.advance(1, result.id);
    }
    context.progress.finish();
  }
}

/** After a stop: the kept descriptions' items so far, at most `limit` (no call is made). */
async function keptItems(
  env: DiscoverEnv,
  kept: readonly DescriptionResult[],
  limit: number,
): Promise<Item[]> {
  const items: Item[] = [];
  for (const result of kept) items.push(...(await storedItems(env, result.id)));
  return items.slice(0, limit);
}

function reasonsOf(trajectory: readonly DescriptionResult[], proposals: readonly ProposalStep[]): string[] {
  const reasons = [
    ...proposals.flatMap((step) => (step.failure === undefined ? [] : [step.failure])),
    ...trajectory.flatMap((result) => result.failures.map((failure) => `${result.id}: ${failure}`)),
  ];
  // "D3: writer: ..." and "D5: writer: ..." are the same reason: count them without the id.
  return countReasons(reasons.map((reason) => reason.replace(/^D\d+: /, "")));
}
