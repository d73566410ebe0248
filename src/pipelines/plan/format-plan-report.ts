import { formatTable } from "../../evaluate/format-leaderboard.js";
import type { PlanReport } from "./plan-report.js";

const counts = (tally: Record<string, number>): string =>
  Object.entries(tally)
    .map(([code, count]) => `${code} ${count}`)
    .join(", ") || "none";

/** At most three values, then how many more (the report JSON and the plan list them all). */
const shortList = (values: readonly string[]): string =>
  values.length <= 3 ? values.join(", ") : `${values.slice(0, 3).join(", ")} +${values.length - 3} more`;

/**
 * The plan report as terminal lines: quotas planned vs realized per subtask, where each subtask's
 * items came from (source, score, planned, realized), QC verdicts by reason, the allocation's
 * diagnoses, and, for a short run, a table of which subtask is short and why.
 */
export function formatPlanReport(report: PlanReport): string[] {
  const lines = [`plan "${report.query}": ${report.delivered} of ${report.size} items (${report.status})`];
  lines.push(
    ...formatTable(
      ["subtask", "type", "quota", "realized", "from sources", "from scratch", "rejected"],
      report.subtasks.map((subtask) => [
        subtask.name,
        subtask.answerType,
        String(subtask.quota),
        String(subtask.realized),
        String(subtask.fromSources),
        String(subtask.fromScratch),
        String(subtask.rejected),
      ]),
    ),
  );
  lines.push("", `sources (${report.formula})`);
  const rows = report.subtasks.flatMap((subtask) => [
    ...subtask.sources.map((source) => [
      subtask.name,
      `${source.dataset}${source.filter ? ` [${source.filter.field}: ${shortList(source.filter.values)}]` : ""}`,
      source.score.toFixed(3),
      source.transformation,
      String(source.planned),
      String(source.realized),
      String(source.tried),
    ]),
    ...(subtask.scratch.planned > 0 || subtask.scratch.tried > 0
      ? [
          [
            subtask.name,
            "(from scratch: make)",
            "-",
            "generate",
            String(subtask.scratch.planned),
            String(subtask.scratch.realized),
            String(subtask.scratch.tried),
          ],
        ]
      : []),
  ]);
  lines.push(
    ...formatTable(["subtask", "source", "score", "transformation", "planned", "realized", "tried"], rows),
  );
  lines.push(
    "",
    `QC: ${report.qc.candidates} candidates, ${report.qc.accepted} accepted; rejected by reason: ${counts(report.qc.rejectedByReason)}; repaired: ${counts(report.qc.repairedByCheck)}`,
  );
  for (const diagnosis of report.diagnoses)
    lines.push(
      `diagnosis (round ${diagnosis.round}) ${diagnosis.subtask}: ${diagnosis.kind}: ${diagnosis.detail} -> ${diagnosis.action}`,
    );
  for (const note of report.notes) lines.push(`note: ${note}`);
  const short = report.subtasks.filter((subtask) => subtask.missing > 0);
  if (short.length > 0) {
    lines.push("", "short subtasks");
    lines.push(
      ...formatTable(
        ["subtask", "quota", "realized", "missing", "why"],
        short.map((subtask) => [
          subtask.name,
          String(subtask.quota),
          String(subtask.realized),
          String(subtask.missing),
          subtask.reason ?? "-",
        ]),
      ),
    );
  }
  const share = `${(report.share.fromSources * 100).toFixed(0)}% from sources, ${(report.share.fromScratch * 100).toFixed(0)}% from scratch`;
  const perItem = report.calls.perAcceptedItem === undefined ? "-" : report.calls.perAcceptedItem.toFixed(2);
  lines.push(
    "",
    `${share}; calls ${report.calls.calls} (${perItem} per item), ${(report.elapsedMs / 1000).toFixed(1)} s`,
  );
  return lines;
}
