import type { LanguageModel } from "../../core/language-model.js";
import { fail, ok, type Result } from "../../core/result.js";
import type { RunStore } from "../../core/store-spec.js";
import { type CallLedger, ledgerMiddleware } from "./call-ledger.js";
import type { ResolvedMakeOptions } from "./options.js";
import { MAKE_PROMPTS, type MakePromptName } from "./prompts.js";
import { expandDemand, generateAttributes, generateStrategies, paraphraseDemand } from "./setup-steps.js";
import { type MakeSpec, MakeSpecSchema } from "./spec.js";

/** Run-state key of the spec (steps 1-3 output), so a resumed run never regenerates it. */
export const SPEC_STATE_KEY = "make/spec";

// How to run without a step that keeps failing (said in the stop reason).
const WITHOUT: Record<
  "paraphraseDemand" | "expandDemand" | "generateAttributes" | "generateStrategies",
  string
> = {
  paraphraseDemand: "drop --paraphrase-demand to generate from the demand as written",
  expandDemand: "write the description into a --spec file (see --save-spec)",
  generateAttributes: "pass --no-attr (attributes: false) to run without attributes",
  generateStrategies: "pass --no-strategies (strategies: false) to run without difficulty strategies",
} satisfies Partial<Record<MakePromptName, string>>;

/**
 * Steps 0-3a, once per run: a spec stored with the run wins (resume); otherwise the parts the
 * user supplied (`--spec`) are kept and only the missing ones generated, then committed to run
 * state before any item is made. A step that fails (twice) is the run's stop reason instead.
 */
export async function prepareSpec(options: {
  options: ResolvedMakeOptions;
  store: RunStore;
  runId: string;
  generator: LanguageModel;
  ledger: CallLedger;
}): Promise<Result<{ spec: MakeSpec; reused: boolean }, string>> {
  const { options: resolved, store, runId, ledger, generator } = options;
  const stored = await store.getState(runId, SPEC_STATE_KEY, MakeSpecSchema);
  if (stored !== undefined) return ok({ spec: stored, reused: true });

  const given = resolved.spec ?? {};
  const model = (name: keyof typeof WITHOUT) => ledgerMiddleware(ledger, MAKE_PROMPTS[name].step)(generator);
  const stop = (name: keyof typeof WITHOUT, reason: string) =>
    fail(`setup: ${MAKE_PROMPTS[name].step}: ${reason}; ${WITHOUT[name]}`);
  const demand = given.demand ?? resolved.demand;

  let paraphrasedDemand = given.paraphrasedDemand;
  if (resolved.paraphraseDemand && paraphrasedDemand === undefined) {
    const result = await paraphraseDemand({ model: model("paraphraseDemand"), demand });
    if (!result.success) return stop("paraphraseDemand", result.error);
    paraphrasedDemand = result.value;
  }
  const working = paraphrasedDemand ?? demand;
  let description = given.description;
  if (description === undefined) {
    const result = await expandDemand({
      model: model("expandDemand"),
      demand: working,
      optionCount: resolved.optionCount,
    });
    if (!result.success) return stop("expandDemand", result.error);
    description = result.value;
  }
  let attributes = given.attributes;
  if (resolved.attributes && attributes === undefined) {
    const result = await generateAttributes({
      model: model("generateAttributes"),
      demand: working,
      task: description.task,
    });
    if (!result.success) return stop("generateAttributes", result.error);
    attributes = result.value;
  }
  let strategies = given.strategies;
  if (resolved.strategies && strategies === undefined) {
    const result = await generateStrategies({
      model: model("generateStrategies"),
      demand: working,
      task: description.task,
    });
    if (!result.success) return stop("generateStrategies", result.error);
    strategies = result.value;
  }
  const spec: MakeSpec = {
    demand,
    ...(paraphrasedDemand !== undefined && paraphrasedDemand !== demand ? { paraphrasedDemand } : {}),
    description,
    ...(attributes !== undefined ? { attributes } : {}),
    ...(strategies !== undefined ? { strategies } : {}),
  };
  await store.putState(runId, SPEC_STATE_KEY, spec);
  return ok({ spec, reused: false });
}
