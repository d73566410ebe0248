import { formatTextTable } from "../core/text-table.js";
import { ARTIFACT_MARGIN } from "../evaluate/index.js";
import type { AuditReport } from "./audit-options.js";

/** Width the criteria table wraps its notes to when the caller does not know the terminal's. */
export const AUDIT_TABLE_WIDTH = 120;

/**
 * The audit table as aligned text lines (criterion, value, interval/notes, what was used), then sections; the
 * notes and "used" columns wrap so the table fits `width` columns.
 */
export function formatAuditReport(report: AuditReport, width = AUDIT_TABLE_WIDTH): string[] {
  const header = ["criterion", "value", "interval / notes", "used"];
  const body = report.rows.map((row) => [row.criterion, row.display, row.notes, row.used]);
  const lines = formatTextTable(header, body, { wrap: [2, 3], maxWidth: width });
  const out = [
    `audit of ${report.benchmark} (${report.itemCount} items)`,
    ...report.warnings.map((warning) => `warning: ${warning}`),
    "",
    ...lines,
  ];
  if (report.comparisons) {
    out.push("", "model ranks (bootstrap 95%):");
    for (const rank of report.comparisons.ranks)
      out.push(`  ${rank.model}: rank ${rank.rank} [${rank.low}, ${rank.high}]`);
    const pairs = report.comparisons.pairs;
    const significant = pairs.filter((pair) => pair.holmP < 0.05).length;
    out.push(
      "",
      `model pairs (McNemar on shared items; separated = Holm-adjusted exact p < 0.05): ${significant} of ${pairs.length}`,
    );
    const pairHeader = [
      "pair",
      "accuracy difference [95% CI]",
      "exact p",
      "Holm exact p",
      "mid-p (info only, unadjusted)",
    ];
    const pairRows = pairs.map((pair) => [
      `${pair.modelA} vs ${pair.modelB}`,
      `${pair.difference.estimate.toFixed(3)} [${pair.difference.low.toFixed(3)}, ${pair.difference.high.toFixed(3)}]`,
      formatP(pair.exactP),
      formatP(pair.holmP),
      formatP(pair.midP),
    ]);
    if (pairs.length)
      out.push(...formatTextTable(pairHeader, pairRows, { rule: false }).map((line) => `  ${line}`));
  }
  if (report.calibration) {
    const count = (flag: string): number =>
      report.calibration?.items.filter((item) => item.flags.includes(flag as never)).length ?? 0;
    out.push(
      "",
      `IRT calibration (2PL): ${count("non-discriminating")} non-discriminating, ${count("label-suspect")} label-suspect, ${count("no-signal")} answered alike by every model; --prune keeps ${report.calibration.keptIds.length}`,
    );
  }
  out.push("", `leakage: ${report.leakage.length} items overlap a public item`);
  for (const finding of report.leakage.slice(0, 10)) {
    out.push(
      `  ${finding.itemId} ~ ${finding.nearest.source}:${finding.nearest.id} (${(finding.overlap * 100).toFixed(0)}% of 8-grams)`,
    );
  }
  if (report.probes.length) {
    out.push("", "artifact probes:");
    for (const probe of report.probes) {
      out.push(
        `  ${probe.probe}: ${probe.accuracy.toFixed(3)} [${probe.low.toFixed(3)}, ${probe.high.toFixed(3)}] vs chance ${probe.chance.toFixed(3)}${probe.isArtifact ? `  <- answer artifact (CI low > chance + ${ARTIFACT_MARGIN.toFixed(2)})` : ""}`,
      );
    }
  }
  for (const note of report.notes) out.push(`note: ${note}`);
  return out;
}

function formatP(value: number): string {
  return value < 0.001 ? "<0.001" : value.toFixed(3);
}
