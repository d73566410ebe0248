import type { JobsOptions } from "bullmq";

/**
 * How every unit job is queued. Finished jobs leave Redis at once: the store, not Redis, records what
 * is done, and the coordinator re-adds what the store lacks under the same job id.
 */
export const UNIT_JOB_OPTIONS = {
  // A unit that throws is retried by the queue after the provider layer's own retries gave up.
  attempts: 3,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
} as const satisfies JobsOptions;
