import type { EmbeddingModel } from "./embedding-model.js";
import type { LanguageModel } from "./language-model.js";
import type { Rng } from "./rng.js";
import type { RunStore } from "./store-spec.js";

/** Progress of a long step; the CLI renders it as a bar, tests ignore it. */
export interface ProgressReporter {
  start(label: string, total: number | undefined): void;
  advance(by?: number, note?: string): void;
  finish(note?: string): void;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * What a pipeline, evaluator or audit gets from its caller. Models come already wrapped
 * (cache, retry, rate limit, cost, budget); pipelines never import a provider.
 */
export interface PipelineContext {
  runId: string;
  store: RunStore;
  /** Resolves a model ref ("openai:gpt-4o-mini") to a ready, wrapped model. */
  resolveModel(ref: string): LanguageModel;
  /**
   * Resolves an embedding model ref ("openai:text-embedding-3-small", "local:<path>.gguf") to a ready,
   * wrapped embedding model (per-text cache, batching, budget, cost, retry, rate limit). Absent in
   * contexts that never embed; a provider without embeddings throws UserInputError.
   */
  resolveEmbedder?(ref: string): EmbeddingModel;
  rng: Rng;
  progress: ProgressReporter;
  log: Logger;
  signal?: AbortSignal;
}

export const silentProgress: ProgressReporter = {
  start: () => {},
  advance: () => {},
  finish: () => {},
};

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
};
