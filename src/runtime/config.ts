import { dirname, resolve } from "node:path";
import type { z } from "zod";
import { ConfigError } from "../core/errors.js";
import { isPostgresUrl } from "../store/postgres-url.js";
import { findConfigFile, readConfigFile } from "./config-file.js";
import { ConfigSchema, type ResolvedConfig } from "./config-schema.js";
import { chooseDefaultModel } from "./default-model.js";

export { type BenchsmithConfig, defineConfig, type ResolvedConfig } from "./config-schema.js";

/** Where the store goes when nothing says otherwise (relative to the working directory). */
export const DEFAULT_STORE_PATH = ".benchsmith/benchsmith.sqlite";

/** Environment variables read as config (API keys are read by the providers, never stored here). */
export const CONFIG_ENV = {
  configPath: "BENCHSMITH_CONFIG",
  store: "BENCHSMITH_STORE",
  defaultModel: "BENCHSMITH_DEFAULT_MODEL",
} as const;

export interface LoadConfigOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** --config; else BENCHSMITH_CONFIG; else benchsmith.config.* in cwd. */
  configPath?: string | undefined;
  /** Command-line values, the last and strongest layer. */
  flags?: { store?: string | undefined; defaultModel?: string | undefined };
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** The config file used, if any. */
  path: string | undefined;
}

/**
 * Merges defaults < config file < environment < flags, validating each layer so a problem names
 * its source. A relative `store`/`local.cacheDir` in a file is relative to that file.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const configPath = options.configPath ?? nonEmpty(options.env[CONFIG_ENV.configPath]);
  const path = findConfigFile({ cwd: options.cwd, configPath });
  const fromFile =
    path === undefined ? {} : relativeTo(dirname(path), validate(await readConfigFile(path), path));
  const fromEnv = validate(
    dropUndefined({
      store: nonEmpty(options.env[CONFIG_ENV.store]),
      defaultModel: nonEmpty(options.env[CONFIG_ENV.defaultModel]),
    }),
    "environment",
  );
  const fromFlags = validate(dropUndefined({ ...options.flags }), "command-line flags");

  const merged = mergeLayers([{ store: DEFAULT_STORE_PATH }, fromFile, fromEnv, fromFlags]);
  const config: ResolvedConfig = {
    ...merged,
    store: storeLocation(options.cwd, merged.store ?? DEFAULT_STORE_PATH),
    defaultModel: chooseDefaultModel({
      configured: merged.defaultModel,
      providers: merged.providers,
      env: options.env,
    }),
  };
  return { config, path };
}

type Config = z.output<typeof ConfigSchema>;

/** Validates one layer; every issue becomes one line "field.path: message". */
export function validate(value: unknown, source: string): Config {
  const parsed = ConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "(top level)";
    return `${field}: ${issue.message}`;
  });
  throw new ConfigError({
    message: `invalid config in ${source} (${issues.length} problem${issues.length === 1 ? "" : "s"})`,
    ...(source.includes("/") || source.includes("\\") ? { path: source } : {}),
    issues,
    hint: "fix the fields listed above; see the config reference in the README",
  });
}

/** Later layers win field by field; the map-valued sections merge per entry. */
function mergeLayers(layers: readonly Config[]): Config {
  const merged: Config = {};
  for (const layer of layers) {
    if (layer.store !== undefined) merged.store = layer.store;
    if (layer.defaultModel !== undefined) merged.defaultModel = layer.defaultModel;
    if (layer.prices !== undefined) merged.prices = { ...merged.prices, ...layer.prices };
    if (layer.local !== undefined) merged.local = { ...merged.local, ...layer.local };
    if (layer.providers !== undefined) {
      const providers = { ...merged.providers };
      for (const [name, settings] of Object.entries(layer.providers) as [keyof typeof providers, object][]) {
        providers[name] = { ...providers[name], ...settings };
      }
      merged.providers = providers;
    }
  }
  return merged;
}

function relativeTo(directory: string, config: Config): Config {
  return {
    ...config,
    ...(config.store === undefined ? {} : { store: storeLocation(directory, config.store) }),
    ...(config.local?.cacheDir === undefined
      ? {}
      : { local: { ...config.local, cacheDir: resolve(directory, config.local.cacheDir) } }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim().length === 0 ? undefined : value.trim();
}

function dropUndefined(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Record<
    string,
    string
  >;
}

/** A SQLite path is made absolute against `directory`; a postgres:// URL is a location as it stands. */
function storeLocation(directory: string, store: string): string {
  return isPostgresUrl(store) ? store.trim() : resolve(directory, store);
}
