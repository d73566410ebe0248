import { describe, expect, it } from "vitest";
import { useRedisClients } from "../../test/helpers/redis-clients.js";
import { redisTestSetup } from "../../test/helpers/redis-server.js";
import { createRateLimiter, type RateLimiter } from "../llm/middleware/rate-limit.js";
import { abortableSleep } from "../llm/middleware/retry.js";
import { createSharedRateLimiter, sharedRateLimitKeys } from "./shared-rate-limit.js";

const setup = redisTestSetup();

/** The most entries of sorted `times` (ms) inside any window [t, t + windowMs). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/** A real abortable sleep that also records each wait the limiter asked for. */
function recordingSleep(): { waits: number[]; sleep: (ms: number, signal?: AbortSignal) => Promise<void> } {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms, signal) => {
      waits.push(ms);
      return abortableSleep(ms, signal);
    },
  };
}

/** A fake clock for the script (`now`) that only `sleep` moves, and the waits it was asked for. */
function fakeClock(): { now: () => number; sleep: (ms: number) => Promise<void>; waits: number[] } {
  let time = 1_000_000;
  const waits: number[] = [];
  return {
    now: () => time,
    waits,
    sleep: async (ms) => {
      waits.push(ms);
      time += ms;
    },
  };
}

const localLimiter = (concurrency = 64): RateLimiter => createRateLimiter({ concurrency });

if (setup.kind === "skip") {
  describe("the shared rate limit", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe("the shared rate limit in Redis", () => {
    const redis = useRedisClients(setup);
    const { client } = redis;
    let providerCounter = 0;
    /** A fresh provider name per test: the tests share one server. */
    const newProvider = () => `provider-${++providerCounter}`;

    it("holds 600 requests/min across three connections racing for 60 permits", async () => {
      const provider = newProvider();
      const limiters = redis.clients.map((each) =>
        createSharedRateLimiter({ client: each, provider, local: localLimiter(), requestsPerMinute: 600 }),
      );
      const started = performance.now();
      const admitted: number[] = [];
      await Promise.all(
        Array.from({ length: 60 }, async (_, index) => {
          const limiter = limiters[index % limiters.length] as RateLimiter;
          const permit = await limiter.acquire({ estimatedTokens: 10 });
          admitted.push(performance.now() - started);
          permit.release(10);
        }),
      );
      admitted.sort((a, b) => a - b);
      // 10 a second plus a burst of one 100 ms window (one request at 600/min); one limiter per
      // process instead of a shared one would let ~30 a second through.
      expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(10 + 1);
      // GCRA spaces 60 admissions by 100 ms after the first: >= 5.9 s, and not much slower.
      expect(admitted.at(-1)).toBeGreaterThanOrEqual(5000);
      expect(admitted.at(-1)).toBeLessThan(9000);
      expect(limiters.every((limiter) => limiter.inFlight === 0 && limiter.queued === 0)).toBe(true);
    }, 15_000);

    it("limits tokens per minute by the estimated tokens, capped at a minute's budget", async () => {
      const provider = newProvider();
      const clock = fakeClock();
      // 6000/min: 10 ms per token, a 100 ms (10-token) burst.
      const limiter = createSharedRateLimiter({
        client: client(),
        provider,
        local: localLimiter(),
        tokensPerMinute: 6000,
        now: clock.now,
        sleep: clock.sleep,
      });
      const take = async (estimatedTokens: number) =>
        (await limiter.acquire({ estimatedTokens })).release(estimatedTokens);
      await take(50);
      expect(clock.waits).toEqual([]);
      // 50 tokens are more than the burst: the next such call waits until the key is idle (500 ms).
      await take(50);
      expect(clock.waits).toEqual([500]);
      // 5 tokens (50 ms) fit the burst: admitted once the key is within 100 - 50 ms of idle.
      await take(5);
      expect(clock.waits).toEqual([500, 450]);
      // An estimate above the minute's 6000 tokens is charged as 6000 (60 s), not 100,000 (1000 s).
      await take(100_000);
      expect(clock.waits).toEqual([500, 450, 100]);
      const ttl = await client().pttl(sharedRateLimitKeys(provider).tokens);
      expect(ttl).toBeGreaterThan(59_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      await take(50);
      expect(clock.waits).toEqual([500, 450, 100, 60_000]);
      expect(await client().exists(sharedRateLimitKeys(provider).requests)).toBe(0);
    });

    it("admits only when requests and tokens both allow, and a refusal writes nothing", async () => {
      const provider = newProvider();
      const keys = sharedRateLimitKeys(provider);
      const clock = fakeClock();
      const asked: number[] = [];
      // 60 requests/min (1 s each) and 600 tokens/min (100 ms per token).
      const limiter = createSharedRateLimiter({
        client: client(),
        provider,
        local: localLimiter(),
        requestsPerMinute: 60,
        tokensPerMinute: 600,
        now: clock.now,
        // Sleeps 1 s whatever it is asked, so the call is retried while requests admit and tokens refuse.
        sleep: async (ms) => {
          // While refused, no key moved: the requests TAT is still the first call's.
          expect(Number(await client().get(keys.requests))).toBe(1_001_000);
          expect(Number(await client().get(keys.tokens))).toBe(1_003_000);
          asked.push(ms);
          await clock.sleep(1000);
        },
      });
      (await limiter.acquire({ estimatedTokens: 30 })).release();
      // Requests are free again after 1 s, tokens after 3 s: the call waits for the slower.
      (await limiter.acquire({ estimatedTokens: 1 })).release();
      expect(asked).toEqual([3000, 2000, 1000]);
      expect(clock.now()).toBe(1_003_000);
      expect(Number(await client().get(keys.requests))).toBe(1_004_000);
      expect(Number(await client().get(keys.tokens))).toBe(1_003_100);
    });

    it("a shared token limit holds in real time across two connections", async () => {
      const provider = newProvider();
      // 60,000/min: 1 ms per token, a 100-token burst; six calls of 200 tokens need ~1 s after the first.
      const limiters = [client(0), client(1)].map((each) =>
        createSharedRateLimiter({ client: each, provider, local: localLimiter(), tokensPerMinute: 60_000 }),
      );
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 6 }, async (_, index) => {
          const permit = await (limiters[index % 2] as RateLimiter).acquire({ estimatedTokens: 200 });
          permit.release();
        }),
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    });

    it("an abort while waiting rejects with the abort reason and frees the local slot", async () => {
      const provider = newProvider();
      const local = localLimiter(2);
      const recorder = recordingSleep();
      // 60/min: after one call the next waits ~1 s.
      const limiter = createSharedRateLimiter({
        client: client(),
        provider,
        local,
        requestsPerMinute: 60,
        sleep: recorder.sleep,
      });
      const first = await limiter.acquire({ estimatedTokens: 1 });
      const controller = new AbortController();
      const started = performance.now();
      const waiting = limiter.acquire({ estimatedTokens: 1, signal: controller.signal });
      const outcome = waiting.then(
        () => "admitted",
        (error: unknown) => error,
      );
      while (recorder.waits.length === 0) await abortableSleep(5);
      expect(local.inFlight).toBe(2);
      const reason = new Error("stopped by the test");
      controller.abort(reason);
      expect(await outcome).toBe(reason);
      expect(performance.now() - started).toBeLessThan(900);
      expect(recorder.waits[0]).toBeGreaterThan(500);
      expect(local.inFlight).toBe(1);
      expect(limiter.inFlight).toBe(1);
      first.release();
      expect(limiter.inFlight).toBe(0);
      // Already aborted: refused before anything is taken.
      await expect(limiter.acquire({ estimatedTokens: 1, signal: controller.signal })).rejects.toBe(reason);
      expect(local.inFlight).toBe(0);
    });

    it("two providers do not share a limit; keys are per provider and expire when idle", async () => {
      const alpha = newProvider();
      const beta = newProvider();
      const recorder = recordingSleep();
      const limiterOf = (provider: string, index: number) =>
        createSharedRateLimiter({
          client: client(index),
          provider,
          local: localLimiter(),
          requestsPerMinute: 60,
          sleep: recorder.sleep,
        });
      const alphaLimiter = limiterOf(alpha, 0);
      const betaLimiter = limiterOf(beta, 1);
      (await alphaLimiter.acquire({ estimatedTokens: 1 })).release();
      (await betaLimiter.acquire({ estimatedTokens: 1 })).release();
      expect(recorder.waits).toEqual([]);
      for (const provider of [alpha, beta]) {
        const ttl = await client().pttl(sharedRateLimitKeys(provider).requests);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(1000);
      }
      // alpha really is limited: its second call waits ~1 s, by when beta's idle key has expired.
      (await alphaLimiter.acquire({ estimatedTokens: 1 })).release();
      expect(recorder.waits).toHaveLength(1);
      expect(recorder.waits[0]).toBeGreaterThan(500);
      expect(await client().exists(sharedRateLimitKeys(beta).requests)).toBe(0);
      expect(await client().exists(sharedRateLimitKeys(alpha).requests)).toBe(1);
      expect(await client().exists(sharedRateLimitKeys(alpha).tokens)).toBe(0);
    });

    it("loads the script again after SCRIPT FLUSH", async () => {
      const provider = newProvider();
      const limiter = createSharedRateLimiter({
        client: client(),
        provider,
        local: localLimiter(),
        requestsPerMinute: 6000,
      });
      (await limiter.acquire({ estimatedTokens: 1 })).release();
      await client().script("FLUSH");
      (await limiter.acquire({ estimatedTokens: 1 })).release();
      expect(await client().exists(sharedRateLimitKeys(provider).requests)).toBe(1);
    });

    it("without limits returns the local limiter itself", () => {
      const local = localLimiter();
      expect(createSharedRateLimiter({ client: client(), provider: newProvider(), local })).toBe(local);
      expect(
        createSharedRateLimiter({
          client: client(),
          provider: newProvider(),
          local,
          requestsPerMinute: undefined,
          tokensPerMinute: undefined,
        }),
      ).toBe(local);
    });
  });
}
