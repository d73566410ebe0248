import { createHash, randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { BudgetExceededError, ConfigError, UnavailableError } from "../core/errors.js";
import type { GenerateResult } from "../core/language-model.js";
import type { BudgetClaim, BudgetLimits, BudgetSpent, BudgetTracker } from "../llm/middleware/budget.js";
import { withinRedisDeadline } from "./redis-deadline.js";

// One run's budget across the coordinator and every `benchsmith worker`: the coordinator publishes the
// session's remaining limits in Redis and each process claims its calls there, in one Lua script per step,
// so no interleaving of workers can overshoot maxCalls. Only the type of ioredis is imported: the caller
// passes its connection, and the in-process path never loads the client.

/** A published budget lives this long, refreshed by every charge and every publish. */
const BUDGET_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A claim a process never settles (killed with kill -9) stops counting against maxCalls after this long. */
const DEFAULT_CLAIM_LEASE_MS = 10 * 60 * 1000;

/** Costs are kept in Redis as integer micro-dollars: sums of floats would drift between processes. */
const MICROS_PER_USD = 1_000_000;

/**
 * The hash of a run's budget: session (changed by each publish), maxCalls and maxCostMicros (absent when
 * not limited), calls, costMicros and unknownCostCalls. The braces keep it and its claims in one Redis
 * Cluster slot, as a script touching both needs.
 */
export function sharedBudgetKey(runId: string): string {
  return `benchsmith:budget:{${runId}}`;
}

/** The sorted set of the run's open claims: one random token each, scored by the time its lease ends. */
function claimsKey(runId: string): string {
  return `${sharedBudgetKey(runId)}:claims`;
}

interface LuaScript {
  source: string;
  sha: string;
}

function luaScript(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * KEYS: the budget, its claims. ARGV: now (ms; "" = Redis TIME, so hosts with skewed clocks agree on
 * leases), the lease (ms), the claim's token, the TTL (ms).
 * Replies {"none"} without a published budget, else {verdict, session, calls, costMicros,
 * unknownCostCalls, maxCalls, maxCostMicros} with verdict "claimed", "calls" or "cost" (the limit spent)
 * and "" for a limit not set. Expired claims are dropped before anything is counted.
 */
const BEGIN = luaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {'none'} end
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local h = redis.call('HMGET', KEYS[1], 'session', 'calls', 'costMicros', 'unknownCostCalls', 'maxCalls', 'maxCostMicros')
local calls = tonumber(h[2]) or 0
local verdict = 'claimed'
if h[5] and calls + redis.call('ZCARD', KEYS[2]) >= tonumber(h[5]) then
  verdict = 'calls'
elseif h[6] and (tonumber(h[3]) or 0) >= tonumber(h[6]) then
  verdict = 'cost'
else
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
return {verdict, h[1] or '', h[2] or '0', h[3] or '0', h[4] or '0', h[5] or '', h[6] or ''}
`);

/**
 * KEYS: the budget, its claims. ARGV: the claim's token, the session it was made in, "1" to charge a call
 * ("0": cancelled or cached), its cost in micro-dollars ("" when unknown), the TTL (ms). The claim is
 * removed; the charge counts only in the session that made the claim (a publish since then reset the
 * counters and the claims). A claim whose lease ended is still charged: the provider billed the call.
 * Replies {calls, costMicros, unknownCostCalls}, or {} when the session is over.
 */
const SETTLE = luaScript(`
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HGET', KEYS[1], 'session') ~= ARGV[2] then return {} end
if ARGV[3] == '1' then
  redis.call('HINCRBY', KEYS[1], 'calls', 1)
  if ARGV[4] == '' then
    redis.call('HINCRBY', KEYS[1], 'unknownCostCalls', 1)
  else
    redis.call('HINCRBY', KEYS[1], 'costMicros', ARGV[4])
  end
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
end
local h = redis.call('HMGET', KEYS[1], 'calls', 'costMicros', 'unknownCostCalls')
return {h[1] or '0', h[2] or '0', h[3] or '0'}
`);

/** A script run bounded by the Redis deadline: a call never hangs silently on a Redis that is away. */
function runBounded(
  client: Redis,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  return withinRedisDeadline(runScript(client, script, keys, args), "a budget claim");
}

/** EVALSHA, and EVAL once when the server does not know the script yet (a restart, SCRIPT FLUSH). */
async function runScript(
  client: Redis,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
    return client.eval(script.source, keys.length, ...keys, ...args);
  }
}

function checkLimits(limits: BudgetLimits): void {
  for (const [name, value] of Object.entries(limits)) {
    if (value !== undefined && !(value >= 0)) {
      throw new ConfigError({ message: `${name} must be a number >= 0, got ${value}` });
    }
  }
}

const toMicros = (usd: number): number => Math.round(usd * MICROS_PER_USD);
const fromMicros = (micros: number): number => micros / MICROS_PER_USD;

/** A reply's field as a number (Redis answers bulk strings; "" or nothing is 0). */
function numberOf(value: unknown): number {
  const parsed = Number(value ?? 0);
  return Number.isFinite(parsed) ? parsed : 0;
}

function spentOf(calls: unknown, costMicros: unknown, unknownCostCalls: unknown): BudgetSpent {
  return {
    calls: numberOf(calls),
    costUsd: fromMicros(numberOf(costMicros)),
    unknownCostCalls: numberOf(unknownCostCalls),
  };
}

/**
 * The coordinator's side: writes this session's remaining limits (the run's limits minus what earlier
 * sessions spent, see remainingBudget) and resets the session's counters and claims, so workers' charges
 * still in flight from an earlier session no longer count. Without any limit the key is deleted, and
 * every tracker of the run is unlimited.
 */
export async function publishRunBudget(client: Redis, runId: string, limits: BudgetLimits): Promise<void> {
  checkLimits(limits);
  const key = sharedBudgetKey(runId);
  const transaction = client.multi().del(key, claimsKey(runId));
  if (limits.maxCalls !== undefined || limits.maxCostUsd !== undefined) {
    transaction
      .hset(key, {
        session: randomUUID(),
        calls: 0,
        costMicros: 0,
        unknownCostCalls: 0,
        ...(limits.maxCalls === undefined ? {} : { maxCalls: limits.maxCalls }),
        ...(limits.maxCostUsd === undefined ? {} : { maxCostMicros: toMicros(limits.maxCostUsd) }),
      })
      .pexpire(key, BUDGET_TTL_MS);
  }
  const replies = await transaction.exec();
  const failed = replies?.find(([error]) => error !== null)?.[0];
  if (failed) throw failed;
}

/** Whether a budget is published for the run (false after a restart that lost Redis's data). */
export async function budgetPublished(client: Redis, runId: string): Promise<boolean> {
  return (await client.exists(sharedBudgetKey(runId))) === 1;
}

/** What the run's current session has spent across every process, or undefined when no budget is published. */
export async function readSharedSpent(client: Redis, runId: string): Promise<BudgetSpent | undefined> {
  const [calls, costMicros, unknownCostCalls] = await client.hmget(
    sharedBudgetKey(runId),
    "calls",
    "costMicros",
    "unknownCostCalls",
  );
  if (calls === null || calls === undefined) return undefined;
  return spentOf(calls, costMicros, unknownCostCalls);
}

export interface SharedBudgetOptions {
  /**
   * How long a claim holds a call against maxCalls without being settled (default 10 min). Longer than
   * any call with its retries and rate-limit waits: a call still running when its lease ends lets one
   * more call start elsewhere (and is still charged when it returns).
   */
  claimLeaseMs?: number;
  /** Tests only: the clock (ms) leases are measured with; by default Redis's own (TIME), one for every host. */
  now?: () => number;
  /**
   * Whether the run has limits (its stored budget): with none, a missing key means no budget and every
   * claim is granted; with some, it means Redis lost it (a restart without persistence, an eviction), so
   * claims wait for the coordinator to publish it again. Absent: a missing key is no budget.
   */
  budgetExpected?: () => Promise<boolean>;
  /** How long a claim waits for a lost budget before failing (default 30 s). */
  missingWaitMs?: number;
}

const MISSING_POLL_MS = 250;

/**
 * A BudgetTracker kept in Redis for one run, for the workers (and the coordinator) of a queued run: each
 * begin() is one atomic script (see BEGIN), finish() and cancel() another (see SETTLE).
 *
 * - `limits` are the published ones as read by the latest begin() (empty before the first, and when no
 *   budget is published), so a publish by the coordinator takes effect at the next call.
 * - `spent` is the session's total across every process, as last seen by this tracker (each begin and
 *   each settled claim refresh it), not a live value.
 * - Without a published budget every claim is granted and nothing is counted.
 */
export function createSharedBudgetTracker(
  client: Redis,
  runId: string,
  options: SharedBudgetOptions = {},
): BudgetTracker {
  const leaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  if (!(Number.isFinite(leaseMs) && leaseMs > 0))
    throw new ConfigError({ message: `claimLeaseMs must be a number > 0, got ${leaseMs}` });
  const clock = options.now;
  const keys = [sharedBudgetKey(runId), claimsKey(runId)] as const;
  let limits: BudgetLimits = {};
  let spent: BudgetSpent = { calls: 0, costUsd: 0, unknownCostCalls: 0 };

  const settle = async (token: string, session: string, charge: readonly [string, string]) => {
    const reply = await runBounded(client, SETTLE, keys, [token, session, ...charge, BUDGET_TTL_MS]);
    if (Array.isArray(reply) && reply.length === 3) spent = spentOf(reply[0], reply[1], reply[2]);
  };

  return {
    get limits() {
      return limits;
    },
    get spent() {
      return spent;
    },
    async begin(): Promise<BudgetClaim> {
      const token = randomUUID();
      const waitingSince = Date.now();
      let reply: unknown;
      for (;;) {
        const at = clock === undefined ? "" : String(clock());
        reply = await runBounded(client, BEGIN, keys, [at, leaseMs, token, BUDGET_TTL_MS]);
        if (!Array.isArray(reply))
          throw new Error(`unexpected reply from the budget script: ${String(reply)}`);
        if (String(reply[0]) !== "none") break;
        if (options.budgetExpected === undefined || !(await options.budgetExpected())) {
          limits = {};
          return { finish() {}, cancel() {} };
        }
        // The run has limits but Redis lost them: never spend unchecked; wait for the coordinator.
        if (Date.now() - waitingSince > (options.missingWaitMs ?? 30_000))
          throw new UnavailableError(
            `the budget of run ${runId} is missing from the work queue's Redis (restarted without persistence?)`,
            "the coordinator publishes it again when it reconnects; if it is not running, --resume the run",
          );
        await new Promise((resolve) => setTimeout(resolve, MISSING_POLL_MS));
      }
      const [verdict, session, calls, costMicros, unknownCostCalls, maxCalls, maxCostMicros] = (
        reply as unknown[]
      ).map(String);
      limits = {
        ...(maxCalls === "" || maxCalls === undefined ? {} : { maxCalls: numberOf(maxCalls) }),
        ...(maxCostMicros === "" || maxCostMicros === undefined
          ? {}
          : { maxCostUsd: fromMicros(numberOf(maxCostMicros)) }),
      };
      spent = spentOf(calls, costMicros, unknownCostCalls);
      if (verdict === "calls")
        throw new BudgetExceededError("calls", `the call budget is spent (${limits.maxCalls} calls)`);
      if (verdict === "cost")
        throw new BudgetExceededError(
          "cost",
          `the cost budget is spent ($${spent.costUsd.toFixed(4)} of $${limits.maxCostUsd})`,
        );
      const claimSession = session ?? "";
      let open = true;
      return {
        finish(result: Pick<GenerateResult, "cached" | "costUsd">) {
          if (!open) return;
          open = false;
          if (result.cached === true) return settle(token, claimSession, ["0", ""]);
          const cost = result.costUsd;
          const known = cost !== undefined && Number.isFinite(cost);
          return settle(token, claimSession, ["1", known ? String(toMicros(cost)) : ""]);
        },
        cancel() {
          if (!open) return;
          open = false;
          return settle(token, claimSession, ["0", ""]);
        },
      };
    },
  };
}
