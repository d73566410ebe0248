import type { Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { gradeOpenAnswer } from "../../evaluate/grade-open-answer.js";
import { gradeReply } from "../../evaluate/grade-reply.js";
import { answersAgree } from "../../sources/agreeing-answer.js";

/** One graded reply, as a discover evaluation keeps it. */
export interface GradedReply {
  correct: boolean;
  extracted: string | null;
  /** "exact" | "normalized" | "number" | "judge" | "none" for open items; the extractor's method for MCQ. */
  method: string;
}

/**
 * Grades a candidate's reply. MCQ: the existing letter extractor. Open: exact, then normalised match,
 * then numeric match ("2.50" = "2.5", within a relative 1e-6), then the equivalence judge, as
 * AutoBencher grades with one. A judge without a usable verdict leaves the answer incorrect.
 */
export async function gradeAnswer(options: {
  item: Item;
  reply: string;
  judge: { model: LanguageModel; ref: string };
  signal?: AbortSignal | undefined;
}): Promise<GradedReply> {
  const { item, reply } = options;
  if (item.format === "open") {
    const matched = gradeOpenAnswer(reply, item.answer);
    if (matched.correct) return { correct: true, extracted: matched.extracted, method: matched.method };
    if (matched.extracted !== null && isNumber(matched.extracted) && isNumber(item.answer)) {
      const same = answersAgree(numberText(matched.extracted), numberText(item.answer));
      // Two numbers are compared as numbers only: a judge would add nothing but cost.
      return { correct: same, extracted: matched.extracted, method: "number" };
    }
  }
  const graded = await gradeReply({ item, reply, judge: options.judge, abortSignal: options.signal });
  const method = typeof graded.details.method === "string" ? graded.details.method : "none";
  return { correct: graded.correct, extracted: graded.extracted, method };
}

const NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

function isNumber(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== "" && /\d/.test(trimmed) && NUMBER.test(trimmed);
}

function numberText(text: string): string {
  return text.trim().replace(/,/g, "");
}
