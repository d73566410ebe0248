import { z } from "zod";
import type { PipelineContext } from "../../core/context.js";
import type { Item } from "../../core/item.js";
import { type DatasetCard, DatasetCardSchema, loadDatasetCards } from "../../sources/dataset-cards/index.js";
import type { MakeAttemptRunner } from "../make/index.js";
import { buildPlan } from "./build-plan.js";
import { createPlanCheckpoints, PLAN_KEYS } from "./checkpoint.js";
import type { PlanCandidateRunner } from "./control-candidate.js";
import { executeSubtask } from "./execute-subtask.js";
import type { ExecutionEnv } from "./execution-env.js";
import { type PlanOptions, resolvePlanOptions } from "./options.js";
import { PlanBook } from "./plan-book.js";
import type { PlanDocument } from "./plan-document.js";
import { buildPlanReport, type PlanReport } from "./plan-report.js";
import { lazyCorpus, retrievePassages } from "./retrieve-passages.js";
import { SourceRows } from "./source-rows.js";
import { writeFromScratch } from "./write-from-scratch.js";

export interface PlanResult {
  /** Accepted items, subtask by subtask (a resumed run includes those found in the store). */
  items: Item[];
  plan: PlanDocument;
  report: PlanReport;
}

const CardsStepSchema = z.object({ cards: z.array(DatasetCardSchema), warnings: z.array(z.string()) });

/**
 * The Benchmark Agent pipeline (`benchsmith plan`). Orchestrates named steps, each stored before the
 * next: dataset cards -> plan (design <-> grounding, allocation; or the given plan) -> per subtask,
 * realization and quality control with refill until its quota is met -> the report. Exactly `size`
 * items unless a subtask runs out of candidates (the report says which and why) or the budget or
 * Ctrl-C stops the run; `--resume` continues without repeating a call. With `remote` (plan --queue),
 * the waves' realization and QC, and the attempts of the make runs that write items from scratch, run
 * on queue workers; planning, redundancy checks and commits stay here.
 */
/** Where `plan --queue` runs its units: realization batches, and the attempts of its from-scratch make runs. */
export interface PlanRemote extends PlanCandidateRunner, MakeAttemptRunner {}

export async function planBenchmark(
  options: PlanOptions,
  context: PipelineContext,
  remote?: PlanRemote,
): Promise<PlanResult> {
  const resolved = resolvePlanOptions(options);
  const started = performance.now();
  const checkpoints = createPlanCheckpoints(context.store, context.runId);
  const planPaths =
    resolved.plan?.subtasks.flatMap((subtask) => subtask.sources.map((source) => source.path)) ?? [];
  const { cards, warnings } =
    resolved.cards !== undefined
      ? { cards: resolved.cards, warnings: [] as string[] }
      : await checkpoints.once(PLAN_KEYS.cards(), CardsStepSchema, () =>
          loadDatasetCards([...new Set([...resolved.datasets, ...planPaths])]),
        );
  for (const warning of warnings) context.log.warn(warning);
  const plan = await buildPlan({
    resolved,
    cards,
    checkpoints,
    planner: context.resolveModel(resolved.model),
    log: context.log,
    signal: context.signal,
  });
  const book = await PlanBook.open(context.store, context.runId, resolved.duplicateThreshold);
  const shortfalls = new Map<string, { missing: number; reason: string | undefined }>();
  let stopReason: string | undefined;
  if (!resolved.planOnly)
    stopReason = await execute({ resolved, plan, cards, book, context, shortfalls, remote });
  const items = book.accepted;
  const report = buildPlanReport({
    plan,
    tried: book.tried(),
    repaired: items.flatMap((item) => repairedOf(item)),
    shortfalls,
    stopReason,
    warnings,
    calls: await context.store.callStats(context.runId),
    elapsedMs: performance.now() - started,
    acceptedThisSession: items.length - book.resumedAccepted,
  });
  return { items, plan, report };
}

async function execute(options: {
  resolved: ReturnType<typeof resolvePlanOptions>;
  plan: PlanDocument;
  cards: readonly DatasetCard[];
  book: PlanBook;
  context: PipelineContext;
  shortfalls: Map<string, { missing: number; reason: string | undefined }>;
  remote: PlanRemote | undefined;
}): Promise<string | undefined> {
  const { resolved, plan, book, context } = options;
  const cards = new Map(options.cards.map((card) => [card.id, card]));
  const rows = new SourceRows(cards, context.rng.fork("rows"));
  rows.markTaken(book.takenKeys());
  const checkpoints = createPlanCheckpoints(context.store, context.runId);
  const base = { context, book, rows, cards, options: resolved };
  const executor = context.resolveModel(resolved.executor);
  const verifier = context.resolveModel(resolved.verifier);
  const corpus = lazyCorpus(resolved.docs);
  context.progress.start("plan: items", plan.size);
  if (book.resumedAccepted > 0) context.progress.advance(book.resumedAccepted, "resumed");
  let offset = 0;
  let stopped: string | undefined;
  for (const [index, subtask] of plan.subtasks.entries()) {
    if (stopped !== undefined) {
      const missing = subtask.quota - book.acceptedCount(offset, subtask.quota);
      if (missing > 0) options.shortfalls.set(subtask.name, { missing, reason: `not finished: ${stopped}` });
      offset += subtask.quota;
      continue;
    }
    const env: ExecutionEnv = {
      ...base,
      executor,
      verifier,
      remote: options.remote,
      scratch: async (count, taken) => {
        const passages = await retrievePassages({
          checkpoints,
          corpus,
          subtask,
          index,
          signal: context.signal,
        });
        const request = {
          context,
          checkpoints,
          subtaskIndex: index,
          subtask,
          generator: resolved.executor,
          passages,
          optionCount: resolved.optionCount,
          concurrency: resolved.concurrency,
          seed: resolved.seed,
          scratch: resolved.scratch,
          remote: options.remote,
        };
        return writeFromScratch(request, count, taken);
      },
    };
    const outcome = await executeSubtask(env, subtask, offset);
    if (outcome.missing > 0)
      options.shortfalls.set(subtask.name, { missing: outcome.missing, reason: outcome.reason });
    stopped = outcome.stopped;
    offset += subtask.quota;
  }
  const accepted = book.accepted.length;
  context.progress.finish(`${accepted} accepted, ${book.tried().length - accepted} rejected`);
  return stopped;
}

function repairedOf(item: Item): string[] {
  const qc = item.metadata?.qc as { repaired?: unknown } | undefined;
  return Array.isArray(qc?.repaired)
    ? qc.repaired.filter((check): check is string => typeof check === "string")
    : [];
}
