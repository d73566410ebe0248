import type { SubtaskAllocation } from "./allocate-sources.js";
import type { Diagnosis, PlannedSource } from "./plan-document.js";

export interface DiagnosedSubtask {
  name: string;
  quota: number;
  sources: readonly Pick<PlannedSource, "dataset">[];
  allocation: SubtaskAllocation;
  /** Rows its sources hold before any other subtask takes a share. */
  standalone: number;
}

/**
 * Why a subtask is short: "ordering" when its sources hold enough rows on their own (an earlier
 * subtask took some), else "insufficient-supply".
 */
export function shortfallKind(subtask: DiagnosedSubtask): "ordering" | "insufficient-supply" {
  return subtask.standalone >= subtask.quota ? "ordering" : "insufficient-supply";
}

/** The diagnoses of a final allocation: every exhausted source, and every subtask its sources cannot fill. */
export function diagnoseAllocation(options: {
  subtasks: readonly DiagnosedSubtask[];
  round: number;
  fromScratch: "auto" | "never" | "only";
}): Diagnosis[] {
  const diagnoses: Diagnosis[] = [];
  for (const subtask of options.subtasks) {
    const { allocation } = subtask;
    const rest =
      allocation.remainder === 0
        ? "taken from the next sources"
        : options.fromScratch === "never"
          ? "left short"
          : "written from scratch";
    for (const exhausted of allocation.exhausted) {
      diagnoses.push({
        round: options.round,
        subtask: subtask.name,
        kind: "exhausted-source",
        detail: `${subtask.sources[exhausted.source]?.dataset ?? "a source"} ran out: it gave ${exhausted.got} of the ${exhausted.wanted} rows asked of it`,
        action: `the rest ${rest}`,
      });
    }
    if (allocation.remainder > 0 && subtask.sources.length > 0) {
      const given = allocation.allocated.reduce((sum, count) => sum + count, 0);
      diagnoses.push({
        round: options.round,
        subtask: subtask.name,
        kind: shortfallKind(subtask),
        detail: `its sources give ${given} rows for a quota of ${subtask.quota}`,
        action:
          options.fromScratch === "never"
            ? `${allocation.remainder} items short`
            : `${allocation.remainder} written from scratch`,
      });
    }
  }
  return diagnoses;
}

/**
 * Rounds spent with fromScratch "never": each short subtask's deficit moves to subtasks with spare
 * rows (most important first), so the quotas still sum to the size. Mutates `quotas`.
 */
export function moveDeficits(options: {
  quotas: number[];
  subtasks: ReadonlyArray<{ name: string; importance: number; allocation: SubtaskAllocation }>;
  round: number;
}): Diagnosis[] {
  const { quotas, subtasks } = options;
  const spare = subtasks.map((subtask) => subtask.allocation.spare);
  const receivers = subtasks
    .map((subtask, index) => ({ index, importance: subtask.importance }))
    .sort((a, b) => b.importance - a.importance || a.index - b.index);
  const diagnoses: Diagnosis[] = [];
  for (const [index, subtask] of subtasks.entries()) {
    let deficit = subtask.allocation.remainder;
    for (const receiver of receivers) {
      const room = spare[receiver.index] ?? 0;
      if (deficit === 0 || receiver.index === index || room === 0) continue;
      const moved = Math.min(deficit, room);
      quotas[index] = (quotas[index] ?? 0) - moved;
      quotas[receiver.index] = (quotas[receiver.index] ?? 0) + moved;
      spare[receiver.index] = room - moved;
      deficit -= moved;
      diagnoses.push({
        round: options.round,
        subtask: subtask.name,
        kind: "insufficient-supply",
        detail: `no source has rows left for ${moved} items of its quota`,
        action: `moved ${moved} of its quota to "${subtasks[receiver.index]?.name}"`,
      });
    }
  }
  return diagnoses;
}
