import type { ZodType } from "zod";
import type { GenerateResult } from "./language-model.js";

/**
 * The store contract. Asynchronous, so a networked backend (PostgreSQL) implements the same contract;
 * every write resolves only once it is committed, and callers await it before the next step (decision 0009).
 */
export type RunStatus = "running" | "completed" | "stopped" | "failed";

export interface RunRecord {
  id: string;
  /** Pipeline or command: "make", "eval", "tune", "audit", ... */
  kind: string;
  status: RunStatus;
  /** Full spec needed to reproduce the run: config, model refs, seed, package version, git revision. */
  spec: Record<string, unknown>;
  /** Last summary the pipeline wrote (counts, costs, results path). */
  summary: Record<string, unknown> | undefined;
  createdAt: string;
  updatedAt: string;
}

export type ItemStatus = "accepted" | "rejected";

export interface StoredItem {
  runId: string;
  /** Position in the run (0-based slot). Re-running a slot after a crash overwrites, never duplicates. */
  slot: number;
  /** Attempt within the slot (rejected attempts keep their own rows). */
  attempt: number;
  status: ItemStatus;
  /** The item (accepted) or the candidate that was rejected, as JSON. */
  item: Record<string, unknown>;
  reason: string | undefined;
  createdAt: string;
}

export interface LlmCallRecord {
  /** Canonical hash of (provider, model, messages, params, sample index). */
  cacheKey: string;
  runId: string | undefined;
  provider: string;
  modelId: string;
  request: Record<string, unknown>;
  response: GenerateResult;
  latencyMs: number;
  costUsd: number | undefined;
  createdAt: string;
}

export interface EvaluationRecord {
  runId: string;
  modelRef: string;
  itemId: string;
  /** Raw model output. */
  response: string;
  /** Extracted answer (letter or normalised text); undefined when unparseable. */
  extracted: string | undefined;
  correct: boolean;
  score: number;
  details: Record<string, unknown> | undefined;
}

/** What identifies an evaluation within its run (the store's unique key with the run id). */
export interface EvaluationKey {
  modelRef: string;
  itemId: string;
}

/**
 * One call a run used: a call it paid for, or one whose cached response it was served (then the numbers
 * are the original call's: what the answer cost and how long it took when it was first made).
 */
export interface UsedCallRecord {
  cacheKey: string;
  /** The run that paid for the call (undefined when the call was recorded without one). */
  paidByRunId: string | undefined;
  /** True when the run was served the response from the cache rather than paying for it. */
  cached: boolean;
  provider: string;
  modelId: string;
  /** Calls answered by one provider request (samples of a request, texts of an embedding batch) share it. */
  requestId: string;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  latencyMs: number;
  costUsd: number | undefined;
  /** When the original call finished. */
  createdAt: string;
}

export interface ResponseCache {
  get(cacheKey: string): Promise<GenerateResult | undefined>;
  set(record: LlmCallRecord): Promise<void>;
  /**
   * Notes that `runId` was served these keys from the cache, so its accounting includes the original
   * calls. Idempotent per (run, key), and the key holds the sample index, so a resume adds nothing.
   * Committed before the promise resolves. Optional: a cache without per-run accounting leaves it out.
   */
  recordCacheHits?(runId: string, cacheKeys: readonly string[]): Promise<void>;
}

export interface RunStore extends ResponseCache {
  createRun(input: { id?: string; kind: string; spec: Record<string, unknown> }): Promise<RunRecord>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  listRuns(options?: { kind?: string; limit?: number }): Promise<RunRecord[]>;
  updateRun(
    runId: string,
    patch: { status?: RunStatus; summary?: Record<string, unknown> },
  ): Promise<RunRecord>;

  putItem(input: Omit<StoredItem, "createdAt">): Promise<void>;
  listItems(runId: string, options?: { status?: ItemStatus }): Promise<StoredItem[]>;

  /** Small JSON checkpoint values per run (spec, attributes, strategies, loop history). */
  putState(runId: string, key: string, value: unknown): Promise<void>;
  /** The stored value parsed by `schema`; a value that does not parse is a StoredDataError naming the key. */
  getState<T>(runId: string, key: string, schema: ZodType<T>): Promise<T | undefined>;

  /** All records are committed together (one transaction) before the promise resolves. */
  putEvaluations(records: readonly EvaluationRecord[]): Promise<void>;
  listEvaluations(runId: string): Promise<EvaluationRecord[]>;
  /**
   * The stored records of `runId` among `keys`, read by the (run, model, item) key rather than by listing
   * the run: missing keys are simply absent, a key given twice is returned once, order is unspecified.
   */
  getEvaluations(runId: string, keys: readonly EvaluationKey[]): Promise<EvaluationRecord[]>;
  /** How many items (by status) and evaluations the run holds, counted by the store (nothing is read). */
  countRunRows(runId: string): Promise<{ accepted: number; rejected: number; evaluations: number }>;

  /** Calls a run paid for (cache hits are not counted here; callsUsedBy lists them). */
  callStats(runId: string): Promise<{
    calls: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number | undefined;
  }>;

  /** Required of a store (optional on a plain ResponseCache). */
  recordCacheHits(runId: string, cacheKeys: readonly string[]): Promise<void>;
  /**
   * Every call the run used, each once: those it paid for, then those it was served from the cache
   * (recorded with recordCacheHits, paid for by another run), ordered by when the original call was made.
   */
  callsUsedBy(runId: string): Promise<UsedCallRecord[]>;

  close(): Promise<void>;
}
