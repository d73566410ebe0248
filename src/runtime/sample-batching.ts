import { PROVIDER_NAMES } from "../llm/providers/index.js";
import type { ResolvedConfig } from "./config-schema.js";

/**
 * The config with `batchSamples: false` for every provider (make's `--no-batch-samples`): each sample
 * is its own request, the paper's design. Used by make in-process and by a queue worker for its units.
 */
export function withoutSampleBatching(config: ResolvedConfig): ResolvedConfig {
  const providers = { ...config.providers };
  for (const name of PROVIDER_NAMES) providers[name] = { ...providers[name], batchSamples: false };
  return { ...config, providers };
}
