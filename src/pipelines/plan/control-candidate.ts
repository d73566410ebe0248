import { z } from "zod";
import { ItemSchema } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { createRng } from "../../core/rng.js";
import type { Candidate } from "./execution-env.js";
import type { PlannedSubtask } from "./plan-document.js";
import { VerdictSchema } from "./qc-checks.js";
import { type ControlOutcome, controlItem } from "./quality-control.js";
import { realizeItem } from "./realize-item.js";

/** What realization and quality control made of one candidate: the QC outcome, or the realization's rejection. */
export type CandidateOutcome = ControlOutcome | { status: "rejected"; reason: string; item: undefined };

/** A candidate outcome as a queue worker stores it (JSON drops `item: undefined`). */
export const CandidateOutcomeSchema = z.union([
  z.object({
    status: z.enum(["accepted", "rejected"]),
    item: ItemSchema,
    reason: z.string().optional(),
    inspections: z.array(z.array(VerdictSchema)),
    repaired: z.array(z.string()),
    responses: z.number().int(),
  }),
  z.object({ status: z.literal("rejected"), reason: z.string() }),
]);

/** The stored outcome back in the pipeline's shape. */
export function candidateOutcomeOf(stored: z.infer<typeof CandidateOutcomeSchema>): CandidateOutcome {
  if (!("item" in stored)) return { status: "rejected", reason: stored.reason, item: undefined };
  return { ...stored, reason: stored.reason };
}

/** The settings realization and QC use, the same for every candidate of a run. */
export interface CandidateSettings {
  /** Model refs: a queue worker resolves them with its own config. */
  executor: string;
  verifier: string;
  maxFixes: number;
  optionCount: 4 | 10;
}

/** The random stream of a source row's realization (distractor order): fixed by the row, not by timing. */
export function realizationStream(candidate: Candidate): string | undefined {
  return "scratch" in candidate ? undefined : `realize:${candidate.source.card}#${candidate.row.index}`;
}

/** Where one subtask's candidate lives in the plan's bookkeeping ("<card>#<row>" or "<make run>/<item id>"). */
export function candidateKey(candidate: Candidate): string {
  return "scratch" in candidate
    ? `${candidate.scratch.runId}/${candidate.scratch.item.id}`
    : `${candidate.source.card}#${candidate.row.index}`;
}

/**
 * Realizes (a source row) and quality-controls one candidate: the work a queue worker does for it, and
 * what runs in-process without --queue. `seed` is the run's (`context.rng.seed`); budget, provider and
 * abort errors propagate.
 */
export async function controlCandidate(options: {
  candidate: Candidate;
  subtask: PlannedSubtask;
  settings: CandidateSettings;
  executor: LanguageModel;
  verifier: LanguageModel;
  seed: number;
  signal: AbortSignal | undefined;
}): Promise<CandidateOutcome> {
  const { candidate, subtask, settings, signal } = options;
  const common = {
    subtask,
    verifier: options.verifier,
    executor: options.executor,
    maxFixes: settings.maxFixes,
    signal,
  };
  if ("scratch" in candidate) {
    const { item, runId } = candidate.scratch;
    const origin = {
      description: `written from scratch by make (run ${runId}, item ${item.id})`,
      answer: undefined,
    };
    return controlItem({ ...common, item, origin });
  }
  const { source, row } = candidate;
  const realized = await realizeItem({
    row,
    cardId: source.card,
    subtask,
    transformation: source.transformation,
    executor: options.executor,
    optionCount: settings.optionCount,
    rng: createRng(options.seed).fork(realizationStream(candidate) ?? ""),
    signal,
  });
  if (!realized.success)
    return { status: "rejected", reason: `${realized.error.check}: ${realized.error.note}`, item: undefined };
  const origin = {
    description: `dataset "${source.dataset}", row ${row.index}`,
    answer: realized.value.sourceAnswer,
  };
  return controlItem({ ...common, item: realized.value.item, origin });
}

/** One wave of a subtask's candidates, as `plan --queue` hands it to the workers. */
export interface CandidateBatchRequest {
  runId: string;
  seed: number;
  subtask: PlannedSubtask;
  settings: CandidateSettings;
  candidates: readonly Candidate[];
  signal: AbortSignal | undefined;
}

/**
 * How a batch ended: outcomes in candidate order; when it stopped early (a spent budget, Ctrl-C, a
 * worker's error), `error` says why and the candidates without an outcome are undefined (as in-process,
 * those that finished are decided).
 */
export interface CandidateBatch {
  outcomes: (CandidateOutcome | undefined)[];
  error?: unknown;
}

/** Where plan's realization batches run when not in this process (`plan --queue`). */
export interface PlanCandidateRunner {
  controlCandidates(request: CandidateBatchRequest): Promise<CandidateBatch>;
}
