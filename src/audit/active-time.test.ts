import { describe, expect, it } from "vitest";
import { activeTime, IDLE_GAP_MS } from "./active-time.js";

const second = 1000;

describe("activeTime", () => {
  it("merges overlapping and close calls, and leaves out a gap longer than the threshold", () => {
    const calls = [
      { endMs: 10 * second, latencyMs: 10 * second }, // 0-10 s
      { endMs: 15 * second, latencyMs: 8 * second }, // 7-15 s, overlaps (concurrency)
      { endMs: 60 * second, latencyMs: 5 * second }, // 55-60 s: a 40 s gap of pipeline work, kept
      // the process died; --resume two hours later
      { endMs: 7200 * second, latencyMs: 30 * second }, // 7170-7200 s: gap 7110 s > 5 min, idle
      { endMs: 7220 * second, latencyMs: 10 * second }, // 7210-7220 s
    ];
    // spans 0-60 s and 7170-7220 s: 60 + 50 = 110 s active, 7110 s idle
    expect(activeTime(calls)).toEqual({ activeMs: 110 * second, idleMs: 7110 * second, sessions: 2 });
  });

  it("the threshold decides: the same calls with a 3-hour rule are one session", () => {
    const calls = [
      { endMs: 10 * second, latencyMs: 10 * second },
      { endMs: 7200 * second, latencyMs: 30 * second },
    ];
    expect(activeTime(calls, 3 * 3600 * second)).toEqual({ activeMs: 7200 * second, idleMs: 0, sessions: 1 });
    expect(activeTime(calls, IDLE_GAP_MS).activeMs).toBe(40 * second);
  });

  it("no calls is no time, and unparseable timestamps are skipped", () => {
    expect(activeTime([])).toEqual({ activeMs: 0, idleMs: 0, sessions: 0 });
    expect(
      activeTime([
        { endMs: Number.NaN, latencyMs: 5 },
        { endMs: 100, latencyMs: 40 },
      ]).activeMs,
    ).toBe(40);
  });
});
