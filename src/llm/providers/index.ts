import type { EmbeddingModel } from "../../core/embedding-model.js";
import { UserInputError } from "../../core/errors.js";
import type { LanguageModel } from "../../core/language-model.js";
import { type ModelRef, parseModelRefWith } from "../../core/model-ref.js";
import { anthropicProvider } from "./anthropic.js";
import { googleProvider } from "./google.js";
import { localProvider } from "./local.js";
import { ollamaProvider } from "./ollama.js";
import { openaiProvider } from "./openai.js";
import { openaiCompatibleProvider } from "./openai-compatible.js";
import type { ProviderEntry, ProviderSettings } from "./provider-entry.js";

/** Every provider, keyed by the prefix used in model refs ("openai:gpt-4o-mini"). */
export const PROVIDERS = {
  openai: openaiProvider,
  anthropic: anthropicProvider,
  google: googleProvider,
  "openai-compatible": openaiCompatibleProvider,
  ollama: ollamaProvider,
  local: localProvider,
} as const satisfies Record<string, ProviderEntry>;

export type RegisteredProviderName = keyof typeof PROVIDERS;

/** The provider names, from the registry itself (no second list to keep in sync). */
export const PROVIDER_NAMES = Object.keys(PROVIDERS) as [RegisteredProviderName, ...RegisteredProviderName[]];

/** Parses "provider:model" against the registered providers (plus `extraProviders`, e.g. test solvers). */
export function parseModelRef(ref: string, extraProviders: readonly string[] = []): ModelRef {
  return parseModelRefWith(ref, [...PROVIDER_NAMES, ...extraProviders]);
}

/**
 * Parses a model ref and creates the provider's model (unwrapped: add middleware with wrapForRun).
 * Throws UserInputError for an unknown provider, a malformed ref or a missing API key.
 */
export function createProviderModel(ref: string | ModelRef, settings: ProviderSettings): LanguageModel {
  const parsed = typeof ref === "string" ? parseModelRef(ref) : ref;
  const entry: ProviderEntry | undefined = (PROVIDERS as Record<string, ProviderEntry>)[parsed.provider];
  if (entry === undefined) {
    throw new UserInputError(
      `provider "${parsed.provider}" is not available in this build`,
      `available providers: ${Object.keys(PROVIDERS).join(", ")}`,
    );
  }
  return entry.create(parsed, settings);
}

/** Providers with an embeddings API (the entries that declare `createEmbedding`). */
export const EMBEDDING_PROVIDER_NAMES: readonly RegisteredProviderName[] = PROVIDER_NAMES.filter(
  (name) => (PROVIDERS[name] as ProviderEntry).createEmbedding !== undefined,
);

/**
 * Parses a model ref and creates the provider's embedding model (unwrapped: add middleware with
 * wrapEmbeddingForRun). A provider without embeddings (anthropic) is a UserInputError naming those with.
 */
export function createProviderEmbeddingModel(
  ref: string | ModelRef,
  settings: ProviderSettings,
): EmbeddingModel {
  const parsed = typeof ref === "string" ? parseModelRef(ref) : ref;
  const entry: ProviderEntry | undefined = (PROVIDERS as Record<string, ProviderEntry>)[parsed.provider];
  if (entry?.createEmbedding === undefined) {
    throw new UserInputError(
      entry === undefined
        ? `provider "${parsed.provider}" is not available in this build`
        : `the ${parsed.provider} provider has no embeddings API, so "${parsed.ref}" cannot embed`,
      `providers that embed: ${EMBEDDING_PROVIDER_NAMES.join(", ")} (e.g. openai:text-embedding-3-small, ollama:nomic-embed-text, local:<path to .gguf>)`,
    );
  }
  return entry.createEmbedding(parsed, settings);
}

export type { ProviderEntry, ProviderSettings } from "./provider-entry.js";
