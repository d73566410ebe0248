import type { ItemStatus, PlanDocument } from "../index.js";
// Not yet exported from src/index.ts (see the report's edit list); the tally plan's own report uses.
import { tallyReasons } from "../pipelines/plan/tally-reasons.js";
import type { PlanSection } from "./report-sections.js";

/** A plan run as stored: its plan, and every committed candidate's slot, verdict and reason. */
export interface PlanInput {
  plan: PlanDocument;
  candidates: ReadonlyArray<{ slot: number; status: ItemStatus; reason: string | undefined }>;
}

/**
 * The plan page's section. Subtask i owns slots [sum of earlier quotas, + its quota), as plan commits
 * them, so a candidate's subtask is read from its slot; realized counts distinct accepted slots.
 */
export function planSection(input: PlanInput): PlanSection {
  const { plan, candidates } = input;
  let offset = 0;
  const subtasks = plan.subtasks.map((subtask) => {
    const start = offset;
    offset += subtask.quota;
    const mine = candidates.filter((entry) => entry.slot >= start && entry.slot < start + subtask.quota);
    const accepted = new Set(mine.filter((entry) => entry.status === "accepted").map((entry) => entry.slot));
    return {
      name: subtask.name,
      answerType: subtask.answerType,
      quota: subtask.quota,
      fromSources: subtask.sources.reduce((sum, source) => sum + source.allocated, 0),
      fromScratch: subtask.scratch,
      realized: accepted.size,
      rejected: mine.filter((entry) => entry.status === "rejected").length,
      sources: subtask.sources.map((source) => source.dataset),
    };
  });
  const delivered = subtasks.reduce((sum, subtask) => sum + subtask.realized, 0);
  return {
    query: plan.query,
    size: plan.size,
    delivered,
    subtasks,
    qc: {
      candidates: candidates.length,
      accepted: delivered,
      rejectedByReason: Object.entries(
        tallyReasons(
          candidates.flatMap((entry) => (entry.status === "rejected" && entry.reason ? [entry.reason] : [])),
        ),
      ).map(([reason, count]) => ({ reason, count })),
    },
    diagnoses: plan.diagnoses.map(({ subtask, kind, detail, action }) => ({ subtask, kind, detail, action })),
  };
}
