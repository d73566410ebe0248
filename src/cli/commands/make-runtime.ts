import { PROVIDER_NAMES, parseRunSpec, type Runtime } from "../../index.js";

/**
 * `--no-batch-samples`: the runtime with `batchSamples: false` set for every provider, so each sample
 * is its own request (the paper's design). The run's provenance records the config it ran with.
 */
export function unbatchedSamples(runtime: Runtime): Runtime {
  const providers = { ...runtime.config.providers };
  for (const name of PROVIDER_NAMES) providers[name] = { ...providers[name], batchSamples: false };
  return { ...runtime, config: { ...runtime.config, providers } };
}

/** The batchSamples option a stored make run started with (undefined when there is no such run: startRun says why). */
export async function storedBatchSamples(
  runtime: Runtime,
  runId: string | undefined,
): Promise<boolean | undefined> {
  if (runId === undefined) return undefined;
  const run = await runtime.store.getRun(runId);
  if (run?.kind !== "make") return undefined;
  return parseRunSpec("make", run).options.batchSamples;
}
