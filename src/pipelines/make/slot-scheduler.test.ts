import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { runSlotWindow, type SlotTurn } from "./slot-scheduler.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Work that produces for a seeded random time, then commits once its turn has come. */
function recorder(seed: number) {
  const rng = createRng(seed);
  const delays = new Map<number, number>();
  const log: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const work = async ({ slot, cutoff, turn }: SlotTurn) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    log.push(`start ${slot} after ${cutoff}`);
    if (!delays.has(slot)) delays.set(slot, rng.int(0, 8));
    await sleep(delays.get(slot) ?? 0);
    await turn;
    log.push(`commit ${slot}`);
    inFlight--;
  };
  return { work, log, maxInFlight: () => maxInFlight };
}

const commits = (log: readonly string[]) => log.filter((line) => line.startsWith("commit"));

describe("runSlotWindow", () => {
  it("commits in slot order whatever the timing, with at most `concurrency` slots in flight", async () => {
    for (const seed of [1, 2, 3]) {
      const run = recorder(seed);
      const outcome = await runSlotWindow({ slots: [0, 2, 3, 5, 6, 7], concurrency: 3, work: run.work });
      expect(outcome).toEqual({ aborted: false });
      expect(commits(run.log)).toEqual([
        "commit 0",
        "commit 2",
        "commit 3",
        "commit 5",
        "commit 6",
        "commit 7",
      ]);
      expect(run.maxInFlight()).toBeLessThanOrEqual(3);
    }
  });

  it("starts slot i once every listed slot up to i - c has committed; the cutoff is i - c, whatever is listed", async () => {
    const run = recorder(4);
    await runSlotWindow({ slots: [1, 2, 4, 8], concurrency: 2, work: run.work });
    const starts = run.log.filter((line) => line.startsWith("start")).sort();
    expect(starts).toEqual(["start 1 after -1", "start 2 after 0", "start 4 after 2", "start 8 after 6"]);
    expect(run.log.indexOf("start 4 after 2")).toBeGreaterThan(run.log.indexOf("commit 2"));
    expect(run.log.indexOf("start 8 after 6")).toBeGreaterThan(run.log.indexOf("commit 4"));
  });

  it("a slot that gives up without waiting for its turn does not open a later slot before the earlier ones settle", async () => {
    const log: string[] = [];
    await runSlotWindow({
      slots: [0, 1, 2, 3],
      concurrency: 2,
      work: async ({ slot }) => {
        log.push(`start ${slot}`);
        // slot 0 is slow; slot 1 gives up at once (an exhausted slot never waits for its turn)
        if (slot === 0) await sleep(30);
        log.push(`end ${slot}`);
      },
    });
    // slot 3's cutoff is 1: it may only start once slots 0 and 1 have both settled
    expect(log.indexOf("start 3")).toBeGreaterThan(log.indexOf("end 0"));
  });

  it("with concurrency 1 the slots run one after the other", async () => {
    const run = recorder(5);
    await runSlotWindow({ slots: [0, 1, 2], concurrency: 1, work: run.work });
    expect(run.log).toEqual([
      "start 0 after -1",
      "commit 0",
      "start 1 after 0",
      "commit 1",
      "start 2 after 1",
      "commit 2",
    ]);
  });

  it("an aborted signal starts no further slot and says so; the slots in flight finish", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const outcome = await runSlotWindow({
      slots: [0, 1, 2, 3, 4],
      concurrency: 2,
      signal: controller.signal,
      work: async ({ slot, turn }) => {
        started.push(slot);
        if (slot === 1) controller.abort();
        await sleep(2);
        await turn;
      },
    });
    expect(started).toEqual([0, 1]);
    expect(outcome).toEqual({ aborted: true });
  });

  it("shouldStop ends the run without an abort", async () => {
    const started: number[] = [];
    const outcome = await runSlotWindow({
      slots: [0, 1, 2, 3],
      concurrency: 1,
      shouldStop: () => started.length >= 2,
      work: async ({ slot }) => {
        started.push(slot);
      },
    });
    expect(started).toEqual([0, 1]);
    expect(outcome).toEqual({ aborted: false });
  });

  it("a failing slot stops new slots, lets the started ones finish, then rethrows the earliest failure", async () => {
    const finished: number[] = [];
    const run = runSlotWindow({
      slots: [0, 1, 2, 3, 4],
      concurrency: 3,
      work: async ({ slot, turn }) => {
        // slot 2 fails first in time, slot 1 later: the error of slot 1 (earlier in slot order) wins
        await sleep(slot === 2 ? 1 : 40);
        if (slot === 1 || slot === 2) throw new Error(`slot ${slot} failed`);
        await turn;
        finished.push(slot);
      },
    });
    await expect(run).rejects.toThrow("slot 1 failed");
    expect(finished).toEqual([0]);
  });
});
