import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { RateLimiter, RateLimitPermit } from "../llm/middleware/rate-limit.js";
import { abortableSleep } from "../llm/middleware/retry.js";
import { withinRedisDeadline } from "./redis-deadline.js";

// A provider's requestsPerMinute / tokensPerMinute held across every process of a queued run, per call
// (BullMQ's queue limiter counts units, and a make attempt or a judge makes several calls per unit).
// Each call is admitted by one Lua script running GCRA (generic cell rate algorithm): per key one
// "theoretical arrival time" (TAT), moved forward by weight x emission interval on each admission.
// Only the type of ioredis is imported: the caller passes its connection.

/**
 * The burst a key tolerates: a tenth of a second's worth of its rate (at least one emission interval),
 * the same ~100 ms windows the queue's BullMQ limiter uses (see provider-limits.ts), so a second never
 * sees more than its rate plus one window: 600/min admits at most 11 calls in any second.
 */
const BURST_WINDOW_MS = 100;

/** The shared keys of a provider; the braces keep both in one Redis Cluster slot, as the script needs. */
export function sharedRateLimitKeys(provider: string): { requests: string; tokens: string } {
  const base = `benchsmith:rate:{${provider}}`;
  return { requests: `${base}:requests`, tokens: `${base}:tokens` };
}

/**
 * KEYS: one GCRA key per limit (requests, then tokens when limited). ARGV: now in ms ("" = Redis TIME),
 * then per key its emission interval (ms per unit), its tolerance (ms) and this call's weight.
 * A key admits when its TAT (never earlier than now) plus the call's increment, capped at the tolerance,
 * is within the tolerance of now: a call heavier than the burst waits for an idle key, then puts it in
 * debt, so the long-run rate holds whatever the call sizes. Replies 0 when every key admits (each TAT
 * moved forward, expiring once it is in the past, when the key means the same as no key), else the ms
 * until the slowest key would admit, with nothing written.
 */
const ADMIT_SOURCE = `
local now = tonumber(ARGV[1])
if now == nil then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
end
local wait = 0
local tats = {}
for i, key in ipairs(KEYS) do
  local at = 2 + (i - 1) * 3
  local interval = tonumber(ARGV[at])
  local tolerance = tonumber(ARGV[at + 1])
  local increment = tonumber(ARGV[at + 2]) * interval
  local tat = tonumber(redis.call('GET', key)) or now
  if tat < now then tat = now end
  local allowAt = tat + math.min(increment, tolerance) - tolerance
  if allowAt - now > wait then wait = allowAt - now end
  tats[i] = tat + increment
end
if wait > 0 then return math.ceil(wait) end
for i, key in ipairs(KEYS) do
  local ttl = math.ceil(tats[i] - now)
  if ttl > 0 then redis.call('SET', key, string.format('%.3f', tats[i]), 'PX', ttl) end
end
return 0
`;
const ADMIT_SHA = createHash("sha1").update(ADMIT_SOURCE).digest("hex");

export interface SharedRateLimiterOptions {
  /** A connection of the caller's; every process limiting this provider must use the same Redis. */
  client: Redis;
  /** Names the shared keys: every process (and run) calling this provider shares its limits. */
  provider: string;
  /** This process's limiter (its concurrency); taken first and held while the shared limit is waited on. */
  local: RateLimiter;
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
  /**
   * Tests only: a clock (ms) sent to the script instead of Redis TIME, to drive the algorithm
   * deterministically with `sleep`. In production it is left out, so every host is measured by the
   * one Redis clock however skewed the hosts' clocks are; every limiter of a provider must then agree
   * (all omit it, or all share one clock). The TIME path is what the real-time tests exercise.
   */
  now?: () => number;
  /** Waits between admission attempts; rejects with the signal's reason on abort (the default does). */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

interface KeyRate {
  key: string;
  intervalMs: number;
  toleranceMs: number;
  perMinute: number;
}

function keyRate(key: string, perMinute: number): KeyRate {
  const intervalMs = 60_000 / perMinute;
  return { key, intervalMs, toleranceMs: Math.max(intervalMs, BURST_WINDOW_MS), perMinute };
}

/**
 * A RateLimiter whose requests/tokens per minute are counted in Redis for every process calling
 * `provider`: acquire() takes the local permit, then runs the admission script until it admits,
 * sleeping the wait it replies between tries. Without any limit configured it returns `local` itself
 * (no Redis round trip per call). `inFlight` / `queued` are the local limiter's: a call waiting for the
 * shared limit holds its local slot and counts as in flight.
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): RateLimiter {
  const { client, local } = options;
  const keys = sharedRateLimitKeys(options.provider);
  const requests = positive(options.requestsPerMinute)
    ? keyRate(keys.requests, options.requestsPerMinute)
    : undefined;
  const tokens = positive(options.tokensPerMinute)
    ? keyRate(keys.tokens, options.tokensPerMinute)
    : undefined;
  if (requests === undefined && tokens === undefined) return local;
  const sleep = options.sleep ?? abortableSleep;
  const now = options.now;

  const admit = async (estimatedTokens: number): Promise<number> => {
    const limited: [KeyRate, number][] = [];
    if (requests !== undefined) limited.push([requests, 1]);
    if (tokens !== undefined) {
      // Capped at a minute's budget: one huge estimate must not lock the provider out for longer.
      const weight = Number.isFinite(estimatedTokens) ? Math.max(0, Math.ceil(estimatedTokens)) : 0;
      limited.push([tokens, Math.min(weight, tokens.perMinute)]);
    }
    const scriptKeys = limited.map(([rate]) => rate.key);
    const args = [
      now === undefined ? "" : String(now()),
      ...limited.flatMap(([rate, weight]) => [rate.intervalMs, rate.toleranceMs, weight]),
    ];
    const run = async (): Promise<unknown> => {
      try {
        return await client.evalsha(ADMIT_SHA, scriptKeys.length, ...scriptKeys, ...args);
      } catch (error) {
        // The server does not know the script yet (first use, a restart, SCRIPT FLUSH).
        if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
        return client.eval(ADMIT_SOURCE, scriptKeys.length, ...scriptKeys, ...args);
      }
    };
    const reply = await withinRedisDeadline(run(), "a rate-limit admission");
    const waitMs = Number(reply);
    if (!Number.isFinite(waitMs) || waitMs < 0) {
      throw new Error(`unexpected reply from the rate limit script: ${String(reply)}`);
    }
    return waitMs;
  };

  return {
    get inFlight() {
      return local.inFlight;
    },
    get queued() {
      return local.queued;
    },
    async acquire({ estimatedTokens, signal }): Promise<RateLimitPermit> {
      const permit = await local.acquire({ estimatedTokens, signal });
      try {
        for (;;) {
          if (signal?.aborted) throw signal.reason;
          const waitMs = await admit(estimatedTokens);
          if (waitMs === 0) break;
          await sleep(waitMs, signal);
        }
      } catch (error) {
        permit.release();
        throw signal?.aborted ? signal.reason : error;
      }
      return {
        // Only the local permit: the shared keys were charged the estimate at admission and are not
        // corrected, as a second script per call would double the round trips to Redis, and time given
        // back after other processes computed their waits from it would go unused until they retry.
        // The local limiter still corrects its own token bucket with `actualTokens`.
        release(actualTokens) {
          permit.release(actualTokens);
        },
      };
    },
  };
}

function positive(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value > 0;
}

/**
 * The limiter factory for createModelResolvers (`limiterFor`): each provider's configured requests and
 * tokens per minute shared through `client` by every process that uses it (the coordinator and every
 * worker); a provider without limits keeps its local limiter alone.
 */
export function sharedLimiterFactory(
  client: Redis,
): (
  provider: string,
  config: { requestsPerMinute?: number | undefined; tokensPerMinute?: number | undefined },
  local: RateLimiter,
) => RateLimiter {
  return (provider, config, local) =>
    createSharedRateLimiter({
      client,
      provider,
      local,
      requestsPerMinute: config.requestsPerMinute,
      tokensPerMinute: config.tokensPerMinute,
    });
}
