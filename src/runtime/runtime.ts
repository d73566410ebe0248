import type { RunStore } from "../core/store-spec.js";
import { openStore } from "../store/open-store.js";
import { loadConfig, type ResolvedConfig } from "./config.js";

export interface RuntimeOptions {
  /** Explicit config file; otherwise benchsmith.config.(json|yaml|yml|ts) is looked up from cwd. */
  configPath?: string;
  /** SQLite file or postgres:// URL; default from config, else ./.benchsmith/benchsmith.sqlite. */
  storePath?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Show progress bars (CLI: stderr is a TTY). */
  interactive?: boolean;
  /** Print warnings only: no progress, no info lines. */
  quiet?: boolean;
  /** First Ctrl-C marks a started run "stopped" and aborts its signal; the second exits. Default true. */
  handleInterrupts?: boolean;
}

/** How the runtime was opened: what a run started in it inherits. */
export interface RuntimeSettings {
  cwd: string;
  env: NodeJS.ProcessEnv;
  interactive: boolean;
  quiet: boolean;
  handleInterrupts: boolean;
  /** The config file that was read, if any (recorded in each run's provenance). */
  configFile: string | undefined;
}

export interface Runtime {
  store: RunStore;
  /** Validated config: `store` absolute, `defaultModel` chosen. */
  config: ResolvedConfig;
  settings: RuntimeSettings;
  close(): Promise<void>;
}

/**
 * Loads the config (defaults < file < env < flags) and opens the store (creating its directory).
 * Throws ConfigError for a malformed config, UserInputError for an unusable store path.
 */
export async function openRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const loaded = await loadConfig({
    cwd,
    env,
    configPath: options.configPath,
    flags: { store: options.storePath },
  });
  const store = await openStore(loaded.config.store);
  return {
    store,
    config: loaded.config,
    settings: {
      cwd,
      env,
      interactive: options.interactive ?? false,
      quiet: options.quiet ?? false,
      handleInterrupts: options.handleInterrupts ?? true,
      configFile: loaded.path,
    },
    close: () => store.close(),
  };
}
