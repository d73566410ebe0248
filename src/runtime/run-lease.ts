import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { z } from "zod";
import { BenchsmithError, UserInputError } from "../core/errors.js";
import type { RunStore } from "../core/store-spec.js";

/** The run_state key holding which process works on a run, and when it last said so. */
export const LEASE_STATE_KEY = "lease";
/** How often the process working on a run refreshes its heartbeat. */
const HEARTBEAT_INTERVAL_MS = 5_000;
/** A heartbeat older than this belongs to a process that is gone (six missed beats). */
const LEASE_STALE_MS = 30_000;

const LeaseSchema = z.object({
  holder: z.string(),
  host: z.string(),
  pid: z.number().int(),
  heartbeatAt: z.string(),
  released: z.boolean().optional(),
});
type Lease = z.infer<typeof LeaseSchema>;

export interface RunLease {
  /** Aborted, with the takeover error as its reason, once another process has taken the run over. */
  readonly signal: AbortSignal;
  /** The takeover error once another process holds the run; this process must then write nothing more. */
  takenOver(): BenchsmithError | undefined;
  /** Reads the lease now (after any pending heartbeat): the takeover error if another process holds it. */
  verify(): Promise<BenchsmithError | undefined>;
  /**
   * Stops the heartbeat and marks the lease released, so the run can be resumed at once. Writes
   * nothing when another process has taken the run over.
   */
  release(): Promise<void>;
}

interface LeaseOptions {
  store: RunStore;
  runId: string;
  intervalMs?: number;
  staleMs?: number;
}

/** Whether a process with this id exists on this machine (EPERM: it exists, owned by someone else). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/** Milliseconds since the holder's last heartbeat, or undefined when nobody holds the run. */
function heldFor(lease: Lease | undefined, staleMs: number, now: number): number | undefined {
  if (lease === undefined || lease.released) return undefined;
  const age = now - Date.parse(lease.heartbeatAt);
  if (!(age < staleMs)) return undefined;
  // A crashed process on this machine is known to be gone without waiting for its heartbeat to age.
  if (lease.host === hostname() && !processExists(lease.pid)) return undefined;
  return Math.max(0, age);
}

function refusal(runId: string, ageMs: number, staleMs: number): UserInputError {
  return new UserInputError(
    `run ${runId} is running in another process (last seen ${Math.round(ageMs / 1000)} s ago); wait, or stop it`,
    `stop it with Ctrl-C in its terminal; a crashed process's claim expires ${Math.round(staleMs / 1000)} s after its last heartbeat`,
  );
}

/** Why a run stopped after its lease passed to another process (this one stalled past the stale limit). */
function takeoverError(runId: string, current: Lease): BenchsmithError {
  return new BenchsmithError({
    code: "run_taken_over",
    message: `run ${runId} was taken over by another process (pid ${current.pid}, host ${current.host}); stopping`,
    hint: `that process continues it; see it with \`benchsmith runs show ${runId}\``,
  });
}

/** Refuses (UserInputError) when a live process still holds the run. */
export async function checkRunLease(options: LeaseOptions): Promise<void> {
  const { store, runId } = options;
  const lease = await store.getState(runId, LEASE_STATE_KEY, LeaseSchema);
  const staleMs = options.staleMs ?? LEASE_STALE_MS;
  const age = heldFor(lease, staleMs, Date.now());
  if (age !== undefined) throw refusal(runId, age, staleMs);
}

/**
 * Claims the run for this process and keeps the claim fresh every `intervalMs`. The store has no
 * compare-and-set, so the claim is read back: of two processes claiming at once, the one whose write
 * landed last wins and the other is refused. Each heartbeat reads the lease first: when another
 * holder id is there (never the pid: in containers every process can be pid 1) the run was taken
 * over, and the lease aborts its signal instead of writing.
 */
export async function acquireRunLease(options: LeaseOptions): Promise<RunLease> {
  const { store, runId } = options;
  await checkRunLease(options);
  const holder = randomUUID();
  const lease = (released?: boolean): Lease => ({
    holder,
    host: hostname(),
    pid: process.pid,
    heartbeatAt: new Date().toISOString(),
    ...(released ? { released } : {}),
  });
  await store.putState(runId, LEASE_STATE_KEY, lease());
  const current = await store.getState(runId, LEASE_STATE_KEY, LeaseSchema);
  if (current !== undefined && current.holder !== holder)
    throw refusal(
      runId,
      Math.max(0, Date.now() - Date.parse(current.heartbeatAt)),
      options.staleMs ?? LEASE_STALE_MS,
    );
  const lost = new AbortController();
  let takeover: BenchsmithError | undefined;
  const readTakeover = async (): Promise<BenchsmithError | undefined> => {
    if (takeover !== undefined) return takeover;
    const stored = await store.getState(runId, LEASE_STATE_KEY, LeaseSchema);
    if (stored === undefined || stored.holder === holder) return undefined;
    takeover = takeoverError(runId, stored);
    clearInterval(timer);
    lost.abort(takeover);
    return takeover;
  };
  // Read, then write only while the lease is still ours (best effort: the store has no compare-and-set).
  const writeIfHeld = async (value: Lease): Promise<void> => {
    if ((await readTakeover()) === undefined) await store.putState(runId, LEASE_STATE_KEY, value);
  };
  // Reads and writes are chained so the released marker is never overtaken by a late heartbeat.
  let writes: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    writes = writes.then(() => writeIfHeld(lease())).catch(() => {});
  }, options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  // The heartbeat alone never keeps the process alive.
  timer.unref();
  let released = false;
  return {
    signal: lost.signal,
    takenOver: () => takeover,
    async verify() {
      // An unreadable lease is no takeover: the final write then fails (or not) on its own.
      const verified = writes.then(readTakeover).catch(() => undefined);
      writes = verified.then(() => {});
      return verified;
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await writes;
      await writeIfHeld(lease(true));
    },
  };
}
