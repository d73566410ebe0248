import { hostname } from "node:os";
import type { Job, Queue, Worker } from "bullmq";
import type { RunStore } from "../core/store-spec.js";
import { PROVIDER_NAMES } from "../llm/providers/index.js";
import {
  createModelResolvers,
  DEFAULT_CONCURRENCY,
  type ModelResolvers,
  providerConfigOf,
} from "../runtime/model-resolver.js";
import { storedBudget } from "../runtime/run-budget.js";
import type { Runtime } from "../runtime/runtime.js";
import { withoutSampleBatching } from "../runtime/sample-batching.js";
import { rememberAsync } from "./bounded-map.js";
import { queueNameFor } from "./eval-unit.js";
import { createUnitProcessor } from "./process-unit.js";
import { queueRateLimitOf } from "./provider-limits.js";
import type { RedisLink } from "./redis-link.js";
import { createSharedBudgetTracker } from "./shared-budget.js";
import { sharedLimiterFactory } from "./shared-rate-limit.js";
import { cacheMarkingOutages } from "./store-outage.js";
import { encodeUnitFailure, isUnrecoverable, rateLimitPauseMs } from "./unit-failure.js";

/** The limiter of a provider without requests per minute: never reached, but it lets a 429 pause the queue. */
const NO_RATE_LIMIT = { max: 1_000_000, duration: 1000 };

/** How long a worker giving up waits for BullMQ to close before leaving anyway. */
const FORCED_CLOSE_MS = 2000;

export interface RunWorkerOptions {
  link: RedisLink;
  /** The worker's own config, environment (keys) and store. */
  runtime: Runtime;
  /** Units in flight at once per provider queue (default: the provider's configured concurrency, else 4). */
  concurrency?: number | undefined;
  /** A unit's lock; a worker that stops renewing it (killed) loses the unit to another after this long. */
  lockDurationMs?: number | undefined;
  /** Exit non-zero when Redis (or lock renewal) has been lost this long (default 30 s). */
  graceMs?: number | undefined;
  /** Liveness line period (default 10 s). */
  statusEveryMs?: number | undefined;
  name?: string | undefined;
  /** Where status lines go (the CLI: stderr). */
  report: (line: string) => void;
  /** Aborted on SIGINT / SIGTERM: finish the units in flight, close, exit 0. */
  stop: AbortSignal;
  /**
   * How a unit's models are resolved for its run; default: from the worker's config and keys, through
   * the provider layer. Tests give scripted models here.
   */
  resolversFor?: ((runId: string, variant: { batchSamples: boolean }) => ModelResolvers) | undefined;
}

export interface WorkerExit {
  exitCode: number;
  done: number;
  /** Set when the worker gave up (its Redis connection or its locks were lost too long). */
  error?: string;
}

/**
 * `benchsmith worker`: one BullMQ worker per provider queue, each limited by the provider's requests per
 * minute (BullMQ's limiter is global: it counts across every worker of the queue) and, when configured,
 * a global concurrency. Prints a liveness line; gives up with an error when Redis or lock renewal is lost
 * for longer than the grace period instead of idling as healthy.
 */
export async function runWorker(options: RunWorkerOptions): Promise<WorkerExit> {
  const { link, runtime, report } = options;
  const { Worker, Queue, UnrecoverableError } = await import("bullmq");
  const name = options.name ?? `${hostname()}-${process.pid}`;
  const graceMs = options.graceMs ?? 30_000;
  const lockDurationMs = options.lockDurationMs ?? 30_000;
  const sharedRateLimits = sharedLimiterFactory(link.client);
  // Read at most once a second per run: a run without limits asks on every call.
  const limitsExpected = rememberAsync((runId) => hasStoredLimits(runtime.store, runId), { ttlMs: 1000 });
  const processor = createUnitProcessor({
    store: runtime.store,
    storeLocation: runtime.config.store,
    resolversFor:
      options.resolversFor ??
      ((runId, { batchSamples }) =>
        createModelResolvers({
          config: batchSamples ? runtime.config : withoutSampleBatching(runtime.config),
          env: runtime.settings.env,
          // Its outages are marked as the store's, so they are retried rather than failing the unit.
          cache: cacheMarkingOutages(runtime.store),
          runId,
          // The run's --max-calls / --max-cost, counted in Redis with the coordinator and every other worker.
          budget: createSharedBudgetTracker(link.client, runId, {
            budgetExpected: () => limitsExpected(runId),
          }),
          // Each provider's requests and tokens per minute, per call, across every worker and coordinator.
          limiterFor: sharedRateLimits,
        })),
  });
  let done = 0;
  let failed = 0;
  let inFlight = 0;
  let lastError = "none";
  let lockLostSince: number | undefined;

  const workers: Worker[] = [];
  const admin: Queue[] = [];
  const applyGlobalLimits = async () => {
    for (const [index, provider] of PROVIDER_NAMES.entries()) {
      const concurrency = providerConfigOf(runtime.config, provider).concurrency;
      const queue = admin[index];
      // Global concurrency lives in Redis: set again after a restart that lost it.
      if (concurrency !== undefined && queue !== undefined) await queue.setGlobalConcurrency(concurrency);
    }
  };
  for (const provider of PROVIDER_NAMES) {
    const providerConfig = providerConfigOf(runtime.config, provider);
    const limiter = queueRateLimitOf(providerConfig);
    const queueName = queueNameFor(provider);
    const queue = new Queue(queueName, { connection: link.client });
    queue.on("error", () => {});
    admin.push(queue);
    const worker: Worker = new Worker(
      queueName,
      async (job: Job, _token?: string, signal?: AbortSignal) => {
        inFlight++;
        try {
          const outcome = await processor.process({
            data: job.data,
            signal,
          });
          lockLostSince = undefined;
          return outcome;
        } catch (error) {
          const pauseMs = rateLimitPauseMs(error);
          if (pauseMs !== undefined) {
            // The provider said slow down: pause its queue for every worker, and put the unit back.
            lastError = `${provider} answered 429; its queue paused ${pauseMs} ms`;
            await queue.rateLimit(pauseMs);
            throw Worker.RateLimitError();
          }
          lastError = error instanceof Error ? error.message : String(error);
          throw isUnrecoverable(error)
            ? new UnrecoverableError(encodeUnitFailure(error))
            : new Error(encodeUnitFailure(error));
        } finally {
          inFlight--;
        }
      },
      {
        connection: link.client,
        name,
        concurrency: options.concurrency ?? providerConfig.concurrency ?? DEFAULT_CONCURRENCY,
        // Always a limiter: BullMQ honours a 429 pause (queue.rateLimit) only on a queue that has one.
        limiter: limiter ?? NO_RATE_LIMIT,
        lockDuration: lockDurationMs,
        stalledInterval: lockDurationMs,
        maxStalledCount: 3,
      },
    );
    worker.on("completed", () => {
      done++;
    });
    // "failed" fires on every failed attempt; count a unit once, when no retry is left.
    worker.on("failed", (job: Job | undefined, error: Error) => {
      if (isFinalFailure(job, error)) failed++;
    });
    worker.on("error", (error: Error) => {
      lastError = error.message;
    });
    worker.on("lockRenewalFailed", (jobIds: string[]) => {
      lockLostSince ??= Date.now();
      lastError = `lost the lock of ${jobIds.length} unit(s); they go back to the queue`;
    });
    workers.push(worker);
  }
  await applyGlobalLimits();
  link.onChange((change) => {
    if (change.state === "lost") {
      report(
        `worker ${name}: lost Redis ${link.shownUrl} (${change.error}); retrying for up to ${Math.round(graceMs / 1000)} s`,
      );
    } else {
      report(`worker ${name}: Redis is back after ${Math.round(change.afterMs / 1000)} s`);
      applyGlobalLimits().catch((error: unknown) => {
        lastError = error instanceof Error ? error.message : String(error);
      });
    }
  });
  report(`worker ${name}: listening on ${link.shownUrl} (${PROVIDER_NAMES.length} provider queues)`);

  const status = () =>
    `worker ${name}: ${done} done, ${inFlight} in flight, ${failed} failed; last error: ${lastError}`;
  const exit = await new Promise<WorkerExit>((resolve) => {
    const statusTimer = setInterval(() => report(status()), options.statusEveryMs ?? 10_000);
    const watchdog = setInterval(() => {
      const lost =
        link.downForMs() > graceMs
          ? `lost its Redis connection to ${link.shownUrl} for over ${Math.round(graceMs / 1000)} s`
          : lockLostSince !== undefined && Date.now() - lockLostSince > graceMs
            ? `could not renew its unit locks for over ${Math.round(graceMs / 1000)} s`
            : undefined;
      if (lost === undefined) return;
      finish(
        { exitCode: 1, done, error: `worker ${name} ${lost}; exiting (its units go back to the queue)` },
        true,
      );
    }, 250);
    let finished = false;
    const finish = (result: WorkerExit, force: boolean) => {
      if (finished) return;
      finished = true;
      clearInterval(statusTimer);
      clearInterval(watchdog);
      // Graceful: finish (and commit) the units in flight. Forced: their locks expire and others take them;
      // without Redis, closing may never finish, so it gets a bounded wait.
      const closing = Promise.all(workers.map((worker) => worker.close(force))).catch(() => {});
      (force ? Promise.race([closing, delay(FORCED_CLOSE_MS)]) : closing).finally(() => resolve(result));
    };
    options.stop.addEventListener("abort", () => finish({ exitCode: 0, done }, false), { once: true });
    if (options.stop.aborted) finish({ exitCode: 0, done }, false);
  });
  const closingAdmin = Promise.all(admin.map((queue) => queue.close().catch(() => {})));
  await (exit.error === undefined ? closingAdmin : Promise.race([closingAdmin, delay(FORCED_CLOSE_MS)]));
  report(status());
  return exit;
}

/** A unit's last failed attempt: unrecoverable, or its attempts used up (a retried attempt is not counted). */
function isFinalFailure(job: Pick<Job, "attemptsMade" | "opts"> | undefined, error: Error): boolean {
  if (error.name === "UnrecoverableError") return true;
  return job === undefined || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/** Whether the run was started or resumed under --max-calls / --max-cost (its stored budget). */
async function hasStoredLimits(store: RunStore, runId: string): Promise<boolean> {
  const run = await store.getRun(runId);
  if (run === undefined) return false;
  const budget = await storedBudget(store, run);
  return budget.maxCalls !== undefined || budget.maxCostUsd !== undefined;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
