/**
 * What the local chat and embedding models share: the llama.cpp runtime, one loaded model per GGUF
 * file, the provider's options, and llama.cpp's last log lines for error messages.
 */
import { availableParallelism } from "node:os";
import type { Llama, LlamaModel } from "node-llama-cpp";
import { z } from "zod";
import { ConfigError, ProviderCallError, UnavailableError } from "../../core/errors.js";
import type { DownloadReporter } from "./local-model-files.js";
import type { ProviderSettings } from "./provider-entry.js";

const localOptionsSchema = z.object({
  cacheDir: z.string().optional(),
  aliases: z.record(z.string(), z.string()).optional(),
  /** Tokens per sequence; default min(4096, what the model was trained on). */
  contextSize: z.number().int().positive().optional(),
  /** CPU threads per evaluation; default the machine's math cores. */
  threads: z.number().int().positive().optional(),
  /** Parallel sequences (requests served at once); default 1. */
  sequences: z.number().int().min(1).max(16).optional(),
  onDownloadProgress: z.custom<DownloadReporter>((value) => typeof value === "function").optional(),
});
export type LocalOptions = z.infer<typeof localOptionsSchema>;

/** The local provider's config options, validated (ConfigError naming the bad fields). */
export function parseLocalOptions(settings: ProviderSettings): LocalOptions {
  const parsed = localOptionsSchema.safeParse(settings.options ?? {});
  if (!parsed.success) {
    throw new ConfigError({
      message: "invalid options for the local provider",
      issues: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
      hint: "options: cacheDir, aliases, contextSize, threads, sequences",
    });
  }
  return parsed.data;
}

/** Tokens per sequence when the config sets none (capped by what the model was trained on). */
export const DEFAULT_CONTEXT_SIZE = 4096;

// Process-wide: one llama.cpp runtime, one loaded model per file path (contexts live with their users).
let llamaPromise: Promise<Llama> | undefined;
const modelFiles = new Map<string, Promise<LlamaModel>>();
const disposeHooks = new Set<() => Promise<void>>();
const recentLogs: string[] = [];

function recordLog(level: string, message: string): void {
  recentLogs.push(`${level}: ${message.trim()}`);
  if (recentLogs.length > 20) recentLogs.shift();
}

/** The process-wide llama.cpp runtime (CPU only, prebuilt binaries only). */
export async function getLlamaRuntime(): Promise<Llama> {
  llamaPromise ??= (async () => {
    let module: typeof import("node-llama-cpp");
    try {
      module = await import("node-llama-cpp");
    } catch (error) {
      throw new UnavailableError(
        `node-llama-cpp could not be loaded: ${messageOf(error)}`,
        "npm install node-llama-cpp",
      );
    }
    try {
      // build: "never" — compiling llama.cpp from source is out of scope for a CLI run.
      return await module.getLlama({
        gpu: false,
        build: "never",
        skipDownload: true,
        progressLogs: false,
        maxThreads: availableParallelism(),
        logLevel: module.LlamaLogLevel.warn,
        logger: recordLog,
      });
    } catch (error) {
      throw new UnavailableError(
        `no prebuilt llama.cpp binary works on ${process.platform}-${process.arch}: ${messageOf(error)}`,
        "use ollama: or openai-compatible: instead, or a platform node-llama-cpp ships binaries for",
      );
    }
  })();
  return llamaPromise;
}

/** The llama.cpp model of a GGUF file, loaded once per process and shared by chat and embedding contexts. */
export function sharedLlamaModel(path: string): Promise<LlamaModel> {
  let loaded = modelFiles.get(path);
  if (loaded === undefined) {
    loaded = (async () => {
      const llama = await getLlamaRuntime();
      try {
        return await llama.loadModel({ modelPath: path, gpuLayers: 0 });
      } catch (error) {
        throw new ProviderCallError({
          provider: "local",
          message: `could not load ${path}: ${messageOf(error)}${lastLogLine()}`,
          isRetryable: false,
          hint: "check that the file is a complete GGUF model llama.cpp supports (delete and re-download it if unsure)",
          cause: error,
        });
      }
    })();
    // A failed load is not cached, so fixing the file and retrying works.
    loaded.catch(() => modelFiles.delete(path));
    modelFiles.set(path, loaded);
  }
  return loaded;
}

/**
 * Registers cleanup that disposeLocalModels runs before freeing the models: the chat and embedding
 * modules each register one for their contexts, once, when first loaded.
 */
export function onDisposeLocalModels(hook: () => Promise<void>): void {
  disposeHooks.add(hook);
}

/** CPU threads per evaluation: the configured number, else the machine's math cores. */
export function localThreads(llama: Llama, options: LocalOptions): number {
  return options.threads ?? Math.max(1, Math.min(llama.cpuMathCores, availableParallelism()));
}

/** Frees every context (through the registered hooks), every loaded model and the runtime. Safe to call twice. */
export async function disposeLocalModels(): Promise<void> {
  for (const hook of disposeHooks) await hook();
  const models = [...modelFiles.values()];
  modelFiles.clear();
  for (const loaded of await Promise.allSettled(models)) {
    if (loaded.status === "fulfilled") await loaded.value.dispose();
  }
  const llama = llamaPromise;
  llamaPromise = undefined;
  const runtime = await llama?.catch(() => undefined);
  await runtime?.dispose();
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The last llama.cpp log line, as a suffix for error messages ("" when none). */
export function lastLogLine(): string {
  const last = recentLogs.at(-1);
  return last ? ` (llama.cpp: ${last})` : "";
}
