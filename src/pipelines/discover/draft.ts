/** A question as written, before the checks: what the writer (and the sandbox) produced. */
export interface Draft {
  question: string;
  /** The reference answer (the writer's, or the agreeing programs' output). */
  answer: string;
  /** Wrong options for MCQ items (empty for open ones). */
  distractors: string[];
  /** Retrieval sources: the passage the writer cited and the span it quoted. */
  passageId?: string;
  support?: string;
  /** The code source: the independently written programs that agreed on the answer. */
  programs?: string[];
  /** Checks already passed while drafting ("agreement" for programs). */
  checks: string[];
}

/** What one write call produced: drafts, questions rejected while drafting, or why there is nothing. */
export interface DraftBatch {
  drafts: Draft[];
  rejected: { question: string; reason: string }[];
  failure?: string;
}

/** An answer the writer gave as a number is still an answer. */
export function answerText(value: string | number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value).trim();
}
