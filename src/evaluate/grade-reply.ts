import { answerIndex, type Item, letterFor } from "../core/item.js";
import type { LanguageModel } from "../core/language-model.js";
import { extractChoiceDetailed } from "./extract-answer.js";
import { gradeOpenAnswer } from "./grade-open-answer.js";
import { judgeOpenAnswer } from "./judge-answer.js";

export interface ReplyGrade {
  /** Letter (MCQ) or answer span (open); null when nothing could be extracted. */
  extracted: string | null;
  correct: boolean;
  details: Record<string, unknown>;
}

/**
 * Grades one model reply to one item. MCQ: extract the letter and compare with the key.
 * Open: exact / normalised match; when that fails and a judge is given, the judge decides.
 */
export async function gradeReply(options: {
  item: Item;
  reply: string;
  judge?: { model: LanguageModel; ref: string } | undefined;
  abortSignal?: AbortSignal | undefined;
}): Promise<ReplyGrade> {
  const { item, reply } = options;
  if (item.format === "mcq") {
    const extraction = extractChoiceDetailed(reply, item.options ?? []);
    const key = letterFor(answerIndex(item));
    return {
      extracted: extraction.letter,
      correct: extraction.letter === key,
      details: { method: extraction.method },
    };
  }
  const grade = gradeOpenAnswer(reply, item.answer);
  // Two numbers settle it (eval and discover share this rule): no judge call.
  if (grade.correct || grade.byNumber || options.judge === undefined || grade.extracted === null)
    return { extracted: grade.extracted, correct: grade.correct, details: { method: grade.method } };
  const judged = await judgeOpenAnswer({
    judge: options.judge.model,
    question: item.question,
    reference: item.answer,
    candidate: reply,
    abortSignal: options.abortSignal,
  });
  return {
    extracted: grade.extracted,
    correct: judged.verdict?.verdict === "correct",
    details: {
      method: "judge",
      judge: options.judge.ref,
      ...(judged.verdict ? { verdict: judged.verdict.verdict, reason: judged.verdict.reason } : {}),
      ...(judged.error ? { judgeError: judged.error } : {}),
    },
  };
}
