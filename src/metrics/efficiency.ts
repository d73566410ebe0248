import { defineCriterion, formatNumber } from "./define-criterion.js";
import type { CriterionValue, RunAccounting } from "./types.js";

/** How the audit accounted the run, beside RunAccounting's totals (absent when nobody reported it). */
export interface RunAccountingDetails {
  /** Of `calls`, served from the response cache (paid for by another run), counted at their original numbers. */
  cachedCalls: number;
  /** What the calls served from the cache cost when they were made; undefined when any is unpriced. */
  cachedCostUsd: number | undefined;
  /** Calls without a known price; when > 0 the run's cost is unknown. */
  unpricedCalls: number;
  /** Idle time left out of elapsedMs, and the rule that found it. */
  idleExcludedMs: number;
  idleGapMs: number;
}

/** $/item and minutes/item; undefined where the run did not record it (unknown prices stay unknown). */
export function perItemCost(run: RunAccounting): {
  dollarsPerItem: number | undefined;
  minutesPerItem: number | undefined;
} {
  if (run.items <= 0 || run.calls <= 0) return { dollarsPerItem: undefined, minutesPerItem: undefined };
  return {
    dollarsPerItem: run.costUsd === undefined ? undefined : run.costUsd / run.items,
    minutesPerItem: run.elapsedMs === undefined ? undefined : run.elapsedMs / 60_000 / run.items,
  };
}

export const efficiency = defineCriterion({
  id: "efficiency",
  description: "Dollars and minutes per accepted item, from the calls the generating run used",
  higherIsBetter: false,
  needs: ["run"],
  compute({ run }): CriterionValue {
    const details: RunAccounting & Partial<RunAccountingDetails> = run;
    const used = `run ${run.runId}`;
    if (run.items <= 0)
      return { value: undefined, display: `n/a — run ${run.runId} has no accepted items`, notes: "", used };
    if (run.calls <= 0) {
      const why = details.cachedCalls === undefined ? "" : " of its own and was served none from the cache";
      return {
        value: undefined,
        display: `n/a — run ${run.runId} recorded no LLM calls${why}`,
        notes: "",
        used,
      };
    }
    const { dollarsPerItem, minutesPerItem } = perItemCost(run);
    const minutes = minutesPerItem === undefined ? "time n/a" : `${formatNumber(minutesPerItem, 2)} min/item`;
    const display =
      dollarsPerItem === undefined
        ? `n/a — no price for ${details.unpricedCalls ?? "some"} of ${run.calls} calls; ${minutes}`
        : `$${formatNumber(dollarsPerItem, 4)}/item, ${minutes}`;
    return { value: dollarsPerItem, display, notes: accountingNotes(details), used };
  },
});

function accountingNotes(run: RunAccounting & Partial<RunAccountingDetails>): string {
  const notes = [`${run.calls} LLM calls for ${run.items} items`];
  if (run.cachedCalls !== undefined) notes.push(cachedNote(run.cachedCalls, run.cachedCostUsd));
  if (run.elapsedMs !== undefined && run.idleGapMs !== undefined) {
    notes.push(
      `active ${formatNumber(run.elapsedMs / 60_000, 1)} min: call spans merged, gaps over ` +
        `${formatNumber(run.idleGapMs / 60_000, 0)} min with no call in flight excluded ` +
        `(${formatNumber((run.idleExcludedMs ?? 0) / 60_000, 1)} min idle)`,
    );
  }
  return notes.join("; ");
}

function cachedNote(cachedCalls: number, cachedCostUsd: number | undefined): string {
  if (cachedCalls === 0) return "none served from the cache";
  const cost = cachedCostUsd === undefined ? "original cost unknown" : `$${formatNumber(cachedCostUsd, 4)}`;
  return `${cachedCalls} served from the cache (paid for by another run: ${cost}), counted at their original cost and latency`;
}
