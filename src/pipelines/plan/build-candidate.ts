import type { Item } from "../../core/item.js";
import type { CardRow, DatasetCard } from "../../sources/dataset-cards/index.js";
import type { CandidateTrace, Decision } from "./plan-book.js";
import type { PlannedSource, PlannedSubtask } from "./plan-document.js";
import type { Verdict } from "./qc-checks.js";
import type { ControlOutcome } from "./quality-control.js";

/** Models and ids an item's provenance names. */
export interface CandidateContext {
  subtask: PlannedSubtask;
  executor: string;
  verifier: string;
  seed: number;
}

/** Where a source row lives, for the item's metadata (dataset, file, row position and the row's own id). */
function sourceOf(
  source: PlannedSource,
  card: DatasetCard | undefined,
  row: CardRow,
  base: Item | undefined,
) {
  const field = source.filter?.field ?? card?.categories?.field;
  const value = field === undefined ? undefined : row.values[field];
  return {
    dataset: source.dataset,
    card: source.card,
    path: source.path,
    row: row.index,
    ...(base?.id ? { rowId: base.id } : {}),
    ...(field !== undefined && (typeof value === "string" || typeof value === "number")
      ? { [field]: String(value) }
      : {}),
  };
}

/** One judge verdict per inspection: "pass", or the checks that failed. */
const inspectionVerdicts = (inspections: readonly (readonly Verdict[])[], judge: string) =>
  inspections.map((verdicts) => {
    const failures = verdicts.filter((verdict) => !verdict.pass).map((verdict) => verdict.check);
    return {
      judge: `plan-qc (${judge})`,
      verdict: failures.length === 0 ? "pass" : `fail: ${failures.join(", ")}`,
    };
  });

/** The decision for a source row: the QC'd item with subtask, source row, transformation and verdicts. */
export function rowDecision(options: {
  context: CandidateContext;
  source: PlannedSource;
  card: DatasetCard | undefined;
  row: CardRow;
  base: Item | undefined;
  outcome: ControlOutcome | { status: "rejected"; reason: string; item: undefined };
}): Decision {
  const { context, source, row, outcome } = options;
  const trace: CandidateTrace = {
    subtask: context.subtask.name,
    origin: "source",
    key: `${source.card}#${row.index}`,
    card: source.card,
  };
  const origin = {
    source: sourceOf(source, options.card, row, options.base),
    transformation: source.transformation.kind,
  };
  if (outcome.item === undefined)
    return {
      trace,
      status: "rejected",
      reason: outcome.reason,
      item: {
        id: `${source.card}-row-${row.index}`,
        metadata: { subtask: context.subtask.name, ...origin, trace },
      },
    };
  return finish(
    context,
    trace,
    outcome,
    origin,
    "realize",
    source.transformation.kind === "as-is" ? undefined : context.executor,
  );
}

/** The decision for an item make wrote from scratch: make's provenance kept, plan's added. */
export function scratchDecision(context: CandidateContext, runId: string, outcome: ControlOutcome): Decision {
  const trace: CandidateTrace = {
    subtask: context.subtask.name,
    origin: "scratch",
    key: `${runId}/${outcome.item.id}`,
  };
  return finish(
    context,
    trace,
    outcome,
    { make: { run: runId, item: outcome.item.id }, transformation: "from-scratch" },
    "scratch",
    context.executor,
  );
}

function finish(
  context: CandidateContext,
  trace: CandidateTrace,
  outcome: ControlOutcome,
  origin: Record<string, unknown>,
  step: string,
  model: string | undefined,
): Decision {
  const { item } = outcome;
  const last = outcome.inspections.at(-1) ?? [];
  const metadata = {
    ...item.metadata,
    ...(item.category !== undefined ? { sourceCategory: item.category } : {}),
    subtask: context.subtask.name,
    origin: trace.origin,
    ...origin,
    qc: {
      checks: last.filter((verdict) => verdict.pass).map((verdict) => verdict.check),
      failed: last.filter((verdict) => !verdict.pass).map((verdict) => `${verdict.check}: ${verdict.note}`),
      inspections: outcome.inspections.length,
      repaired: outcome.repaired,
    },
    trace,
  };
  const provenance = {
    ...item.provenance,
    pipeline: "plan",
    step:
      item.provenance?.pipeline === "make" ? `${step} (make: ${item.provenance.step ?? "generate"})` : step,
    ...(model !== undefined ? { model } : {}),
    attributes: { ...item.provenance?.attributes, subtask: context.subtask.name },
    judgeVerdicts: [
      ...(item.provenance?.judgeVerdicts ?? []),
      ...inspectionVerdicts(outcome.inspections, context.verifier),
    ],
    seed: context.seed,
  };
  const built = { ...item, category: context.subtask.name, metadata, provenance };
  return { trace, status: outcome.status, reason: outcome.reason, item: built };
}
