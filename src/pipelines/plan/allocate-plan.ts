import type { DatasetCard } from "../../sources/dataset-cards/index.js";
import { allocateOnce, planned } from "./allocation-round.js";
import {
  type DiagnosedSubtask,
  diagnoseAllocation,
  moveDeficits,
  shortfallKind,
} from "./diagnose-allocation.js";
import type { GroundedSubtask } from "./ground-subtask.js";
import type { Diagnosis, PlannedSubtask, Subtask } from "./plan-document.js";
import { splitQuotas } from "./split-quotas.js";

/** Revises subtasks whose sources hold too few rows: one entry per subtask (undefined: keep it). */
export type Redesign = (
  short: ReadonlyArray<{ subtask: Subtask; detail: string }>,
  round: number,
) => Promise<Array<GroundedSubtask | undefined>>;

export interface AllocatePlanOptions {
  subtasks: readonly GroundedSubtask[];
  size: number;
  cards: ReadonlyMap<string, DatasetCard>;
  capShare: number;
  fromScratch: "auto" | "never" | "only";
  /** Rounds of diagnosis and re-allocation after the first allocation (at most 3). */
  rounds: number;
  redesign?: Redesign | undefined;
}

export interface PlanAllocation {
  subtasks: PlannedSubtask[];
  diagnoses: Diagnosis[];
}

/**
 * Importance -> integer quotas summing to `size`, then the two-phase greedy over each subtask's
 * sources. With fromScratch "never" a short subtask is diagnosed and re-allocated, at most `rounds`
 * times: "ordering" (an earlier subtask took rows it needs) -> it is served first; "insufficient
 * supply" -> back to design for a revised subtask. Still short, its deficit moves to subtasks with
 * spare rows. Otherwise what sources cannot give is written from scratch.
 */
export async function allocatePlan(options: AllocatePlanOptions): Promise<PlanAllocation> {
  let entries = [...options.subtasks];
  const quotas = splitQuotas(
    entries.map((entry) => entry.subtask.importance),
    options.size,
  );
  const diagnoses: Diagnosis[] = [];
  let order: number[] | undefined;
  let state = allocateOnce(entries, quotas, order, options);
  let round = 0;
  while (options.fromScratch === "never" && state.short.length > 0 && round < options.rounds) {
    round++;
    const byKind = (kind: string) =>
      state.short.filter((index) => shortfallKind(state.diagnosed[index] as DiagnosedSubtask) === kind);
    const ordering = byKind("ordering");
    const insufficient = byKind("insufficient-supply");
    const current = state;
    for (const index of ordering)
      diagnoses.push(
        entryDiagnosis(round, current.diagnosed[index], "ordering", "served first in the next allocation"),
      );
    order = [...ordering, ...entries.map((_, index) => index).filter((index) => !ordering.includes(index))];
    let revised = false;
    if (insufficient.length > 0 && options.redesign !== undefined) {
      const replies = await options.redesign(
        insufficient.map((index) => ({
          subtask: (entries[index] as GroundedSubtask).subtask,
          detail: detailOf(current.diagnosed[index]),
        })),
        round,
      );
      for (const [position, index] of insufficient.entries()) {
        const replacement = replies[position];
        diagnoses.push(
          entryDiagnosis(
            round,
            current.diagnosed[index],
            "insufficient-supply",
            replacement ? "sent back to design" : "design could not revise it",
          ),
        );
        if (replacement === undefined) continue;
        entries = entries.map((entry, at) => (at === index ? replacement : entry));
        revised = true;
      }
    }
    if (ordering.length === 0 && !revised) break;
    state = allocateOnce(entries, quotas, order, options);
  }
  if (options.fromScratch === "never" && state.short.length > 0) {
    const moves = moveDeficits({
      quotas,
      subtasks: state.diagnosed.map((subtask, index) => ({
        name: subtask.name,
        importance: entries[index]?.subtask.importance ?? 1,
        allocation: subtask.allocation,
      })),
      round: round + 1,
    });
    diagnoses.push(...moves);
    if (moves.length > 0) state = allocateOnce(entries, quotas, order, options);
  }
  diagnoses.push(
    ...diagnoseAllocation({ subtasks: state.diagnosed, round: round + 1, fromScratch: options.fromScratch }),
  );
  return {
    subtasks: entries.map((entry, index) =>
      planned(entry, quotas[index] ?? 0, state.diagnosed[index]?.allocation, options),
    ),
    diagnoses,
  };
}

function detailOf(subtask: DiagnosedSubtask | undefined): string {
  return `its sources hold ${subtask?.standalone ?? 0} rows for a quota of ${subtask?.quota ?? 0}`;
}

function entryDiagnosis(
  round: number,
  subtask: DiagnosedSubtask | undefined,
  kind: Diagnosis["kind"],
  action: string,
): Diagnosis {
  const detail =
    kind === "ordering"
      ? `its sources hold ${subtask?.standalone ?? 0} rows, but earlier subtasks took ${subtask?.allocation.remainder ?? 0} it needs`
      : detailOf(subtask);
  return { round, subtask: subtask?.name ?? "?", kind, detail, action };
}
