import type { LanguageModel } from "../../core/language-model.js";
import type { RunStore } from "../../core/store-spec.js";
import { type CallLedger, ledgerMiddleware } from "./call-ledger.js";
import type { ResolvedMakeOptions } from "./options.js";
import { MAKE_PROMPTS } from "./prompts.js";
import { expandDemand, generateAttributes, generateStrategies, paraphraseDemand } from "./setup-steps.js";
import { type MakeSpec, MakeSpecSchema } from "./spec.js";

/** Run-state key of the spec (steps 1-3 output), so a resumed run never regenerates it. */
export const SPEC_STATE_KEY = "make/spec";

/**
 * Steps 0-3a, once per run: a spec stored with the run wins (resume); otherwise the parts the
 * user supplied (`--spec`) are kept and only the missing ones generated. The result is committed
 * to run state before any item is made.
 */
export async function prepareSpec(options: {
  options: ResolvedMakeOptions;
  store: RunStore;
  runId: string;
  generator: LanguageModel;
  ledger: CallLedger;
}): Promise<{ spec: MakeSpec; warnings: string[]; reused: boolean }> {
  const { options: resolved, store, runId, ledger, generator } = options;
  const stored = await store.getState(runId, SPEC_STATE_KEY, MakeSpecSchema);
  if (stored !== undefined) return { spec: stored, warnings: [], reused: true };

  const given = resolved.spec ?? {};
  const warnings: string[] = [];
  const note = <T>(outcome: { value: T; warning?: string }): T => {
    if (outcome.warning) warnings.push(outcome.warning);
    return outcome.value;
  };
  const model = (step: string) => ledgerMiddleware(ledger, step)(generator);
  const demand = given.demand ?? resolved.demand;

  let paraphrasedDemand = given.paraphrasedDemand;
  if (resolved.paraphraseDemand && paraphrasedDemand === undefined) {
    paraphrasedDemand = note(
      await paraphraseDemand({ model: model(MAKE_PROMPTS.paraphraseDemand.step), demand }),
    );
  }
  const working = paraphrasedDemand ?? demand;
  // The direct baseline only sends the demand, so it needs no description.
  const description =
    given.description ??
    (resolved.direct
      ? { task: working, query: "(direct baseline)", options: "(direct baseline)" }
      : note(
          await expandDemand({
            model: model(MAKE_PROMPTS.expandDemand.step),
            demand: working,
            optionCount: resolved.optionCount,
          }),
        ));
  let attributes = given.attributes;
  if (resolved.attributes && attributes === undefined) {
    attributes = note(
      await generateAttributes({
        model: model(MAKE_PROMPTS.generateAttributes.step),
        demand: working,
        task: description.task,
      }),
    );
  }
  let strategies = given.strategies;
  if (resolved.strategies && strategies === undefined) {
    strategies = note(
      await generateStrategies({
        model: model(MAKE_PROMPTS.generateStrategies.step),
        demand: working,
        task: description.task,
        levels: resolved.difficultyLevels,
      }),
    );
  }
  const spec: MakeSpec = {
    demand,
    ...(paraphrasedDemand !== undefined && paraphrasedDemand !== demand ? { paraphrasedDemand } : {}),
    description,
    ...(attributes !== undefined ? { attributes } : {}),
    ...(strategies !== undefined ? { strategies } : {}),
  };
  await store.putState(runId, SPEC_STATE_KEY, spec);
  return { spec, warnings, reused: false };
}
