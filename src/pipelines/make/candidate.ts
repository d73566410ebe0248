import { z } from "zod";
import { letterFor, OPTION_LETTERS } from "../../core/item.js";
import type { Rng } from "../../core/rng.js";

/** One generated MCQ before the test-taker sees it. `answer` is a letter. */
export interface Candidate {
  question: string;
  options: string[];
  answer: string;
  explanation: string | undefined;
  /** The stepwise self-correction path (analysis -> draft -> solution -> distractors -> re-check). */
  reasoning: string | undefined;
}

const STEPWISE_FIELDS = ["analysis", "draft", "solution", "distractors", "recheck"] as const;
type StepwiseField = (typeof STEPWISE_FIELDS)[number];

const STEPWISE_SHAPE = {
  analysis: z.string(),
  draft: z.string(),
  solution: z.string(),
  distractors: z.string(),
  recheck: z.string(),
} satisfies Record<StepwiseField, z.ZodString>;

function replyBase(optionCount: number) {
  const letters = OPTION_LETTERS.slice(0, optionCount);
  return z.object({
    question: z.string().trim().min(1),
    options: z.array(z.string().trim().min(1)).length(optionCount),
    answer: z
      .string()
      .trim()
      .transform((value) => value.replace(/^\(?([A-Za-z])\)?[.):]?$/, "$1").toUpperCase())
      .pipe(z.string().regex(new RegExp(`^[${letters}]$`), `must be one letter of ${letters}`)),
    explanation: z.string().optional(),
  });
}

/** The generator's reply as parsed: the item fields, plus the stepwise fields when they were asked for. */
export type CandidateReply = z.output<ReturnType<typeof replyBase>> & Partial<Record<StepwiseField, string>>;

/**
 * The JSON the generator must return, for `optionCount` options, with or without the stepwise
 * fields, transformed into a typed Candidate. `.in` is the reply object itself: the JSON schema
 * the model is shown is derived from it (a transform has no JSON schema of its own).
 */
export function candidateSchema(options: { optionCount: number; stepwise: boolean }) {
  const base = replyBase(options.optionCount);
  const reply: z.ZodType<CandidateReply> = options.stepwise ? base.extend(STEPWISE_SHAPE) : base;
  return reply.transform(toCandidate);
}

/** Builds a Candidate from the parsed reply, keeping the reasoning path when present. */
function toCandidate(reply: CandidateReply): Candidate {
  const steps = STEPWISE_FIELDS.flatMap((field) => {
    const text = reply[field];
    return text ? [`${field}: ${text}`] : [];
  });
  return {
    question: reply.question,
    options: reply.options,
    answer: reply.answer,
    explanation: reply.explanation,
    reasoning: steps.length > 0 ? steps.join("\n") : undefined,
  };
}

/** A problem that makes the candidate unusable whatever the test-taker says, or undefined. */
export function candidateProblem(candidate: Candidate): string | undefined {
  const normalised = candidate.options.map((option) => option.toLowerCase().replace(/\s+/g, " "));
  if (new Set(normalised).size !== normalised.length) return "two options are identical";
  return undefined;
}

/**
 * Seeded option shuffle: models put the answer in favourite positions; shuffling removes the
 * position prior a heuristic baseline would exploit.
 */
export function shuffleOptions(candidate: Candidate, rng: Rng): Candidate {
  const order = rng.shuffle(candidate.options.map((_, index) => index));
  const correct = OPTION_LETTERS.indexOf(candidate.answer);
  return {
    ...candidate,
    options: order.map((index) => candidate.options[index] ?? ""),
    answer: letterFor(order.indexOf(correct)),
  };
}
