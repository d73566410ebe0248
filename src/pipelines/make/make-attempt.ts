import type { Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { ok, type Result } from "../../core/result.js";
import type { Rng } from "../../core/rng.js";
import { applyVerdict, conflictOf, type LabelledCandidate } from "./apply-verdict.js";
import { type AttemptOutcome, rejectedBy, type StepRejection } from "./attempt-outcome.js";
import { planAttempt } from "./attempt-plan.js";
import { buildItem, checkItem } from "./build-item.js";
import { type CallLedger, ledgerMiddleware } from "./call-ledger.js";
import type { Candidate } from "./candidate.js";
import { convertToOpen } from "./convert-open.js";
import { discriminate } from "./discriminate.js";
import { generateCandidates } from "./generate-candidates.js";
import { checkAnswerable } from "./label-rule.js";
import type { ResolvedMakeOptions } from "./options.js";
import { pickCandidate } from "./pick-candidate.js";
import { MAKE_PROMPTS } from "./prompts.js";
import type { MakeSpec } from "./spec.js";
import { testTake } from "./test-take.js";

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
  /** Items accepted before this slot's batch, in acceptance order. */
  accepted: readonly Item[];
}

/**
 * One attempt at one slot: steps 2-9 (+ open conversion) in order. Returns a candidate item for
 * the redundancy filter, or the first step's rejection with its reason. Model errors (budget,
 * provider) propagate.
 */
export async function makeAttempt(input: AttemptInput): Promise<AttemptOutcome> {
  const { options, spec, ledger, rng, slot, attempt } = input;
  const started = performance.now();
  const model = (step: string) => ledgerMiddleware(ledger, step)(input.generator);

  const plan = planAttempt({ options, spec, slot, accepted: input.accepted, rng });
  const base = {
    slot,
    attempt,
    attributes: plan.attributes,
    references: plan.references.map((item) => item.id),
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

  let labelled: LabelledCandidate | undefined;
  if (!options.direct) {
    const result = await labelCandidate({ candidate: picked.value.candidate, options, model });
    if (!result.success) return rejectedBy(result.error, { ...base, candidate: picked.value.candidate });
    labelled = result.value;
  }
  const candidate = labelled?.candidate ?? picked.value.candidate;

  let open: { question: string; answer: string } | undefined;
  if (options.format === "open") {
    const converted = await convertToOpen({ model: model(MAKE_PROMPTS.convertOpen.step), candidate });
    if (!converted.success)
      return rejectedBy({ reason: converted.error, details: {} }, { ...base, candidate });
    open = converted.value;
  }

  const checked = checkItem(
    buildItem({
      id: `${input.runId}-${slot}`,
      candidate,
      open,
      difficulty: labelled?.testing.difficulty,
      generator: options.generator,
      step: generationStep,
      promptHash: generated.promptHash,
      references: base.references,
      attributes: plan.attributes,
      strategy: plan.strategy,
      testTakerAnswers: labelled?.testing.answers.map((answer) => answer.answer ?? null),
      discrimination: labelled?.discrimination,
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

/** Steps 7 and 7b: the test-takers' difficulty label, then discrimination when their majority disagrees. */
async function labelCandidate(input: {
  candidate: Candidate;
  options: ResolvedMakeOptions;
  model: (step: string) => LanguageModel;
}): Promise<Result<LabelledCandidate, StepRejection>> {
  const { candidate, options, model } = input;
  const answered = checkAnswerable(
    await testTake({ model: model(MAKE_PROMPTS.testTaker.step), candidate, testTakers: options.testTakers }),
  );
  if (!answered.success) return answered;
  const testing = answered.value;
  const conflict = options.discriminate ? conflictOf(testing) : undefined;
  if (conflict === undefined) return ok({ candidate, testing, discrimination: undefined });
  const verdict = await discriminate({
    model: model(MAKE_PROMPTS.discriminate.step),
    candidate,
    ...conflict,
  });
  return applyVerdict({ candidate, testing, verdict });
}
