/** One call on the clock: when it finished and how long it took. */
export interface TimedCall {
  endMs: number;
  latencyMs: number;
}

export interface ActiveTime {
  /** Length of the merged working spans. */
  activeMs: number;
  /** Gaps longer than the threshold with no call in flight, left out. */
  idleMs: number;
  /** Working spans after merging (1 for a run that never paused). */
  sessions: number;
}

/** A gap with no call in flight longer than this is idle (a crash before --resume, a closed laptop). */
export const IDLE_GAP_MS = 5 * 60_000;

/**
 * Active time of a set of calls: each call covers [end - latency, end]; spans closer than
 * `idleGapMs` are merged (the time between them is the pipeline's own work); longer gaps are idle
 * and excluded. Concurrent calls overlap, so this is wall time, not summed latency.
 */
export function activeTime(calls: readonly TimedCall[], idleGapMs: number = IDLE_GAP_MS): ActiveTime {
  const spans = calls
    .filter((call) => Number.isFinite(call.endMs))
    .map((call) => ({ start: call.endMs - Math.max(0, call.latencyMs || 0), end: call.endMs }))
    .sort((a, b) => a.start - b.start);
  const first = spans[0];
  if (first === undefined) return { activeMs: 0, idleMs: 0, sessions: 0 };
  let activeMs = 0;
  let idleMs = 0;
  let sessions = 1;
  let current = { ...first };
  for (const span of spans.slice(1)) {
    const gap = span.start - current.end;
    if (gap <= idleGapMs) {
      current.end = Math.max(current.end, span.end);
      continue;
    }
    activeMs += current.end - current.start;
    idleMs += gap;
    sessions++;
    current = { ...span };
  }
  activeMs += current.end - current.start;
  return { activeMs, idleMs, sessions };
}
