import type { Queue } from "bullmq";
import type { QueuedUnit } from "./queued-unit.js";

/** Removals sent to Redis at once when a run is withdrawn (one round trip each, pipelined by ioredis). */
const WITHDRAW_BATCH = 500;

/** The units by the queue they go to. */
export function groupByQueue(units: ReadonlyMap<string, QueuedUnit>): Map<string, Map<string, QueuedUnit>> {
  const groups = new Map<string, Map<string, QueuedUnit>>();
  for (const [id, unit] of units) {
    const name = unit.queueName;
    let group = groups.get(name);
    if (group === undefined) {
      group = new Map();
      groups.set(name, group);
    }
    group.set(id, unit);
  }
  return groups;
}

/** Removes the run's units still waiting (a running one is locked and finishes on its worker). */
export async function withdraw(
  pending: ReadonlyMap<string, QueuedUnit>,
  queueFor: (name: string) => Promise<{ queue: Queue }>,
): Promise<void> {
  const entries = [...pending];
  for (let start = 0; start < entries.length; start += WITHDRAW_BATCH) {
    await Promise.all(
      entries.slice(start, start + WITHDRAW_BATCH).map(async ([id, unit]) => {
        const { queue } = await queueFor(unit.queueName);
        // 0 for a job that is running (locked) or already gone: nothing to do.
        await queue.remove(id).catch(() => 0);
      }),
    );
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
