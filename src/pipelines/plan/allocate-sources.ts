/** A source as the allocation sees it: the supply segments its rows come from (shared across subtasks). */
export interface SourceSegments {
  /** E.g. "mmlu-test::professional_law"; two sources naming one segment share its rows. */
  segments: readonly string[];
}

export interface AllocationRequest {
  quota: number;
  /** Best first: the greedy serves them in this order. */
  sources: readonly SourceSegments[];
}

/** A source whose supply ran out before the subtask's quota was met: the draw that fell short. */
export interface ExhaustedSource {
  source: number;
  wanted: number;
  got: number;
}

export interface SubtaskAllocation {
  /** Items per source, in the request's source order. */
  allocated: number[];
  /** What no source could give (the quota minus the sum of `allocated`). */
  remainder: number;
  exhausted: ExhaustedSource[];
  /** Rows its sources still hold after every subtask was served (what a larger quota could take). */
  spare: number;
}

/** Remaining rows per segment, drawn down as sources are allocated. */
class SupplyLedger {
  private readonly remaining: Map<string, number>;
  constructor(supply: ReadonlyMap<string, number>) {
    this.remaining = new Map(supply);
  }
  available(source: SourceSegments): number {
    return [...new Set(source.segments)].reduce((sum, key) => sum + (this.remaining.get(key) ?? 0), 0);
  }
  /** Takes up to `count` rows round-robin over the source's segments (spreads items over them). */
  draw(source: SourceSegments, count: number): number {
    const segments = [...new Set(source.segments)];
    let taken = 0;
    while (taken < count) {
      let progressed = false;
      for (const key of segments) {
        if (taken === count) break;
        const left = this.remaining.get(key) ?? 0;
        if (left <= 0) continue;
        this.remaining.set(key, left - 1);
        taken++;
        progressed = true;
      }
      if (!progressed) break;
    }
    return taken;
  }
}

/**
 * Deterministic two-phase greedy allocation of each subtask's quota over its sources: phase 1 gives
 * each source (best first) at most `cap = ceil(capShare * quota)` items, so no single source takes
 * the whole subtask while others can serve; phase 2 tops up from the same order without the cap.
 * Subtasks are served in `order` (default: as given) from one shared supply, so rows two subtasks
 * could both use are counted once. A source whose supply runs out while rows are still wanted is
 * reported exhausted (once, with the draw that fell short).
 */
export function allocateSources(options: {
  requests: readonly AllocationRequest[];
  supply: ReadonlyMap<string, number>;
  capShare: number;
  order?: readonly number[] | undefined;
}): SubtaskAllocation[] {
  const ledger = new SupplyLedger(options.supply);
  const results: SubtaskAllocation[] = options.requests.map((request) => ({
    allocated: request.sources.map(() => 0),
    remainder: request.quota,
    exhausted: [],
    spare: 0,
  }));
  const order = options.order ?? options.requests.map((_, index) => index);
  for (const index of order) {
    const request = options.requests[index];
    const result = results[index];
    if (request === undefined || result === undefined) continue;
    const cap = Math.max(1, Math.ceil(options.capShare * request.quota));
    for (const [position, source] of request.sources.entries()) {
      const wanted = Math.min(cap, result.remainder);
      const got = ledger.draw(source, wanted);
      result.allocated[position] = got;
      result.remainder -= got;
      if (got < wanted) result.exhausted.push({ source: position, wanted, got });
    }
    for (const [position, source] of request.sources.entries()) {
      if (result.remainder === 0) break;
      const wanted = result.remainder;
      const got = ledger.draw(source, wanted);
      result.allocated[position] = (result.allocated[position] ?? 0) + got;
      result.remainder -= got;
      const known = result.exhausted.some((entry) => entry.source === position);
      if (got < wanted && !known) result.exhausted.push({ source: position, wanted, got });
    }
  }
  for (const [index, request] of options.requests.entries()) {
    const result = results[index];
    if (result !== undefined)
      result.spare = ledger.available({ segments: request.sources.flatMap((source) => source.segments) });
  }
  return results;
}

/** Rows a subtask's sources hold on their own, before any other subtask takes a share. */
export function standaloneSupply(request: AllocationRequest, supply: ReadonlyMap<string, number>): number {
  const segments = new Set(request.sources.flatMap((source) => source.segments));
  return [...segments].reduce((sum, key) => sum + (supply.get(key) ?? 0), 0);
}
