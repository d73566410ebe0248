import { type Item, ItemSchema } from "../../core/item.js";
import { fail, ok, type Result } from "../../core/result.js";
import type { DiscriminationRecord } from "./apply-verdict.js";
import type { StepRejection } from "./attempt-outcome.js";
import type { CallTally } from "./call-ledger.js";
import type { Candidate } from "./candidate.js";
import type { PickedStrategy } from "./pick-strategy.js";

/** Everything an attempt learned about its candidate, turned into an Item by `buildItem`. */
export interface ItemRecordInput {
  id: string;
  candidate: Candidate;
  /** Set for the open format (OTG conversion). */
  open: { question: string; answer: string } | undefined;
  difficulty: number | undefined;
  generator: string;
  step: string;
  promptHash: string;
  references: readonly string[];
  attributes: Record<string, string>;
  strategy: PickedStrategy | undefined;
  testTakerAnswers: readonly (string | null)[] | undefined;
  discrimination: DiscriminationRecord | undefined;
  boostGains: readonly number[] | undefined;
  slot: number;
  attempt: number;
  seed: number;
  tally: CallTally;
  elapsedMs: number;
}

/** Builds the stored item with its provenance (step 9). Pure. */
export function buildItem(input: ItemRecordInput): Item {
  const { candidate } = input;
  const reasoning = [
    candidate.reasoning,
    input.discrimination?.comparison ? `discrimination: ${input.discrimination.comparison}` : undefined,
  ].filter((part): part is string => part !== undefined && part !== "");
  const metadata: Record<string, unknown> = { slot: input.slot, attempt: input.attempt };
  if (input.strategy) metadata.strategy = input.strategy;
  if (input.testTakerAnswers) metadata.testTakerAnswers = input.testTakerAnswers;
  if (input.discrimination) {
    metadata.discrimination = input.discrimination.decision;
    if (input.discrimination.originalAnswer) metadata.originalAnswer = input.discrimination.originalAnswer;
  }
  if (input.boostGains) metadata.boostEntropyGains = input.boostGains;
  if (input.open)
    metadata.mcq = { question: candidate.question, options: candidate.options, answer: candidate.answer };
  return {
    id: input.id,
    format: input.open ? "open" : "mcq",
    question: input.open ? input.open.question : candidate.question,
    ...(input.open ? {} : { options: candidate.options }),
    answer: input.open ? input.open.answer : candidate.answer,
    ...(candidate.explanation ? { explanation: candidate.explanation } : {}),
    ...(input.difficulty !== undefined ? { difficulty: input.difficulty } : {}),
    metadata,
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
