import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { UserInputError } from "../core/errors.js";
import { openSqliteStore, type SqliteRunStore } from "../store/sqlite-store.js";
import { acquireRunLease, checkRunLease, LEASE_STATE_KEY } from "./run-lease.js";

const HeartbeatSchema = z.object({
  holder: z.string(),
  heartbeatAt: z.string(),
  released: z.boolean().optional(),
});

describe("run lease", () => {
  let directory: string;
  let store: SqliteRunStore;
  let runId: string;
  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-lease-"));
    store = openSqliteStore(join(directory, "store.sqlite"));
    runId = (await store.createRun({ kind: "eval", spec: {} })).id;
  });
  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const readLease = () => store.getState(runId, LEASE_STATE_KEY, HeartbeatSchema);
  const refused = (error: unknown) =>
    UserInputError.isInstance(error) && error.message.includes("is running in another process");

  it("the holder refreshes its heartbeat; another claim is refused until it releases", async () => {
    const lease = await acquireRunLease({ store, runId, intervalMs: 10 });
    const first = await readLease();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const later = await readLease();
    expect(later?.holder).toBe(first?.holder);
    expect(Date.parse(later?.heartbeatAt ?? "")).toBeGreaterThan(Date.parse(first?.heartbeatAt ?? ""));
    await expect(acquireRunLease({ store, runId })).rejects.toSatisfy(refused);
    await lease.release();
    expect((await readLease())?.released).toBe(true);
    const next = await acquireRunLease({ store, runId });
    await next.release();
  });

  it("a heartbeat older than the stale limit (a process on another machine that died) is no claim", async () => {
    const heartbeat = (ageMs: number) =>
      store.putState(runId, LEASE_STATE_KEY, {
        holder: "elsewhere",
        host: `${hostname()}-other`,
        pid: process.pid,
        heartbeatAt: new Date(Date.now() - ageMs).toISOString(),
      });
    await heartbeat(3_000);
    await expect(checkRunLease({ store, runId, staleMs: 30_000 })).rejects.toThrow(/last seen 3 s ago/);
    await heartbeat(31_000);
    await expect(checkRunLease({ store, runId, staleMs: 30_000 })).resolves.toBeUndefined();
  });

  it("of two claims written at once, the one read back wins and the other is refused", async () => {
    // The other process's write lands between this one's write and its read-back.
    const racing = Object.create(store, {
      putState: {
        value: async (id: string, key: string, value: unknown) => {
          await store.putState(id, key, value);
          await store.putState(id, key, {
            holder: "other",
            host: hostname(),
            pid: process.pid,
            heartbeatAt: new Date().toISOString(),
          });
        },
      },
    });
    await expect(acquireRunLease({ store: racing, runId })).rejects.toSatisfy(refused);
    expect((await readLease())?.holder).toBe("other");
  });

  it("a heartbeat finding another holder (same host, same pid) stops the run and writes nothing", async () => {
    const lease = await acquireRunLease({ store, runId, intervalMs: 10 });
    // This process stalled past the stale limit; another took over. In a container both can be pid 1.
    const newcomer = {
      holder: "newcomer",
      host: hostname(),
      pid: process.pid,
      heartbeatAt: "2026-01-01T00:00:00.000Z",
    };
    await store.putState(runId, LEASE_STATE_KEY, newcomer);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await readLease()).toEqual({ holder: "newcomer", heartbeatAt: newcomer.heartbeatAt });
    expect(lease.signal.aborted).toBe(true);
    const message = `run ${runId} was taken over by another process (pid ${process.pid}, host ${hostname()}); stopping`;
    expect(lease.signal.reason).toMatchObject({ code: "run_taken_over", message });
    expect(lease.takenOver()?.message).toBe(message);
    await expect(lease.verify()).resolves.toMatchObject({ message });
    await lease.release();
    expect(await readLease()).toEqual({ holder: "newcomer", heartbeatAt: newcomer.heartbeatAt });
  });

  it("release and verify read the lease first: a takeover between beats is seen, not overwritten", async () => {
    const kept = await acquireRunLease({ store, runId, intervalMs: 60_000 });
    await expect(kept.verify()).resolves.toBeUndefined();
    await kept.release();
    expect((await readLease())?.released).toBe(true);

    const lease = await acquireRunLease({ store, runId, intervalMs: 60_000 });
    await store.putState(runId, LEASE_STATE_KEY, {
      holder: "newcomer",
      host: `${hostname()}-other`,
      pid: 1,
      heartbeatAt: new Date().toISOString(),
    });
    await expect(lease.verify()).resolves.toMatchObject({ code: "run_taken_over" });
    expect(lease.signal.aborted).toBe(true);
    await lease.release();
    expect(await readLease()).toMatchObject({ holder: "newcomer" });
    expect((await readLease())?.released).toBeUndefined();
  });
});
