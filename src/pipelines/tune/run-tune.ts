import type { PipelineContext } from "../../core/context.js";
import { BudgetExceededError, UserInputError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { DESIGNERS, type DesignerName } from "./designers/index.js";
import type { RemoteTune } from "./evaluate-items.js";
import { buildFinalBenchmark, type FinalBenchmark } from "./final-benchmark.js";
import { bestEntry, type HistoryEntry, TUNE_STATE_KEY, type TuneState, TuneStateSchema } from "./history.js";
import { resolveTemplate } from "./load-template.js";
import { describeParams } from "./param-space.js";
import { runIteration } from "./run-iteration.js";
import { resolveTuneOptions, type TuneOptions } from "./tune-options.js";

export type { TuneOptions } from "./tune-options.js";

export interface TuneResult {
  runId: string;
  template: string;
  designer: DesignerName;
  targetAccuracy: number;
  history: HistoryEntry[];
  best: HistoryEntry | undefined;
  stopReason: "converged" | "max-iters" | "single-proposal" | "budget";
  /** Iterations measured (not counting confirmations). */
  iterations: number;
  /**
   * Undefined only when the budget ran out before anything could be measured; after a budget stop
   * with a best entry it is emitted unmeasured (`measured: false`).
   */
  final: FinalBenchmark | undefined;
}

/**
 * BeTaL loop: the designer proposes params, the target model is measured on fresh items, until the
 * accuracy is within tolerance (confirmed on a fresh sample; designers that measure all N go on) or
 * iterations/budget run out; then the benchmark is generated from the best params with a fresh seed
 * and measured (unless the budget ran out), its deviation with an interval. Each iteration is committed.
 */
export async function tuneBenchmark(options: TuneOptions, context: PipelineContext): Promise<TuneResult> {
  const resolved = resolveTuneOptions(options);
  const { tolerance, maxIters, itemsPerIter, seed, concurrency } = resolved;
  const designerName = resolved.designer;
  const designer = DESIGNERS[designerName];
  const target = resolved.targetAccuracy;
  const template =
    typeof options.template === "string" ? await resolveTemplate(options.template) : options.template;
  const { specs, problems } = describeParams(template.paramsSchema);
  if (problems.length) throw new UserInputError(`template ${template.name}: ${problems.join("; ")}`);
  const model = context.resolveModel(options.targetModel);
  const { store, runId } = context;
  const remote = remoteTune(options, runId);
  const state: TuneState = (await store.getState(runId, TUNE_STATE_KEY, TuneStateSchema)) ?? { history: [] };
  const commit = () => store.putState(runId, TUNE_STATE_KEY, state);

  let stopReason: TuneResult["stopReason"] = "max-iters";
  try {
    for (;;) {
      if (designer.stopsWhenConfirmed && state.history.some((entry) => entry.confirmed)) {
        stopReason = "converged";
        break;
      }
      if (designer.singleProposal && state.history.length >= 1) {
        stopReason = "single-proposal";
        break;
      }
      const iteration = state.history.length;
      if (iteration >= maxIters) break;
      context.progress.start(`tune iteration ${iteration + 1}/${maxIters}`, undefined);
      if (!state.pending) {
        state.pending = await designer.propose({
          template,
          specs,
          target,
          tolerance,
          history: state.history,
          iteration,
          maxIters,
          rng: createRng(`${seed}:designer:${iteration}`),
          context,
          model: options.designerModel,
          temperature: resolved.designerTemperature,
        });
        await commit();
      }
      const entry = await runIteration({
        template,
        proposal: state.pending,
        iteration,
        seed,
        itemsPerIter,
        target,
        tolerance,
        model,
        concurrency,
        signal: context.signal,
        remote,
      });
      state.history.push(entry);
      delete state.pending;
      await commit();
      context.progress.finish();
      options.onIteration?.(entry);
    }
  } catch (error) {
    if (!BudgetExceededError.isInstance(error)) throw error;
    // Out of budget: stop cleanly and keep what was measured.
    context.log.warn(`tune stopped: ${error.message}`);
    stopReason = "budget";
  }

  const best = bestEntry(state.history, target);
  let final: FinalBenchmark | undefined;
  if (best) {
    // Out of budget: still emit the best params' items, just without measuring them.
    final = await buildFinalBenchmark({
      template,
      best,
      seed,
      size: resolved.finalItems,
      target,
      tolerance,
      model,
      concurrency,
      measure: stopReason !== "budget",
      signal: context.signal,
      remote,
    });
    // Awaited one by one: every write is committed before the run moves on.
    for (const [slot, item] of final.items.entries()) {
      await store.putItem({
        runId,
        slot,
        attempt: 0,
        status: "accepted",
        item: item as Record<string, unknown>,
        reason: undefined,
      });
    }
  }
  return {
    runId,
    template: template.name,
    designer: designerName,
    targetAccuracy: target,
    history: state.history,
    best,
    stopReason,
    iterations: state.history.length,
    final,
  };
}

/** The queue side of a run (`options.remote`); workers load the template by reference, so it must be one. */
function remoteTune(options: TuneOptions, runId: string): RemoteTune | undefined {
  if (options.remote === undefined) return undefined;
  if (typeof options.template !== "string")
    throw new UserInputError(
      "a tune on queue workers needs its template as a built-in name or a module path",
      "pass the template by name or path, so every worker can load it",
    );
  return { evaluator: options.remote, runId, modelRef: options.targetModel, template: options.template };
}
