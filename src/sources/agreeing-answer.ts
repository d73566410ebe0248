import { UserInputError } from "../core/errors.js";
import { runSandboxed } from "./code-sandbox.js";
import type { Agreement, SandboxLimits } from "./source.js";

export interface AgreementOptions extends SandboxLimits {
  /** Two numeric answers agree when |a - b| <= tolerance * max(|a|, |b|). Default 1e-6. */
  relativeTolerance?: number;
}

const DEFAULT_RELATIVE_TOLERANCE = 1e-6;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

/**
 * Whether two answers are the same: both trimmed; when both read as decimal numbers they are
 * compared numerically within the relative tolerance ("0.30000000000000004" equals "0.3", "2.0"
 * equals "2"), otherwise as exact strings.
 */
export function answersAgree(
  left: string,
  right: string,
  relativeTolerance = DEFAULT_RELATIVE_TOLERANCE,
): boolean {
  const a = left.trim();
  const b = right.trim();
  if (NUMBER.test(a) && NUMBER.test(b)) {
    const x = Number(a);
    const y = Number(b);
    return x === y || Math.abs(x - y) <= relativeTolerance * Math.max(Math.abs(x), Math.abs(y));
  }
  return a === b;
}

/**
 * Runs independently written programs (at least two) one after another in the sandbox and keeps an
 * answer only when every program succeeded and all answers agree with the first (`answersAgree`).
 * The agreed value is the first program's answer, trimmed. A failure names each failed program
 * and its reason; a disagreement lists the answers.
 */
export async function agreeingAnswer(
  programs: readonly string[],
  options: AgreementOptions,
): Promise<Agreement> {
  if (programs.length < 2) {
    throw new UserInputError(`agreeingAnswer needs at least two programs, got ${programs.length}`);
  }
  const limits = { timeLimitMs: options.timeLimitMs, memoryLimitBytes: options.memoryLimitBytes };
  const outcomes = [];
  for (const program of programs) outcomes.push(await runSandboxed(program, limits));

  const failures = outcomes.flatMap((outcome, index) =>
    outcome.success ? [] : [`program ${index + 1} failed (${outcome.reason}): ${outcome.message}`],
  );
  if (failures.length > 0)
    return { success: false, reason: "failed", message: failures.join("; "), outcomes };

  const values = outcomes.map((outcome) => (outcome.success ? outcome.value.trim() : ""));
  const first = values[0] ?? "";
  const tolerance = options.relativeTolerance ?? DEFAULT_RELATIVE_TOLERANCE;
  if (values.every((value) => answersAgree(first, value, tolerance))) {
    return { success: true, value: first, outcomes };
  }
  const listed = values.map((value, index) => `program ${index + 1}: ${JSON.stringify(value)}`).join(", ");
  return { success: false, reason: "disagree", message: `the programs disagree (${listed})`, outcomes };
}
