import type { EmbeddingModel } from "../../core/embedding-model.js";
import type { LanguageModel } from "../../core/language-model.js";
import type { ModelRef } from "../../core/model-ref.js";
import type { DownloadReporter } from "./local-model-files.js";

/** What a provider factory gets: keys are read only inside the factory, from here or the environment. */
export interface ProviderSettings {
  /** A key handed over directly (library use); otherwise the factory reads it from `env`. */
  apiKey?: string;
  /** The variable holding the key, when not the provider's usual one (config `apiKeyEnv`). */
  apiKeyEnv?: string;
  baseURL?: string;
  /** Injectable fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout in ms. */
  timeoutMs?: number;
  env: NodeJS.ProcessEnv;
  /** Provider-specific extras from config (e.g. local: cacheDir, aliases, contextSize). */
  options?: Record<string, unknown>;
  /** Providers that fetch model files (local:<alias>) report the download here; the CLI draws a bar. */
  onDownloadProgress?: DownloadReporter;
}

/** One entry of the provider map; declares its own metadata beside its factory. */
export interface ProviderEntry {
  readonly id: string;
  readonly description: string;
  /** Env var holding the API key; undefined for providers that need none. */
  readonly keyEnv: string | undefined;
  readonly defaultBaseURL: string | undefined;
  /**
   * How the samples of one request (make's L candidates and T answers) reach the provider: in one
   * request (OpenAI `n`), from one evaluated prompt (the embedded model, with one sequence), or as
   * separate requests. The first two create models with `doGenerateSamples`.
   */
  readonly samples: "one-request" | "one-evaluated-prompt" | "separate-requests";
  /** Creates a model. Must not do network or heavy I/O here: load lazily on the first call. */
  create(ref: ModelRef, settings: ProviderSettings): LanguageModel;
  /** Creates an embedding model, for providers with an embeddings API (same rules as `create`). */
  createEmbedding?(ref: ModelRef, settings: ProviderSettings): EmbeddingModel;
}
