import { parseRunSpec, type Runtime } from "../../index.js";
import { withoutSampleBatching } from "../../internal.js";

/**
 * `--no-batch-samples`: the runtime with `batchSamples: false` set for every provider, so each sample
 * is its own request (the paper's design). The run's provenance records the config it ran with.
 */
export function unbatchedSamples(runtime: Runtime): Runtime {
  return { ...runtime, config: withoutSampleBatching(runtime.config) };
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
