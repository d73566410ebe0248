import type { ProviderConfig } from "../runtime/config-schema.js";

/** BullMQ's limiter: at most `max` jobs started per `duration` ms, across every worker of the queue. */
export interface QueueRateLimit {
  max: number;
  duration: number;
}

/**
 * The provider's requests per minute as a queue limiter over a short window (about 100 ms, longer when
 * the rate is under 10 a second), so the queue never bursts a minute's worth at once: BullMQ's window
 * is fixed, so any second sees at most the rate plus one window's `max`
 * (3000/min -> 5 per 100 ms, 600/min -> 1 per 100 ms, 30/min -> 1 per 2 s).
 */
export function queueRateLimitOf(config: ProviderConfig): QueueRateLimit | undefined {
  const perMinute = config.requestsPerMinute;
  if (perMinute === undefined) return undefined;
  const max = Math.max(1, Math.floor(perMinute / 600));
  return { max, duration: Math.ceil((60_000 * max) / perMinute) };
}
