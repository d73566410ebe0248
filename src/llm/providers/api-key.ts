import { UserInputError } from "../../core/errors.js";
import type { ProviderSettings } from "./provider-entry.js";

/**
 * The API key from settings (read by the caller, e.g. from the variable the config's apiKeyEnv
 * names) or the environment. Config files never hold keys, so the hint names env vars only. A
 * missing required key is a user mistake caught at create() time. Never logged.
 */
export function readApiKey(options: {
  provider: string;
  keyEnv: string;
  settings: ProviderSettings;
  required: boolean;
}): string | undefined {
  const fromSettings = options.settings.apiKey?.trim();
  const renamed = options.settings.apiKeyEnv;
  const fromEnv = options.settings.env[renamed ?? options.keyEnv]?.trim();
  const key = fromSettings || fromEnv || undefined;
  if (key === undefined && renamed !== undefined) {
    // The config named the variable, so an empty one is a mistake even for providers whose key is optional.
    throw new UserInputError(
      `the ${options.provider} provider's key variable ${renamed} (set by apiKeyEnv in the config) is empty`,
      `export ${renamed}=...`,
    );
  }
  if (key === undefined && options.required) {
    throw new UserInputError(
      `the ${options.provider} provider needs an API key and none is set`,
      `export ${options.keyEnv}=... (or name a different variable with providers.${options.provider}.apiKeyEnv in the config)`,
    );
  }
  return key;
}

/** Whether a provider's key variable (or the config's renamed one) holds a value; never returns the value. */
export function isApiKeySet(options: {
  keyEnv: string | undefined;
  apiKeyEnv: string | undefined;
  env: NodeJS.ProcessEnv;
}): boolean {
  const variable = options.apiKeyEnv ?? options.keyEnv;
  return variable !== undefined && (options.env[variable] ?? "").trim().length > 0;
}

/** Keys to scrub from error text. */
export function secretsOf(key: string | undefined): string[] {
  return key === undefined ? [] : [key];
}
