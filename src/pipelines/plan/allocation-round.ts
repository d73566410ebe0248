import type { DatasetCard } from "../../sources/dataset-cards/index.js";
import {
  type AllocationRequest,
  allocateSources,
  type SubtaskAllocation,
  standaloneSupply,
} from "./allocate-sources.js";
import type { DiagnosedSubtask } from "./diagnose-allocation.js";
import type { GroundedSubtask } from "./ground-subtask.js";
import type { PlannedSource, PlannedSubtask } from "./plan-document.js";
import { segmentsOf, supplyOfSegments } from "./source-segments.js";

/** What one allocation round needs besides the subtasks and quotas. */
export interface RoundSettings {
  cards: ReadonlyMap<string, DatasetCard>;
  capShare: number;
  fromScratch: "auto" | "never" | "only";
}

/** The sources the allocation may use: none when every item is written from scratch. */
export function sourcesOf(entry: GroundedSubtask, options: RoundSettings): PlannedSource[] {
  return options.fromScratch === "only" ? [] : entry.grounding.kept;
}

/** One allocation over the current subtasks and quotas, with what the diagnosis needs. */
export function allocateOnce(
  entries: readonly GroundedSubtask[],
  quotas: readonly number[],
  order: readonly number[] | undefined,
  options: RoundSettings,
) {
  const segmentsFor = (source: PlannedSource) => segmentsOf(source, options.cards.get(source.card));
  const requests: AllocationRequest[] = entries.map((entry, index) => ({
    quota: quotas[index] ?? 0,
    sources: sourcesOf(entry, options).map((source) => ({
      segments: segmentsFor(source).map((segment) => segment.key),
    })),
  }));
  const supply = supplyOfSegments(entries.flatMap((entry) => sourcesOf(entry, options).flatMap(segmentsFor)));
  const allocations = allocateSources({ requests, supply, capShare: options.capShare, order });
  const diagnosed: DiagnosedSubtask[] = entries.map((entry, index) => ({
    name: entry.subtask.name,
    quota: quotas[index] ?? 0,
    sources: sourcesOf(entry, options),
    allocation: allocations[index] as SubtaskAllocation,
    standalone: standaloneSupply(requests[index] as AllocationRequest, supply),
  }));
  const short = allocations.flatMap((allocation, index) => (allocation.remainder > 0 ? [index] : []));
  return { diagnosed, short };
}

/** A subtask as the plan shows it: its quota, every source with its allocation, and what is written from scratch. */
export function planned(
  entry: GroundedSubtask,
  quota: number,
  allocation: SubtaskAllocation | undefined,
  options: RoundSettings,
): PlannedSubtask {
  const sources = sourcesOf(entry, options).map((source, position) => ({
    ...source,
    allocated: allocation?.allocated[position] ?? 0,
  }));
  return {
    ...entry.subtask,
    quota,
    sources,
    scratch: options.fromScratch === "never" ? 0 : (allocation?.remainder ?? quota),
    ...(entry.grounding.dropped.length > 0 ? { dropped: entry.grounding.dropped } : {}),
  };
}
