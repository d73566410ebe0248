import { demandOfRun, generatorsOfRun, type Runtime, StoredDataError, UserInputError } from "../../index.js";
import { printError } from "../output.js";

/** What the audit takes from the run that made the benchmark: its demand and its generator. */
export interface GeneratingRun {
  demand: string | undefined;
  generators: string[];
}

/** The demand and generator recorded by the run that made the benchmark (make stores both in its options). */
export async function readGeneratingRun(runtime: Runtime, runId: string): Promise<GeneratingRun> {
  const run = await runtime.store.getRun(runId);
  if (run === undefined)
    throw new UserInputError(`run ${runId} is not in the store`, "list runs with `benchsmith runs list`");
  try {
    return { demand: demandOfRun(run), generators: generatorsOfRun(run) };
  } catch (error) {
    if (!StoredDataError.isInstance(error)) throw error;
    printError(
      `warning: cannot read the spec of run ${runId} (${error.message}); pass --demand for alignment`,
    );
    return { demand: undefined, generators: [] };
  }
}
