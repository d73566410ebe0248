import { z } from "zod";
import { BenchsmithError } from "../core/errors.js";
import { PROVIDER_NAMES, parseModelRef } from "../llm/providers/index.js";
import { storeLocationProblem } from "../store/postgres-url.js";

const modelRef = z.string().superRefine((value, context) => {
  try {
    parseModelRef(value);
  } catch (error) {
    context.addIssue({
      code: "custom",
      message: BenchsmithError.isInstance(error) ? error.message : String(error),
    });
  }
});

/** Per-provider settings. Keys are never written here: only the name of the env var that holds one. */
export const ProviderConfigSchema = z.strictObject({
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name, e.g. MY_OPENAI_KEY")
    .optional(),
  // Caught by name so the message can say where keys belong instead of "unrecognized key".
  apiKey: z
    .never({ error: "API keys are read only from environment variables: name one with apiKeyEnv" })
    .optional(),
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  concurrency: z.int().min(1).optional(),
  requestsPerMinute: z.number().positive().optional(),
  tokensPerMinute: z.number().positive().optional(),
  timeoutMs: z.int().positive().optional(),
  maxRetries: z.int().min(0).max(20).optional(),
  /** Several samples of one prompt in one request where the provider can (default true; false is the paper's design). */
  batchSamples: z.boolean().optional(),
});

export const PriceSchema = z.strictObject({
  inputPerMillion: z.number().min(0),
  outputPerMillion: z.number().min(0),
  /** Input tokens read from the provider's prompt cache; unset = unknown, never guessed. */
  cachedInputPerMillion: z.number().min(0).optional(),
  /** Input tokens written to the prompt cache (Anthropic). */
  cacheWriteInputPerMillion: z.number().min(0).optional(),
});

/** The config file's shape (every field optional). */
export const ConfigSchema = z.strictObject({
  /** The run store: a SQLite file path, or a postgres:// URL (its password only from the URL or PGPASSWORD). */
  store: z
    .string()
    .min(1)
    .superRefine((value, context) => {
      const problem = storeLocationProblem(value);
      if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  /** Model used when a command gets no --model. */
  defaultModel: modelRef.optional(),
  providers: z.partialRecord(z.enum(PROVIDER_NAMES), ProviderConfigSchema).optional(),
  /** USD per million tokens, keyed "provider:model" (openai-compatible: the full model ref). */
  prices: z
    .record(z.string().regex(/^[a-z-]+:.+$/, 'keys look like "provider:model"'), PriceSchema)
    .optional(),
  /** The embedded llama.cpp provider's extras. */
  local: z
    .strictObject({
      cacheDir: z.string().min(1).optional(),
      aliases: z.record(z.string().min(1), z.string().min(1)).optional(),
      contextSize: z.int().positive().optional(),
      /** CPU threads per generation; more threads than cores slows llama.cpp down sharply. */
      threads: z.int().positive().optional(),
      /** Requests served in parallel from one loaded model. */
      sequences: z.int().positive().optional(),
    })
    .optional(),
});

/** What a config file may hold. Use with `defineConfig` in a benchsmith.config.ts for type checking. */
export type BenchsmithConfig = z.input<typeof ConfigSchema>;
export type ProviderConfig = z.output<typeof ProviderConfigSchema>;

/** The merged, validated config a runtime works with: store path absolute, default model chosen. */
export type ResolvedConfig = z.output<typeof ConfigSchema> & { store: string; defaultModel: string };

/** Identity helper giving a `benchsmith.config.ts` editor completion and type errors. */
export function defineConfig(config: BenchsmithConfig): BenchsmithConfig {
  return config;
}
