import { z } from "zod";
import { formatLetters, formatOptions } from "../../core/format-options.js";
import { extractJson } from "../../core/json.js";
import type { LanguageModel } from "../../core/language-model.js";
import { extractChoice } from "../../evaluate/index.js";
import { generateSamples } from "../../llm/generate.js";
import type { Candidate } from "./candidate.js";
import { renderPrompt } from "./prompts.js";

export interface TestTakerAnswer {
  /** The extracted letter, or undefined when the reply names no single option (unparseable). */
  answer: string | undefined;
  rationale: string;
}

export interface TestTakeOutcome {
  answers: TestTakerAnswer[];
  /** beta: share of the parseable answers that are not the label (unparseable ones do not count). */
  difficulty: number;
  /** How many of the T answers named an option (beta is measured on these only). */
  parseable: number;
  /** Most frequent extracted answer (ties: the label if tied, else the earliest letter). */
  majority: string | undefined;
  /** The majority answer disagrees with the label: contrastive discrimination is needed. */
  conflict: boolean;
}

/**
 * Reads a test-taker reply with the evaluate module's extractor (the same one that scores
 * benchmark runs, so "parseable" means the same thing in make and eval); the rationale is the
 * JSON "reasoning" field the test-taker prompt asks for, else the whole reply.
 */
export function readTestTakerReply(text: string, options: readonly string[]): TestTakerAnswer {
  return { answer: extractChoice(text, options) ?? undefined, rationale: readRationale(text) };
}

// Only the rationale is read from the JSON; other fields (and their types) do not matter here.
const RationaleSchema = z.object({ reasoning: z.string() });

/** The "reasoning" field of a JSON reply, else the whole reply. */
export function readRationale(text: string): string {
  const json = text.includes("{") ? extractJson(text) : undefined;
  const parsed = json?.success ? RationaleSchema.safeParse(json.value) : undefined;
  return parsed?.success ? parsed.data.reasoning : text;
}

/** beta, majority and conflict from the T answers and the label (pure; unit-tested by hand). */
export function summariseAnswers(
  answers: readonly TestTakerAnswer[],
  label: string,
): Omit<TestTakeOutcome, "answers"> {
  // An unparseable reply says nothing about difficulty: counting it as a miss would make
  // garbled items look hardest and feed them to difficulty diffusion as references.
  const parseable = answers.filter((entry) => entry.answer !== undefined);
  const misses = parseable.filter((entry) => entry.answer !== label).length;
  const counts = new Map<string, number>();
  for (const entry of answers)
    if (entry.answer !== undefined) counts.set(entry.answer, (counts.get(entry.answer) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  const leaders = [...counts]
    .filter(([, count]) => count === top)
    .map(([letter]) => letter)
    .sort();
  const majority = leaders.includes(label) ? label : leaders[0];
  return {
    difficulty: parseable.length === 0 ? 0 : misses / parseable.length,
    parseable: parseable.length,
    majority,
    conflict: majority !== undefined && majority !== label,
  };
}

/**
 * Step 7: the generator answers the item T times at temperature 1 (generateSamples, each sample
 * cached on its own). The share of misses among parseable answers is the difficulty label beta.
 */
export async function testTake(options: {
  model: LanguageModel;
  candidate: Candidate;
  testTakers: number;
}): Promise<TestTakeOutcome> {
  const { candidate } = options;
  const responses = await generateSamples({
    model: options.model,
    n: options.testTakers,
    temperature: 1,
    ...renderPrompt("testTaker", {
      question: candidate.question,
      options: formatOptions(candidate.options),
      letters: formatLetters(candidate.options.length),
    }),
  });
  const answers = responses.map((response) => readTestTakerReply(response.text, candidate.options));
  return { answers, ...summariseAnswers(answers, candidate.answer) };
}
