import { UserInputError } from "../core/errors.js";
import { isApiKeySet } from "../llm/providers/api-key.js";
import { PROVIDERS, type ProviderEntry, parseModelRef } from "../llm/providers/index.js";
import type { ResolvedConfig } from "./config-schema.js";
import { createModelResolver, providerConfigOf } from "./model-resolver.js";

/** A model whose provider refuses to work without a key, and the variable that would hold it. */
export interface MissingKey {
  ref: string;
  variable: string;
}

export interface KeyCheckOptions {
  config: ResolvedConfig;
  env: NodeJS.ProcessEnv;
}

/** Stands in for a key while asking a provider whether the key is all it lacks; never sent anywhere. */
const PLACEHOLDER_KEY = "benchsmith-preflight-placeholder";

/**
 * The refs (in order, each once) whose provider needs a key the environment does not hold. The variable
 * is the provider's own (the registry's `keyEnv`) or the one the config's `providers.<name>.apiKeyEnv`
 * names. Whether a provider needs its key is the provider's own rule (openai, anthropic, google do; an
 * openai-compatible server does only when apiKeyEnv names a variable; ollama and local never): its
 * factory is asked, through the resolver a run uses, with the environment as it is and with a
 * placeholder in the variable; a model it refuses only without the key lacks one. Factories do no I/O
 * (ProviderEntry.create), so nothing is called. Refs this cannot judge (an unknown provider, a malformed
 * ref, another refusal) are left to the run, which reports them as before.
 */
export function findMissingKeys(refs: readonly string[], options: KeyCheckOptions): MissingKey[] {
  const missing: MissingKey[] = [];
  for (const ref of new Set(refs.map((candidate) => candidate.trim()))) {
    const variable = keyVariableOf(ref, options.config);
    if (variable === undefined || isApiKeySet({ keyEnv: variable, apiKeyEnv: undefined, env: options.env }))
      continue;
    const refused = (env: NodeJS.ProcessEnv): boolean => {
      try {
        createModelResolver({ config: options.config, env, retry: false })(ref);
        return false;
      } catch {
        return true;
      }
    };
    if (refused(options.env) && !refused({ ...options.env, [variable]: PLACEHOLDER_KEY }))
      missing.push({ ref, variable });
  }
  return missing;
}

/**
 * One UserInputError naming every model without its key, grouped by variable:
 * `no API key for openai:a, openai:b: set OPENAI_API_KEY; for anthropic:c: set ANTHROPIC_API_KEY`.
 */
export function missingKeysError(missing: readonly MissingKey[]): UserInputError | undefined {
  if (missing.length === 0) return undefined;
  const byVariable = new Map<string, string[]>();
  for (const { ref, variable } of missing)
    byVariable.set(variable, [...(byVariable.get(variable) ?? []), ref]);
  const groups = [...byVariable].map(([variable, refs]) => `${refs.join(", ")}: set ${variable}`);
  return new UserInputError(
    `no API key for ${groups.join("; for ")}`,
    "export it in this shell (or name another variable with providers.<provider>.apiKeyEnv in the config); " +
      "`benchsmith models list` shows each provider's key variable and whether it is set",
  );
}

/** Throws the missingKeysError of these refs, if any lacks its key. */
export function assertProviderKeys(refs: readonly string[], options: KeyCheckOptions): void {
  const error = missingKeysError(findMissingKeys(refs, options));
  if (error !== undefined) throw error;
}

/** The variable the ref's provider reads its key from (config apiKeyEnv first); undefined if it has none. */
function keyVariableOf(ref: string, config: ResolvedConfig): string | undefined {
  let provider: string;
  try {
    provider = parseModelRef(ref).provider;
  } catch {
    return undefined;
  }
  const entry: ProviderEntry | undefined = (PROVIDERS as Record<string, ProviderEntry>)[provider];
  if (entry === undefined) return undefined;
  return providerConfigOf(config, provider).apiKeyEnv ?? entry.keyEnv;
}
