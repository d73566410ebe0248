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

export type { ProviderEntry, ProviderSettings } from "./provider-entry.js";
