import { describe, expect, it } from "vitest";
import { BenchsmithError, ProviderCallError, UserInputError } from "../core/errors.js";
import type { Item } from "../core/item.js";
import { setBounded } from "./bounded-map.js";
import { EvalUnitSchema, evalUnitJobId, queueNameOf } from "./eval-unit.js";
import { queueRateLimitOf } from "./provider-limits.js";
import { redactRedisUrl, redisUrlProblem } from "./redis-url.js";
import { decodeUnitFailure, encodeUnitFailure, isUnrecoverable, rateLimitPauseMs } from "./unit-failure.js";

const item: Item = { id: "q1", format: "mcq", question: "Which?", options: ["a", "b"], answer: "B" };

describe("eval units", () => {
  it("have a job id per (run, model, item), stable, without the ':' BullMQ refuses", () => {
    const unit = { runId: "eval-1", modelRef: "openai:gpt-4o-mini", item };
    expect(evalUnitJobId(unit)).toBe(evalUnitJobId({ ...unit, item: { ...item, question: "edited" } }));
    expect(evalUnitJobId(unit)).not.toBe(evalUnitJobId({ ...unit, modelRef: "openai:gpt-4o" }));
    expect(evalUnitJobId(unit)).not.toBe(evalUnitJobId({ ...unit, runId: "eval-2" }));
    expect(evalUnitJobId(unit)).not.toBe(evalUnitJobId({ ...unit, item: { ...item, id: "q2" } }));
    expect(evalUnitJobId(unit)).toMatch(/^eval\.[0-9a-f]{40}$/);
  });

  it("go to their answering model's provider queue", () => {
    expect(queueNameOf({ modelRef: "openai:gpt-4o-mini" })).toBe("benchsmith-openai");
    expect(queueNameOf({ modelRef: "openai-compatible:http://127.0.0.1:8000/v1#m" })).toBe(
      "benchsmith-openai-compatible",
    );
  });

  it("carry the item itself and refuse a payload of another shape", () => {
    const payload = { kind: "eval", runId: "r", modelRef: "ollama:x", item, chainOfThought: false };
    expect(EvalUnitSchema.parse(JSON.parse(JSON.stringify(payload)))).toEqual(payload);
    expect(EvalUnitSchema.safeParse({ ...payload, item: { ...item, answer: "Z" } }).success).toBe(false);
    expect(
      EvalUnitSchema.safeParse({ ...payload, itemPath: "/tmp/bench.jsonl", item: undefined }).success,
    ).toBe(false);
  });
});

describe("queueRateLimitOf", () => {
  it("spreads requests per minute over short windows with a whole max", () => {
    expect(queueRateLimitOf({})).toBeUndefined();
    expect(queueRateLimitOf({ requestsPerMinute: 3000 })).toEqual({ max: 5, duration: 100 });
    expect(queueRateLimitOf({ requestsPerMinute: 1200 })).toEqual({ max: 2, duration: 100 });
    expect(queueRateLimitOf({ requestsPerMinute: 600 })).toEqual({ max: 1, duration: 100 });
    expect(queueRateLimitOf({ requestsPerMinute: 30 })).toEqual({ max: 1, duration: 2000 });
    // Never faster than configured: max / duration <= requests per ms.
    for (const perMinute of [1, 7, 59, 61, 599, 601, 1234, 10_000, 90_000]) {
      const limit = queueRateLimitOf({ requestsPerMinute: perMinute });
      expect(limit).toBeDefined();
      if (limit) expect(limit.max / limit.duration).toBeLessThanOrEqual(perMinute / 60_000 + 1e-12);
    }
  });
});

describe("unit failures", () => {
  it("come back as the same kind of error, naming the worker side", () => {
    const error = decodeUnitFailure(
      encodeUnitFailure(new UserInputError("OPENAI_API_KEY is not set", "export it on the worker")),
      "openai:x on item q1",
    );
    expect(UserInputError.isInstance(error)).toBe(true);
    expect(error.message).toBe("a queue worker failed openai:x on item q1: OPENAI_API_KEY is not set");
    expect(error.hint).toBe("export it on the worker");
    const plain = decodeUnitFailure(encodeUnitFailure(new Error("socket hang up")), "u");
    expect(plain.code).toBe("worker_error");
    expect(decodeUnitFailure("job stalled more than allowable limit", "u").message).toContain("stalled");
    expect(BenchsmithError.isInstance(plain)).toBe(true);
  });

  it("split into retryable, unrecoverable and rate limits", () => {
    const failure = (statusCode: number, isRetryable: boolean, retryAfterMs?: number) =>
      new ProviderCallError({ provider: "openai", message: "m", statusCode, isRetryable, retryAfterMs });
    expect(isUnrecoverable(failure(400, false))).toBe(true);
    expect(isUnrecoverable(failure(503, true))).toBe(false);
    expect(isUnrecoverable(new UserInputError("no key"))).toBe(true);
    expect(isUnrecoverable(new Error("ECONNRESET"))).toBe(false);
    expect(rateLimitPauseMs(failure(429, true, 2500))).toBe(2500);
    expect(rateLimitPauseMs(failure(429, true))).toBe(1000);
    expect(rateLimitPauseMs(failure(503, true))).toBeUndefined();
  });
});

describe("queue URLs", () => {
  it("accept redis:// and rediss:// only, and never show a password", () => {
    expect(redisUrlProblem("redis://127.0.0.1:6379")).toBeUndefined();
    expect(redisUrlProblem("rediss://user:pw@cache.example:6380/2")).toBeUndefined();
    expect(redisUrlProblem("postgres://x@y/z")).toMatch(/is not a redis:\/\/ URL/);
    expect(redisUrlProblem("http://user:hunter2@host:6379")).not.toContain("hunter2");
    expect(redactRedisUrl("redis://default:hunter2@host:6379/0")).toBe("redis://default:***@host:6379/0");
    expect(redactRedisUrl("redis://host:6379")).toBe("redis://host:6379");
  });
});

describe("per-run state on a long-lived worker", () => {
  it("keeps the newest runs only, a run used again becoming the newest", () => {
    const map = new Map<string, number>();
    for (const [index, run] of ["a", "b", "c"].entries()) setBounded(map, run, index, 2);
    expect([...map.keys()]).toEqual(["b", "c"]);
    setBounded(map, "b", 9, 2);
    setBounded(map, "d", 3, 2);
    expect([...map.entries()]).toEqual([
      ["b", 9],
      ["d", 3],
    ]);
  });
});
