import { type PipelineContext, silentLogger, silentProgress } from "../../src/core/context.js";
import { StoredDataError, UserInputError } from "../../src/core/errors.js";
import type { LanguageModel } from "../../src/core/language-model.js";
import { createRng } from "../../src/core/rng.js";
import type { RunStore, StoredItem } from "../../src/core/store-spec.js";
import { SOLVERS } from "./index.js";

/**
 * In-memory RunStore with just what the tune loop uses (state and items); JSON round-trips like SQLite,
 * and getState validates through its schema as the contract asks.
 */
export function createMemoryStore(): RunStore & { states: Map<string, string>; items: StoredItem[] } {
  const states = new Map<string, string>();
  const items: StoredItem[] = [];
  const unsupported = async (): Promise<never> => {
    throw new Error("not supported by the in-memory test store");
  };
  return {
    states,
    items,
    get: async () => undefined,
    set: async () => {},
    createRun: unsupported,
    getRun: async () => undefined,
    listRuns: async () => [],
    updateRun: unsupported,
    putItem: async (input) => {
      items.push({ ...input, createdAt: new Date(0).toISOString() });
    },
    listItems: async (runId) => items.filter((item) => item.runId === runId),
    putState: async (runId, key, value) => {
      states.set(`${runId}/${key}`, JSON.stringify(value ?? null));
    },
    getState: async (runId, key, schema) => {
      const text = states.get(`${runId}/${key}`);
      if (text === undefined) return undefined;
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      throw new StoredDataError(
        `state "${key}" of run ${runId}`,
        parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
      );
    },
    putEvaluations: async () => {},
    listEvaluations: async () => [],
    getEvaluations: async () => [],
    countRunRows: async () => ({ accepted: 0, rejected: 0, evaluations: 0 }),
    recordCacheHits: async () => {},
    callsUsedBy: async () => [],
    callStats: async () => ({ calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }),
    close: async () => {},
  };
}

/** A pipeline context whose resolveModel knows the solvers ("solver:sequence", ...) plus extra models. */
export function createSolverContext(
  options: { seed?: number; store?: RunStore; runId?: string; models?: Record<string, LanguageModel> } = {},
): PipelineContext {
  const seed = options.seed ?? 0;
  return {
    runId: options.runId ?? "test-run",
    store: options.store ?? createMemoryStore(),
    resolveModel(ref) {
      const extra = options.models?.[ref];
      if (extra) return extra;
      const name = ref.startsWith("solver:") ? ref.slice("solver:".length) : "";
      if (Object.hasOwn(SOLVERS, name)) return SOLVERS[name as keyof typeof SOLVERS](seed);
      throw new UserInputError(`unknown test model ${ref}`);
    },
    rng: createRng(seed),
    progress: silentProgress,
    log: silentLogger,
  };
}
