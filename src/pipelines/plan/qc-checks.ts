import { z } from "zod";

/**
 * Every check the quality-control inspector runs, with who runs it and whether a failure may be
 * repaired (wording and formatting only; never anything that touches the answer).
 */
export const QC_CHECKS = {
  schema: { by: "code", repairable: false, description: "the item parses as a benchmark item" },
  "answer-type": {
    by: "code",
    repairable: false,
    description: "the item's format fits the subtask's answer type",
  },
  "option-uniqueness": { by: "code", repairable: true, description: "no two options say the same thing" },
  leakage: { by: "code", repairable: true, description: "the question does not give the answer away" },
  "answer-source": { by: "code", repairable: false, description: "the answer is the source row's answer" },
  redundancy: { by: "code", repairable: false, description: "no near-duplicate of an item already accepted" },
  alignment: { by: "verifier", repairable: false, description: "the item tests what its subtask tests" },
  answerable: {
    by: "verifier",
    repairable: false,
    description: "self-contained and answerable by an expert",
  },
  correct: {
    by: "verifier",
    repairable: false,
    description: "the keyed answer is right (against the source)",
  },
  unambiguous: { by: "verifier", repairable: true, description: "exactly one defensible answer" },
  "invalid-output": {
    by: "verifier",
    repairable: false,
    description: "a model reply was unusable after one repair",
  },
  "fix-refused": {
    by: "code",
    repairable: false,
    description: "the fixer changed the answer, so its repair is refused",
  },
  "unusable-row": { by: "code", repairable: false, description: "the source row could not become an item" },
} as const satisfies Record<string, { by: "code" | "verifier"; repairable: boolean; description: string }>;

export type CheckId = keyof typeof QC_CHECKS;
export const CheckIdSchema = z.enum(Object.keys(QC_CHECKS) as [CheckId, ...CheckId[]]);

/** One check's outcome on one item. */
export const VerdictSchema = z.object({ check: CheckIdSchema, pass: z.boolean(), note: z.string() });
export type Verdict = z.infer<typeof VerdictSchema>;

export const passed = (check: CheckId): Verdict => ({ check, pass: true, note: "" });
export const failed = (check: CheckId, note: string): Verdict => ({ check, pass: false, note });

/** The failures among `verdicts`, and whether every one of them may be repaired. */
export function failuresOf(verdicts: readonly Verdict[]): { failures: Verdict[]; repairable: boolean } {
  const failures = verdicts.filter((verdict) => !verdict.pass);
  return { failures, repairable: failures.every((verdict) => QC_CHECKS[verdict.check].repairable) };
}

/** A rejection reason: the check id first, so reasons count by check ("leakage: ..."). */
export function reasonOf(verdict: Verdict): string {
  return verdict.note === "" ? verdict.check : `${verdict.check}: ${verdict.note}`;
}
