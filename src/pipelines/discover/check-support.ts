import { z } from "zod";
import { fillTemplate } from "../../core/fill-template.js";
import type { LanguageModel } from "../../core/language-model.js";
import { normalizeAnswer } from "../../evaluate/normalize-answer.js";
import { generateObject } from "../../llm/generate.js";
import type { Passage } from "../../sources/source.js";
import type { Draft } from "./draft.js";
import { DISCOVER_PROMPTS } from "./prompts.js";

const SupportVerdictSchema = z.object({ supported: z.boolean(), reason: z.string().optional() });

/** How a cited span was found to support the answer, or why it does not. */
export type SupportOutcome =
  | { supported: true; method: "string" | "number" | "judge" }
  | { supported: false; reason: string };

const NUMBER = /[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;

/** The numbers written in a text ("1,024" counts as 1024). */
export function numbersIn(text: string): number[] {
  return [...text.replace(/(\d),(?=\d{3}(?!\d))/g, "$1").matchAll(NUMBER)].map((match) => Number(match[0]));
}

/** Whether `needle`'s normalised words occur, as whole words, in `haystack`'s. */
export function containsWords(haystack: string, needle: string): boolean {
  const inner = normalizeAnswer(needle);
  return inner !== "" && ` ${normalizeAnswer(haystack)} `.includes(` ${inner} `);
}

/**
 * The support check of a retrieval item: the cited passage must be one the writer was given, the
 * quoted span must be in it, and the span must support the answer — by normalised string match,
 * then by number match (every number of the answer is in the span), then by the judge's verdict.
 */
export async function checkSupport(options: {
  draft: Draft;
  passages: readonly Passage[];
  judge: LanguageModel;
  seed: number;
  signal?: AbortSignal | undefined;
}): Promise<SupportOutcome> {
  const { draft } = options;
  const passage = options.passages.find((candidate) => candidate.id === draft.passageId);
  if (passage === undefined)
    return {
      supported: false,
      reason: draft.passageId ? `cites ${draft.passageId}, which it was not given` : "cites no passage",
    };
  const span = draft.support ?? "";
  if (span === "" || !containsWords(passage.text, span))
    return { supported: false, reason: `the quoted span is not in passage ${passage.id}` };
  if (containsWords(span, draft.answer)) return { supported: true, method: "string" };
  const answerNumbers = numbersIn(draft.answer);
  const spanNumbers = new Set(numbersIn(span));
  if (answerNumbers.length > 0 && answerNumbers.every((value) => spanNumbers.has(value)))
    return { supported: true, method: "number" };
  const template = DISCOVER_PROMPTS.judgeSupport;
  const verdict = await generateObject({
    model: options.judge,
    schema: SupportVerdictSchema,
    schemaName: "support_verdict",
    system: template.system,
    prompt: fillTemplate(template.template, { question: draft.question, answer: draft.answer, span }),
    temperature: 0,
    seed: options.seed,
    ...(options.signal ? { abortSignal: options.signal } : {}),
  });
  if (!verdict.success)
    return { supported: false, reason: `the support judge gave no verdict (${verdict.error.message})` };
  if (verdict.value.object.supported) return { supported: true, method: "judge" };
  const why = verdict.value.object.reason;
  return {
    supported: false,
    reason: `the judge found the span does not support the answer${why ? `: ${why}` : ""}`,
  };
}
