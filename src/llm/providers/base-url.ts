import type { ProviderSettings } from "./provider-entry.js";

/**
 * The base URL a hosted provider calls, in the official SDKs' order: the config's `baseURL`, else the
 * first non-empty variable of `envVars` (read from `settings.env` only, passed through `fromEnv`),
 * else the provider's default. Trailing slashes are dropped.
 */
export function resolveBaseURL(options: {
  settings: Pick<ProviderSettings, "baseURL" | "env">;
  envVars: readonly string[];
  defaultBaseURL: string;
  /** Turns the variable's value into the URL our SDK wants (e.g. adds Anthropic's /v1). */
  fromEnv?: (value: string) => string;
}): string {
  if (options.settings.baseURL !== undefined) return options.settings.baseURL;
  for (const name of options.envVars) {
    const value = options.settings.env[name]?.trim();
    if (value) return (options.fromEnv ?? ((url: string) => url))(withoutTrailingSlash(value));
  }
  return options.defaultBaseURL;
}

/** OpenAI's SDK reads OPENAI_BASE_URL (with /v1); OPENAI_API_BASE is the older spelling many tools still set. */
export const OPENAI_BASE_URL_ENV = ["OPENAI_BASE_URL", "OPENAI_API_BASE"] as const;

/** Anthropic's SDK reads ANTHROPIC_BASE_URL. */
export const ANTHROPIC_BASE_URL_ENV = ["ANTHROPIC_BASE_URL"] as const;

/**
 * Anthropic's SDK appends /v1/messages to ANTHROPIC_BASE_URL (the API root, e.g. https://api.anthropic.com);
 * @ai-sdk/anthropic wants the URL up to /v1. A value already ending in /v1 is kept.
 */
export function anthropicURLFromEnv(value: string): string {
  return /\/v1$/.test(value) ? value : `${value}/v1`;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
