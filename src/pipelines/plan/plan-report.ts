import type { CandidateTrace } from "./plan-book.js";
import type { Diagnosis, PlanDocument, ScoreComponents, Scoring, SourceFilter } from "./plan-document.js";
import { tallyReasons } from "./tally-reasons.js";

type Tried = ReadonlyArray<{ trace: CandidateTrace; status: "accepted" | "rejected"; reason?: string }>;

export interface SourceReport {
  dataset: string;
  card: string;
  filter: SourceFilter | undefined;
  score: number;
  components: ScoreComponents;
  transformation: string;
  planned: number;
  realized: number;
  tried: number;
}

export interface SubtaskReport {
  name: string;
  answerType: string;
  importance: number;
  quota: number;
  realized: number;
  fromSources: number;
  fromScratch: number;
  rejected: number;
  sources: SourceReport[];
  scratch: { planned: number; realized: number; tried: number };
  /** Items still missing, and why (a short subtask). */
  missing: number;
  reason: string | undefined;
}

/** The plan report: what was planned, what was realized, and the QC verdicts (plan-report JSON). */
export interface PlanReport {
  query: string;
  size: number;
  delivered: number;
  status: "completed" | "stopped";
  stopReason: string | undefined;
  formula: string;
  scoring: Scoring;
  subtasks: SubtaskReport[];
  qc: {
    candidates: number;
    accepted: number;
    rejectedByReason: Record<string, number>;
    repairedByCheck: Record<string, number>;
  };
  diagnoses: Diagnosis[];
  notes: string[];
  warnings: string[];
  /** Share of delivered items realized from source rows vs written from scratch. */
  share: { fromSources: number; fromScratch: number };
  calls: {
    calls: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number | undefined;
    perAcceptedItem: number | undefined;
  };
  elapsedMs: number;
  itemsPerMinute: number | undefined;
}

/** Planned vs realized per subtask and source, with rejection counts by reason. */
export function buildPlanReport(options: {
  plan: PlanDocument;
  tried: Tried;
  repaired: readonly string[];
  shortfalls: ReadonlyMap<string, { missing: number; reason: string | undefined }>;
  stopReason: string | undefined;
  warnings: readonly string[];
  calls: { calls: number; inputTokens: number; outputTokens: number; costUsd: number | undefined };
  elapsedMs: number;
  acceptedThisSession: number;
}): PlanReport {
  const { plan, tried } = options;
  const subtasks = plan.subtasks.map((subtask): SubtaskReport => {
    const mine = tried.filter((entry) => entry.trace.subtask === subtask.name);
    const accepted = mine.filter((entry) => entry.status === "accepted");
    const scratch = mine.filter((entry) => entry.trace.origin === "scratch");
    const shortfall = options.shortfalls.get(subtask.name);
    return {
      name: subtask.name,
      answerType: subtask.answerType,
      importance: subtask.importance,
      quota: subtask.quota,
      realized: accepted.length,
      fromSources: accepted.filter((entry) => entry.trace.origin === "source").length,
      fromScratch: accepted.filter((entry) => entry.trace.origin === "scratch").length,
      rejected: mine.length - accepted.length,
      sources: subtask.sources.map((source) => {
        const fromIt = mine.filter((entry) => entry.trace.card === source.card);
        return {
          dataset: source.dataset,
          card: source.card,
          filter: source.filter,
          score: source.score,
          components: source.components,
          transformation: source.transformation.kind,
          planned: source.allocated,
          realized: fromIt.filter((entry) => entry.status === "accepted").length,
          tried: fromIt.length,
        };
      }),
      scratch: {
        planned: subtask.scratch,
        realized: scratch.filter((entry) => entry.status === "accepted").length,
        tried: scratch.length,
      },
      missing: shortfall?.missing ?? Math.max(0, subtask.quota - accepted.length),
      reason: shortfall?.reason,
    };
  });
  const delivered = subtasks.reduce((sum, subtask) => sum + subtask.realized, 0);
  const fromScratch = subtasks.reduce((sum, subtask) => sum + subtask.fromScratch, 0);
  const repairedByCheck: Record<string, number> = {};
  for (const check of options.repaired) repairedByCheck[check] = (repairedByCheck[check] ?? 0) + 1;
  const minutes = options.elapsedMs / 60_000;
  return {
    query: plan.query,
    size: plan.size,
    delivered,
    status: delivered >= plan.size ? "completed" : "stopped",
    stopReason: options.stopReason,
    formula: plan.formula ?? "",
    scoring: plan.scoring,
    subtasks,
    qc: {
      candidates: tried.length,
      accepted: delivered,
      rejectedByReason: tallyReasons(
        tried.flatMap((entry) => (entry.status === "rejected" && entry.reason ? [entry.reason] : [])),
      ),
      repairedByCheck,
    },
    diagnoses: plan.diagnoses,
    notes: plan.notes,
    warnings: [...options.warnings],
    share:
      delivered === 0
        ? { fromSources: 0, fromScratch: 0 }
        : { fromSources: (delivered - fromScratch) / delivered, fromScratch: fromScratch / delivered },
    calls: { ...options.calls, perAcceptedItem: delivered > 0 ? options.calls.calls / delivered : undefined },
    elapsedMs: Math.round(options.elapsedMs),
    itemsPerMinute:
      minutes > 0 && options.acceptedThisSession > 0 ? options.acceptedThisSession / minutes : undefined,
  };
}
