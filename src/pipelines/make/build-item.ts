import { type Item, ItemSchema } from "../../core/item.js";
import { fail, ok, type Result } from "../../core/result.js";
import type { StepRejection } from "./attempt-outcome.js";
import type { CallTally } from "./call-ledger.js";
import type { Candidate } from "./candidate.js";
import type { LabelledAttempt } from "./label-candidate.js";
import type { OpenAttempt } from "./open-form.js";
import type { PickedStrategy } from "./pick-strategy.js";

/** Everything an attempt learned about its candidate, turned into an Item by `buildItem`. */
export interface ItemRecordInput {
  id: string;
  /** The candidate after labelling (a fixed label included). */
  candidate: Candidate;
  /** Set for the open format (OTG conversion, with its own test-takers). */
  open: OpenAttempt | undefined;
  labelled: LabelledAttempt;
  generator: string;
  step: string;
  promptHash: string;
  references: readonly string[];
  /** t_i of each reference when it was shown. */
  referenceUses: readonly number[];
  attributes: Record<string, string>;
  strategy: PickedStrategy | undefined;
  boostGains: readonly number[] | undefined;
  slot: number;
  attempt: number;
  seed: number;
  tally: CallTally;
  elapsedMs: number;
}

/** The item's metadata: how it was made and labelled (viewer and audits read these). */
function metadataOf(input: ItemRecordInput): Record<string, unknown> {
  const { candidate, labelled, open } = input;
  const metadata: Record<string, unknown> = { slot: input.slot, attempt: input.attempt };
  if (input.strategy) metadata.strategy = input.strategy;
  if (input.referenceUses.length) metadata.referenceUses = input.referenceUses;
  if (labelled.labelSource) metadata.labelSource = labelled.labelSource;
  if (candidate.rating !== undefined) metadata.generatorRating = candidate.rating;
  if (labelled.testing)
    metadata.testTakerAnswers = labelled.testing.answers.map((answer) => answer.answer ?? null);
  if (labelled.discrimination) {
    metadata.discrimination = labelled.discrimination.decision;
    if (labelled.discrimination.originalAnswer)
      metadata.originalAnswer = labelled.discrimination.originalAnswer;
  }
  if (input.boostGains) metadata.boostEntropyGains = input.boostGains;
  if (open) {
    metadata.mcq = { question: candidate.question, options: candidate.options, answer: candidate.answer };
    metadata.openAnswerCheck = open.check;
    if (open.testing) {
      metadata.openTestTakerAnswers = open.testing.answers.map((answer) => answer.answer ?? null);
      if (labelled.difficulty !== undefined) metadata.mcqDifficulty = labelled.difficulty;
    }
  }
  return metadata;
}

/** Builds the stored item with its provenance (step 9). Pure. */
export function buildItem(input: ItemRecordInput): Item {
  const { candidate, open, labelled } = input;
  const reasoning = [
    candidate.reasoning,
    labelled.discrimination?.comparison ? `discrimination: ${labelled.discrimination.comparison}` : undefined,
  ].filter((part): part is string => part !== undefined && part !== "");
  // An open item's label is measured on the open form when test-takers ran on it.
  const difficulty = open?.testing ? open.testing.difficulty : labelled.difficulty;
  return {
    id: input.id,
    format: open ? "open" : "mcq",
    question: open ? open.open.question : candidate.question,
    ...(open ? {} : { options: candidate.options }),
    answer: open ? open.open.answer : candidate.answer,
    ...(candidate.explanation ? { explanation: candidate.explanation } : {}),
    ...(difficulty !== undefined ? { difficulty } : {}),
    metadata: metadataOf(input),
    provenance: {
      pipeline: "make",
      step: input.step,
      model: input.generator,
      promptHash: input.promptHash,
      references: [...input.references],
      attributes: input.attributes,
      ...(reasoning.length ? { reasoning: reasoning.join("\n") } : {}),
      seed: input.seed,
      llmCalls: input.tally.responses,
      ...(input.tally.costUsd !== undefined ? { costUsd: input.tally.costUsd } : {}),
      elapsedMs: Math.round(input.elapsedMs),
    },
  };
}

/** Step 9's check: what is stored parses as an Item (every reader of the run expects one), else the issues. */
export function checkItem(item: Item): Result<Item, StepRejection> {
  const parsed = ItemSchema.safeParse(item);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(item)"}: ${issue.message}`);
  return fail({ reason: `invalid-item: ${issues.join("; ")}`, details: { item } });
}
