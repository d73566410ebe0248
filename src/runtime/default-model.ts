import { isApiKeySet } from "../llm/providers/api-key.js";
import { PROVIDERS } from "../llm/providers/index.js";
import type { ProviderConfig } from "./config-schema.js";

/** Hosted providers tried in order for a default model, each with a cheap model worth defaulting to. */
export const HOSTED_DEFAULT_MODELS = [
  { provider: "openai", model: "openai:gpt-4o-mini" },
  { provider: "anthropic", model: "anthropic:claude-3-5-haiku-latest" },
  { provider: "google", model: "google:gemini-2.0-flash" },
] as const satisfies readonly { provider: keyof typeof PROVIDERS; model: string }[];

/** Runs without any key: the small embedded llama.cpp model (downloaded once). */
export const LOCAL_DEFAULT_MODEL = "local:qwen2.5-0.5b-instruct";

/**
 * The model a command uses when given none: the configured one, else the first hosted provider
 * whose key variable is set (the config's apiKeyEnv wins over the usual name), else the local model.
 */
export function chooseDefaultModel(options: {
  configured: string | undefined;
  providers: Partial<Record<string, ProviderConfig>> | undefined;
  env: NodeJS.ProcessEnv;
}): string {
  if (options.configured !== undefined) return options.configured;
  for (const candidate of HOSTED_DEFAULT_MODELS) {
    const apiKeyEnv = options.providers?.[candidate.provider]?.apiKeyEnv;
    const { keyEnv } = PROVIDERS[candidate.provider];
    if (isApiKeySet({ keyEnv, apiKeyEnv, env: options.env })) return candidate.model;
  }
  return LOCAL_DEFAULT_MODEL;
}
