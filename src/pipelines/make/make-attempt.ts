import type { Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import type { Rng } from "../../core/rng.js";
import { type AttemptOutcome, rejectedBy } from "./attempt-outcome.js";
import { planAttempt } from "./attempt-plan.js";
import { buildItem, checkItem } from "./build-item.js";
import { type CallLedger, ledgerMiddleware } from "./call-ledger.js";
import { generateCandidates } from "./generate-candidates.js";
import { labelCandidate } from "./label-candidate.js";
import { makeOpenForm, type OpenAttempt } from "./open-form.js";
import type { ResolvedMakeOptions } from "./options.js";
import { pickCandidate } from "./pick-candidate.js";
import { MAKE_PROMPTS } from "./prompts.js";
import type { MakeSpec } from "./spec.js";

export interface AttemptInput {
  options: ResolvedMakeOptions;
  spec: MakeSpec;
  generator: LanguageModel;
  /** This attempt's ledger (a child of the run's). */
  ledger: CallLedger;
  runId: string;
  slot: number;
  attempt: number;
  /** Independent stream for this slot and attempt, so results do not depend on scheduling. */
  rng: Rng;
  /** Items accepted before this slot's batch, in acceptance order (the slot's committed view). */
  accepted: readonly Item[];
  /** t_i: times each item was shown as a reference before this attempt (the slot's committed view). */
  referenceUses: Readonly<Record<string, number>>;
}

/**
 * One attempt at one slot: steps 2-9 (+ open form) in order. Returns a candidate item for the
 * redundancy filter, or the first step's rejection with its reason. Model errors (budget,
 * provider) propagate.
 */
export async function makeAttempt(input: AttemptInput): Promise<AttemptOutcome> {
  const { options, spec, ledger, rng, slot, attempt } = input;
  const started = performance.now();
  const model = (step: string) => ledgerMiddleware(ledger, step)(input.generator);

  const plan = planAttempt({ options, spec, slot, accepted: input.accepted, uses: input.referenceUses, rng });
  const base = {
    slot,
    attempt,
    attributes: plan.attributes,
    references: plan.references.map((item) => item.id),
    referenceUses: plan.referenceUses,
  };
  const generationStep = options.direct ? MAKE_PROMPTS.directItem.step : MAKE_PROMPTS.generateItem.step;
  const samples = options.boost ? options.candidates : 1;
  const generated = await generateCandidates({
    model: model(generationStep),
    samples,
    firstSampleIndex: (slot * options.maxAttemptsPerSlot + attempt) * samples,
    temperature: options.generationTemperature,
    input: {
      demand: spec.paraphrasedDemand ?? spec.demand,
      description: spec.description,
      optionCount: options.optionCount,
      attributes: plan.attributes,
      strategy: plan.strategy,
      references: plan.references,
      stepwise: options.selfCorrect,
      // Without test-takers labelling it, the generator rates its item (the Direct baseline too).
      rated: !options.testTaker,
      direct: options.direct,
    },
  });
  const picked = pickCandidate({
    generated,
    // Diversity context: the references shown; without diffusion, the R most recent accepted items.
    context: plan.references.length ? plan.references : input.accepted.slice(-options.references),
    shuffle: options.shuffleOptions ? rng.fork("shuffle") : undefined,
  });
  if (!picked.success) return rejectedBy(picked.error, base);

  const labelled = await labelCandidate({ candidate: picked.value.candidate, options, model });
  if (!labelled.success) return rejectedBy(labelled.error, { ...base, candidate: picked.value.candidate });
  const { candidate } = labelled.value;

  let open: OpenAttempt | undefined;
  if (options.format === "open") {
    const made = await makeOpenForm({
      candidate,
      testTakers: options.testTaker ? options.testTakers : undefined,
      model,
    });
    if (!made.success) return rejectedBy(made.error, { ...base, candidate });
    open = made.value;
  }

  const checked = checkItem(
    buildItem({
      id: `${input.runId}-${slot}`,
      candidate,
      open,
      labelled: labelled.value,
      generator: options.generator,
      step: generationStep,
      promptHash: generated.promptHash,
      references: base.references,
      referenceUses: plan.referenceUses,
      attributes: plan.attributes,
      strategy: plan.strategy,
      boostGains: picked.value.gains,
      slot,
      attempt,
      seed: options.seed,
      tally: ledger.total(),
      elapsedMs: performance.now() - started,
    }),
  );
  if (!checked.success) return rejectedBy(checked.error, { ...base, candidate });
  return { kind: "candidate", item: checked.value };
}
