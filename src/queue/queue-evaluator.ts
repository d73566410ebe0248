import type { Queue, QueueEvents } from "bullmq";
import type { z } from "zod";
import type { Logger, ProgressReporter } from "../core/context.js";
import { BenchsmithError, UnavailableError } from "../core/errors.js";
import { parseJson } from "../core/json.js";
import type { RunStore } from "../core/store-spec.js";
import { type RemoteEvaluator, storedOutcomes } from "../evaluate/run-evaluation.js";
import type { CandidateAnswerEvaluator } from "../pipelines/discover/evaluate-candidates.js";
import { MakeAttemptResultSchema, makeAttemptResultOf } from "../pipelines/make/index.js";
import { CandidateOutcomeSchema, candidateOutcomeOf, type PlanRemote } from "../pipelines/plan/index.js";
import type { TemplateItemEvaluator } from "../pipelines/tune/evaluate-items.js";
import { delay, groupByQueue, withdraw } from "./queue-batches.js";
import {
  discoverAnswersOf,
  discoverUnitsOf,
  evalUnitsOf,
  makeAttemptUnitsOf,
  planCandidateUnitsOf,
  type QueuedUnit,
  type QueuedUnits,
  type StoredOutcomes,
  tuneOutcomesOf,
  tuneUnitsOf,
} from "./queued-unit.js";
import type { RedisLink } from "./redis-link.js";
import { allStored, storedKeys } from "./stored-keys.js";
import { decodeUnitFailure } from "./unit-failure.js";
import { UNIT_JOB_OPTIONS } from "./unit-job-options.js";

export interface QueueEvaluatorOptions {
  link: RedisLink;
  /** The run's store: the coordinator waits on it, not on Redis. */
  store: RunStore;
  log: Logger;
  /** Fail the run (resumable) when Redis stays unreachable this long (default 60 s). */
  graceMs?: number;
  /** Re-read the store and re-add lost units after this long without a completion (default 5 s). */
  reconcileAfterMs?: number;
}

const SILENT_PROGRESS: ProgressReporter = { start: () => {}, advance: () => {}, finish: () => {} };

export interface QueueEvaluator
  extends RemoteEvaluator,
    TemplateItemEvaluator,
    CandidateAnswerEvaluator,
    PlanRemote {
  /** Units added again because Redis had lost them (a restart without persistence, an eviction). */
  readonly requeued: number;
  close(): Promise<void>;
}

const ADD_BATCH = 1000;
const TICK_MS = 250;
const CLOSE_WAIT_MS = 2000;

/**
 * The coordinator's side of `--queue`: adds the units the store lacks to their provider's queue (job id
 * = the unit's key), advances progress on completion events, fails the run on a unit's final failure,
 * and re-adds whatever Redis lost (same job ids), until the store holds every outcome.
 */
export function createQueueEvaluator(options: QueueEvaluatorOptions): QueueEvaluator {
  const { link, store, log } = options;
  const graceMs = options.graceMs ?? 60_000;
  const reconcileAfterMs = options.reconcileAfterMs ?? 5000;
  const queues = new Map<string, { queue: Queue; events: QueueEvents }>();
  let requeued = 0;
  // One listener per queue, routing each event to the dispatch waiting on that job (make runs one
  // dispatch per slot in flight: a listener each would pass Node's listener limit).
  const watchers = new Map<
    string,
    {
      settle(jobId: string, returned: unknown): void;
      fail(jobId: string, reason: string): void;
    }
  >();
  // Queues already found without a worker: say so once per run of this process, not per dispatch.
  const warnedIdle = new Set<string>();

  const queueFor = async (name: string) => {
    const known = queues.get(name);
    if (known !== undefined) return known;
    const { Queue, QueueEvents } = await import("bullmq");
    const entry = {
      queue: new Queue(name, { connection: link.client }),
      events: new QueueEvents(name, { connection: link.client }),
    };
    entry.queue.on("error", () => {});
    entry.events.on("error", () => {});
    entry.events.on("completed", ({ jobId, returnvalue }) => watchers.get(jobId)?.settle(jobId, returnvalue));
    entry.events.on("failed", ({ jobId, failedReason }) => watchers.get(jobId)?.fail(jobId, failedReason));
    // Listen before adding, so no completion is missed.
    await entry.events.waitUntilReady();
    queues.set(name, entry);
    return entry;
  };

  /** Adds the units, waits until the store holds every outcome (re-adding what Redis lost). */
  const dispatch = async (
    runId: string,
    units: ReadonlyMap<string, QueuedUnit>,
    progress: ProgressReporter,
    signal: AbortSignal | undefined,
  ): Promise<void> => {
    const pending = new Map(units);
    let failure: Error | undefined;
    let lastProgressAt = Date.now();
    let reconnected = false;
    // A unit put back after a completion event (the store lacked it) advances progress once, not twice.
    const counted = new Set<string>();
    const settle = (jobId: string) => {
      if (!pending.delete(jobId)) return;
      lastProgressAt = Date.now();
      if (counted.has(jobId)) return;
      counted.add(jobId);
      progress.advance(1);
    };
    const watcher = {
      settle: (jobId: string, returned: unknown) => {
        const skipped = skippedRunStatus(returned);
        if (skipped === undefined) return settle(jobId);
        // A worker skipped the unit because its run is not running there: right after a stop, a worker's
        // status may be a second old (the unit is re-added); a run that really is not running is an error.
        const unit = pending.get(jobId);
        if (unit === undefined) return;
        void store.getRun(unit.data.runId).then((run) => {
          if (run !== undefined && run.status !== "running")
            failure ??= new BenchsmithError({
              code: "internal",
              message: `a queue worker skipped ${unit.label}: run ${run.id} is ${run.status}`,
              hint: "continue with --resume; if it happens again, report it",
            });
        });
      },
      fail: (jobId: string, reason: string) => {
        const unit = pending.get(jobId);
        if (unit === undefined) return;
        failure ??= decodeUnitFailure(reason, unit.label);
      },
    };
    // Listen before adding, so no completion is missed.
    for (const name of groupByQueue(units).keys()) await queueFor(name);
    for (const jobId of units.keys()) watchers.set(jobId, watcher);
    const stopListening = link.onChange((change) => {
      if (change.state === "back") reconnected = true;
      log.warn(
        change.state === "lost"
          ? `the work queue ${link.shownUrl} is unreachable (${change.error}); waiting for it`
          : `the work queue is back after ${Math.round(change.afterMs / 1000)} s; re-checking the store`,
      );
    });

    const add = async (batch: ReadonlyMap<string, QueuedUnit>) => {
      for (const [name, group] of groupByQueue(batch)) {
        const { queue } = await queueFor(name);
        const entries = [...group];
        for (let start = 0; start < entries.length; start += ADD_BATCH) {
          await queue.addBulk(
            entries.slice(start, start + ADD_BATCH).map(([jobId, unit]) => ({
              name: unit.data.kind,
              data: unit.data,
              opts: { ...UNIT_JOB_OPTIONS, jobId },
            })),
          );
        }
      }
    };
    // The store is the truth: drop what it already holds, re-add what Redis no longer has.
    const settleStored = async () => {
      const stored = await storedKeys(store, runId, pending.values());
      for (const [id, unit] of [...pending]) {
        if (stored.has(unit.storeKey)) settle(id);
      }
    };
    const reconcile = async () => {
      await settleStored();
      const missing = new Map<string, QueuedUnit>();
      const entries = [...pending];
      for (let start = 0; start < entries.length; start += ADD_BATCH) {
        const slice = entries.slice(start, start + ADD_BATCH);
        const found = await Promise.all(
          slice.map(async ([id, unit]) => (await queueFor(unit.queueName)).queue.getJob(id)),
        );
        slice.forEach(([id, unit], index) => {
          if (found[index] === undefined) missing.set(id, unit);
        });
      }
      // A unit committed and removed between the first read and its getJob is not lost: read again,
      // and re-add only what neither the store nor Redis holds.
      if (missing.size > 0) await settleStored();
      const lost = new Map([...missing].filter(([id]) => pending.has(id)));
      if (lost.size > 0) {
        requeued += lost.size;
        log.warn(`re-adding ${lost.size} unit(s) the queue no longer holds (same job ids)`);
        await add(lost);
      }
      lastProgressAt = Date.now();
    };

    // Nothing moves and no worker listens: say what to start instead of waiting in silence.
    const warnIfNoWorkers = async () => {
      for (const name of groupByQueue(pending).keys()) {
        if (warnedIdle.has(name)) continue;
        const { queue } = await queueFor(name);
        if ((await queue.getWorkersCount()) > 0) continue;
        warnedIdle.add(name);
        log.warn(
          `no worker is listening on ${name}: start \`benchsmith worker --queue ${link.shownUrl} --store <this run's store>\``,
        );
      }
    };

    // Redis calls wait through outages (BullMQ needs that), so each is bounded by the grace period here.
    const lost = () =>
      new UnavailableError(
        `lost the work queue ${link.shownUrl} for over ${Math.round(graceMs / 1000)} s`,
        `the outcomes so far are stored; once Redis is back, continue with --resume ${runId}`,
      );
    const withinGrace = <T>(work: Promise<T>): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      const watchdog = new Promise<never>((_, reject) => {
        timer = setInterval(() => {
          if (link.downForMs() > graceMs) reject(lost());
        }, TICK_MS);
      });
      return Promise.race([work, watchdog]).finally(() => clearInterval(timer));
    };

    try {
      await withinGrace(add(pending));
      while (pending.size > 0 || !(await allStored(store, runId, units))) {
        if (pending.size === 0) {
          // Completion events said done but the store disagrees: put the missing ones back.
          const stored = await storedKeys(store, runId, units.values());
          for (const [id, unit] of units) if (!stored.has(unit.storeKey)) pending.set(id, unit);
          await withinGrace(reconcile());
          continue;
        }
        if (failure !== undefined) throw failure;
        if (signal?.aborted) throw signal.reason ?? new Error("aborted");
        if (link.downForMs() > graceMs) throw lost();
        if (link.downForMs() === 0 && (reconnected || Date.now() - lastProgressAt > reconcileAfterMs)) {
          if (!reconnected) await withinGrace(warnIfNoWorkers());
          reconnected = false;
          await withinGrace(reconcile());
        }
        await delay(TICK_MS);
      }
    } catch (error) {
      // Stop handing out this run's units; the ones running finish and commit (resumable). All of them:
      // bounded only by Redis staying reachable; without Redis, workers skip the stopped run's units.
      if (link.downForMs() === 0) await withinGrace(withdraw(pending, queueFor)).catch(() => {});
      throw error;
    } finally {
      stopListening();
      for (const jobId of units.keys()) if (watchers.get(jobId) === watcher) watchers.delete(jobId);
    }
  };

  /** Queues the units the store lacks (if any) and returns the store's outcomes once all are there. */
  const runMissing = async (
    runId: string,
    unitsOf: (stored: StoredOutcomes) => QueuedUnits,
    signal: AbortSignal | undefined,
  ): Promise<StoredOutcomes> => {
    const stored = await storedOutcomes(store, runId);
    const units = unitsOf(stored);
    if (units.size === 0) return stored;
    await dispatch(runId, units, SILENT_PROGRESS, signal);
    return storedOutcomes(store, runId);
  };

  /** Queues the units whose outcome the store lacks and waits until it holds them all (state-kept units). */
  const dispatchMissing = async (runId: string, units: QueuedUnits, signal: AbortSignal | undefined) => {
    const stored = await storedKeys(store, runId, units.values());
    const missing = new Map([...units].filter(([, unit]) => !stored.has(unit.storeKey)));
    if (missing.size > 0) await dispatch(runId, missing, SILENT_PROGRESS, signal);
  };
  /** A state-kept unit's committed outcome, parsed; its absence after the dispatch is a bug, not a user's. */
  const stateOf = async <T>(runId: string, unit: QueuedUnit, schema: z.ZodType<T>): Promise<T> => {
    const value = await store.getState(runId, unit.storeKey, schema);
    if (value === undefined) throw new Error(`the queue left ${unit.label} of run ${runId} unstored`);
    return value;
  };

  return {
    get requeued() {
      return requeued;
    },
    async evaluate(request) {
      await dispatch(request.runId, evalUnitsOf(request), request.progress, request.signal);
    },
    async evaluateTemplateItems(request) {
      return tuneOutcomesOf(
        request,
        await runMissing(request.runId, (stored) => tuneUnitsOf(request, stored), request.signal),
      );
    },
    async answerCandidates(request) {
      return discoverAnswersOf(
        request,
        await runMissing(request.runId, (stored) => discoverUnitsOf(request, stored), request.signal),
      );
    },
    async runMakeAttempt(request) {
      const units = makeAttemptUnitsOf(request);
      await dispatchMissing(request.runId, units, request.signal);
      const [unit] = units.values();
      if (unit === undefined) throw new Error("a make attempt made no unit");
      return makeAttemptResultOf(await stateOf(request.runId, unit, MakeAttemptResultSchema));
    },
    async controlCandidates(request) {
      const units = planCandidateUnitsOf(request);
      let error: unknown;
      await dispatchMissing(request.runId, units, request.signal).catch((caught: unknown) => {
        error = caught;
      });
      // Map order is candidate order (a candidate appears once per wave). After a failure, what the
      // workers committed still counts; the rest is undefined.
      const outcomes = await Promise.all(
        [...units.values()].map(async (unit) => {
          const stored = await store.getState(request.runId, unit.storeKey, CandidateOutcomeSchema);
          if (stored === undefined && error === undefined)
            throw new Error(`the queue left ${unit.label} of run ${request.runId} unstored`);
          return stored === undefined ? undefined : candidateOutcomeOf(stored);
        }),
      );
      return error === undefined ? { outcomes } : { outcomes, error };
    },
    async close() {
      const closing = Promise.all(
        [...queues.values()].map(async ({ queue, events }) => {
          await events.close();
          await queue.close();
        }),
      ).catch(() => {});
      // Without Redis, closing would wait for it: the run's outcome is already decided.
      if (link.downForMs() === 0) await Promise.race([closing, delay(CLOSE_WAIT_MS)]);
      queues.clear();
    },
  };
}

/** The run status a worker reported skipping a unit for (a UnitOutcome "skipped"), else undefined. */
function skippedRunStatus(returned: unknown): string | undefined {
  const parsed = typeof returned === "string" ? parseJson(returned) : undefined;
  const value = parsed === undefined ? returned : parsed.success ? parsed.value : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  const { status, runStatus } = value as { status?: unknown; runStatus?: unknown };
  return status === "skipped" && typeof runStatus === "string" ? runStatus : undefined;
}
