import { z } from "zod";
import { type PipelineContext, silentProgress } from "../../core/context.js";
import { StoredDataError } from "../../core/errors.js";
import { type Item, ItemSchema } from "../../core/item.js";
import type { Passage } from "../../sources/source.js";
import {
  type MakeAttemptRunner,
  type MakeOptions,
  type MakeRunSpec,
  MakeRunSpecSchema,
  makeBenchmark,
} from "../make/index.js";
import { PLAN_KEYS, type PlanCheckpoints } from "./checkpoint.js";
import type { ScratchOptions } from "./options.js";
import type { Subtask } from "./plan-document.js";

/** A child make run of the plan, as its checkpoint records it. */
export const ScratchRunSchema = z.object({
  runId: z.string(),
  count: z.number().int(),
  /** Make returned (completed or short); false while it may still be resumed (crash, budget, Ctrl-C). */
  done: z.boolean(),
  stopReason: z.string().optional(),
});
const ScratchRunsSchema = z.array(ScratchRunSchema);

/** What one request for items written from scratch gave. */
export interface ScratchBatch {
  items: ScratchItem[];
  /** Budget or Ctrl-C stopped make: the plan stops too (its child resumes with the plan). */
  stopReason: string | undefined;
  /** Why make gave fewer items than asked (its own stop reason), when it did. */
  shortReason?: string;
}

/** An item make wrote for a subtask, with the child run it came from. */
export interface ScratchItem {
  item: Item;
  runId: string;
}

export interface ScratchRequest {
  context: PipelineContext;
  checkpoints: PlanCheckpoints;
  subtaskIndex: number;
  subtask: Subtask;
  generator: string;
  passages: readonly Passage[];
  optionCount: 4 | 10;
  concurrency: number;
  seed: number;
  scratch: ScratchOptions | undefined;
  /** `plan --queue`: the child make runs' attempts run on queue workers. */
  remote?: MakeAttemptRunner | undefined;
}

/** The demand make is given: the subtask, grounded on `--docs` passages when there are some. */
export function scratchDemand(subtask: Subtask, passages: readonly Passage[]): string {
  const base = `${subtask.name}: ${subtask.description}`;
  if (passages.length === 0) return base;
  const quoted = passages.map(
    (passage) => `[${passage.id}] ${passage.text.replace(/\s+/g, " ").slice(0, 600)}`,
  );
  return `${base}\nWrite every question from these passages (an expert answers it without them):\n${quoted.join("\n")}`;
}

async function runChild(request: ScratchRequest, runId: string, options: MakeOptions) {
  const { context } = request;
  // A child stopped with its plan (budget, Ctrl-C) runs again with it: queue workers skip a run that is not.
  await context.store.updateRun(runId, { status: "running" });
  const result = await makeBenchmark(
    options,
    {
      ...context,
      runId,
      progress: silentProgress,
      rng: context.rng.fork(`scratch:${runId}`),
    },
    request.remote,
  );
  await context.store.updateRun(runId, { status: result.stats.status, summary: { ...result.stats } });
  return result;
}

/**
 * Items written from scratch for a subtask by make's generator, in child make runs of the plan (so
 * make's own bookkeeping and resume hold). Items of earlier children not yet `taken` are handed out
 * first; a new child is created only for what they cannot give, and recorded in the plan's
 * checkpoint before it runs, so a resumed plan resumes the same child.
 */
export async function writeFromScratch(
  request: ScratchRequest,
  count: number,
  taken: ReadonlySet<string>,
): Promise<ScratchBatch> {
  const { context, checkpoints } = request;
  const key = PLAN_KEYS.scratchRuns(request.subtaskIndex);
  const runs = (await checkpoints.read(key, ScratchRunsSchema)) ?? [];
  const items: ScratchItem[] = [];
  let stopReason: string | undefined;
  const collect = async (runId: string): Promise<void> => {
    const stored = await context.store.listItems(runId, { status: "accepted" });
    const parsed = stored.sort((a, b) => a.slot - b.slot).map((entry) => ItemSchema.safeParse(entry.item));
    for (const entry of parsed)
      if (entry.success && !taken.has(`${runId}/${entry.data.id}`)) items.push({ item: entry.data, runId });
  };
  const finish = async (index: number, options: MakeOptions): Promise<void> => {
    const run = runs[index] as z.infer<typeof ScratchRunSchema>;
    const result = await runChild(request, run.runId, options);
    const reason = result.stats.stopReason;
    const resumable = reason !== undefined && /^incomplete: .*\((?:budget|aborted)/.test(reason);
    runs[index] = { ...run, done: !resumable, ...(reason ? { stopReason: reason } : {}) };
    await checkpoints.write(key, runs);
    if (resumable) stopReason = reason;
  };
  for (const [index, run] of runs.entries()) {
    if (!run.done) await finish(index, await storedOptions(request, run.runId));
    await collect(run.runId);
  }
  const missing = count - items.length;
  if (missing > 0 && stopReason === undefined) {
    const options = optionsFor(request, missing, runs.length);
    const spec: MakeRunSpec = { options, out: "" };
    const child = await context.store.createRun({
      kind: "make",
      spec: { ...spec, seed: options.seed ?? 0, parentRun: context.runId },
    });
    runs.push({ runId: child.id, count: missing, done: false });
    await checkpoints.write(key, runs);
    await finish(runs.length - 1, options);
    await collect(child.id);
  }
  const short = items.length < count ? runs.at(-1)?.stopReason : undefined;
  return { items: items.slice(0, count), stopReason, ...(short ? { shortReason: short } : {}) };
}

/** A child's options as its run stored them (what a resumed child must run with again). */
async function storedOptions(request: ScratchRequest, runId: string): Promise<MakeOptions> {
  const run = await request.context.store.getRun(runId);
  const parsed = MakeRunSpecSchema.safeParse(run?.spec);
  if (!parsed.success)
    throw new StoredDataError(
      `the spec of make run ${runId} (written from scratch for plan ${request.context.runId})`,
      parsed.error.issues.map((issue) => issue.message),
    );
  return parsed.data.options;
}

function optionsFor(request: ScratchRequest, count: number, wave: number): MakeOptions {
  const { subtask } = request;
  return {
    ...request.scratch,
    demand: scratchDemand(subtask, request.passages),
    count,
    generator: request.generator,
    format: subtask.answerType === "choice" ? "mcq" : "open",
    optionCount: request.optionCount,
    seed: request.seed + 1000 * (request.subtaskIndex + 1) + wave,
    concurrency: request.scratch?.concurrency ?? request.concurrency,
  };
}
