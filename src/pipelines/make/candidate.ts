import { z } from "zod";
import { letterFor, OPTION_LETTERS } from "../../core/item.js";
import type { Rng } from "../../core/rng.js";
import { readLetter, readRating } from "./lenient-values.js";

/** One generated MCQ before the test-taker sees it. `answer` is a letter. */
export interface Candidate {
  question: string;
  options: string[];
  answer: string;
  explanation: string | undefined;
  /** The stepwise self-correction path (analysis -> draft -> solution -> distractors -> re-check). */
  reasoning: string | undefined;
  /** The generator's own difficulty rating 1-10, when it was asked for one (direct, `--no-test-taker`). */
  rating: number | undefined;
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

/** The item fields; `answer` is an enum of the allowed letters in the JSON schema, read leniently ("(b)"). */
function itemShape(optionCount: number) {
  const letters = [...OPTION_LETTERS.slice(0, optionCount)] as [string, ...string[]];
  return {
    question: z.string().trim().min(1),
    options: z.array(z.string().trim().min(1)).length(optionCount),
    answer: z.preprocess(readLetter, z.enum(letters, { error: `must be one letter of ${letters.join("")}` })),
    explanation: z.string().optional(),
  };
}

const RATING_SHAPE = { difficulty: z.preprocess(readRating, z.number().int().min(1).max(10)) };

interface CandidateReply {
  question: string;
  options: string[];
  answer: string;
  explanation?: string | undefined;
  difficulty?: number;
  analysis?: string;
  draft?: string;
  solution?: string;
  distractors?: string;
  recheck?: string;
}

/**
 * The JSON the generator must return, for `optionCount` options, transformed into a typed Candidate.
 * Key order is decoding order for schema-constrained backends (llama.cpp grammars, vLLM, Ollama):
 * the stepwise self-correction fields come first so the item is written after the self-check, and
 * the difficulty rating (`rated`) last, after the item it rates.
 */
export function candidateSchema(options: { optionCount: number; stepwise: boolean; rated?: boolean }) {
  const shape = {
    ...(options.stepwise ? STEPWISE_SHAPE : {}),
    ...itemShape(options.optionCount),
    ...(options.rated ? RATING_SHAPE : {}),
  };
  const reply = z.object(shape) as unknown as z.ZodType<CandidateReply>;
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
    rating: reply.difficulty,
  };
}

/** The label a generator's 1-10 rating stands for, on the test-taker label's [0, 1] scale. */
export function ratingLabel(rating: number): number {
  return (rating - 1) / 9;
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
