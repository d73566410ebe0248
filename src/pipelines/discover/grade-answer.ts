import type { Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { gradeOpenAnswer } from "../../evaluate/grade-open-answer.js";
import { gradeReply } from "../../evaluate/grade-reply.js";

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
    // eval's model-free grader, number step included, so both grade a reply alike.
    const matched = gradeOpenAnswer(reply, item.answer);
    if (matched.correct || matched.byNumber) {
      const method = matched.byNumber ? "number" : matched.method;
      return { correct: matched.correct, extracted: matched.extracted, method };
    }
  }
  const graded = await gradeReply({ item, reply, judge: options.judge, abortSignal: options.signal });
  const method = typeof graded.details.method === "string" ? graded.details.method : "none";
  return { correct: graded.correct, extracted: graded.extracted, method };
}
