import { z } from "zod";
import { extractJson } from "../../core/json.js";
import type { LanguageModel } from "../../core/language-model.js";
import { gradeOpenAnswer, normalizeAnswer } from "../../evaluate/index.js";
import { judgeOpenAnswer } from "../../evaluate/judge-answer.js";
import { generateSamples } from "../../llm/generate.js";
import { renderPrompt } from "./prompts.js";
import { readRationale } from "./test-take.js";

/** One test-taker answer to the open form of an item, graded against its reference answer. */
export interface OpenAnswer {
  /** The stated answer; undefined when the reply states none. */
  answer: string | undefined;
  rationale: string;
  /** undefined: not gradeable (no answer, or the judge gave no verdict). */
  correct: boolean | undefined;
  method: "exact" | "normalized" | "judge" | "none";
}

export interface OpenTestOutcome {
  answers: OpenAnswer[];
  /** beta on the open form: share of the graded answers that are wrong. */
  difficulty: number;
  graded: number;
}

const AnswerSchema = z.object({ answer: z.string() });

/** The JSON "answer" field of a reply, else the reply itself (its "Answer:" span is taken when graded). */
function statedAnswer(text: string): string | undefined {
  const json = text.includes("{") ? extractJson(text) : undefined;
  const parsed = json?.success ? AnswerSchema.safeParse(json.value) : undefined;
  const answer = (parsed?.success ? parsed.data.answer : text).trim();
  return answer === "" ? undefined : answer;
}

/**
 * Open format (OTG): the difficulty label measured on the open question itself. T test-takers
 * answer it at temperature 1; each answer is graded by normalised match with the reference, and the
 * ones that do not match go to the judge (one call per distinct normalised answer).
 */
export async function testTakeOpen(options: {
  model: LanguageModel;
  judge: LanguageModel;
  question: string;
  reference: string;
  testTakers: number;
}): Promise<OpenTestOutcome> {
  const responses = await generateSamples({
    model: options.model,
    n: options.testTakers,
    temperature: 1,
    ...renderPrompt("testTakerOpen", { question: options.question }),
  });
  const stated = responses.map((response) => ({
    answer: statedAnswer(response.text),
    rationale: readRationale(response.text),
  }));
  const verdicts = new Map<string, Promise<boolean | undefined>>();
  const answers = await Promise.all(
    stated.map(async ({ answer, rationale }): Promise<OpenAnswer> => {
      if (answer === undefined) return { answer, rationale, correct: undefined, method: "none" };
      const grade = gradeOpenAnswer(answer, options.reference);
      if (grade.correct) return { answer, rationale, correct: true, method: grade.method };
      // Two numbers that differ are wrong without asking the judge (the rule eval and discover share).
      if (grade.byNumber) return { answer, rationale, correct: false, method: grade.method };
      const key = normalizeAnswer(answer);
      let verdict = verdicts.get(key);
      if (verdict === undefined) {
        verdict = judgeOpenAnswer({
          judge: options.judge,
          question: options.question,
          reference: options.reference,
          candidate: answer,
        }).then((outcome) => (outcome.verdict ? outcome.verdict.verdict === "correct" : undefined));
        verdicts.set(key, verdict);
      }
      return { answer, rationale, correct: await verdict, method: "judge" };
    }),
  );
  const graded = answers.filter((entry) => entry.correct !== undefined);
  const misses = graded.filter((entry) => entry.correct === false).length;
  return { answers, difficulty: graded.length === 0 ? 0 : misses / graded.length, graded: graded.length };
}
