import type { AnswerFormat } from "../../sources/dataset-cards/index.js";
import type { AnswerType, Transformation, TransformationKind } from "./plan-document.js";

/** Which transformations turn a row of this answer format into an item of this answer type. */
export function allowedTransformations(rows: AnswerFormat, subtask: AnswerType): TransformationKind[] {
  if (rows === "unknown") return [];
  const rowsHaveOptions = rows === "choice";
  if (subtask === "choice") return rowsHaveOptions ? ["as-is", "rewrite"] : ["add-options"];
  return rowsHaveOptions ? ["to-open"] : ["as-is", "rewrite"];
}

/**
 * The transformation a kept source uses: the grounding agent's proposal when the row format and the
 * subtask's answer type allow it, else the one they require (choice rows for a short-answer subtask
 * go "to-open" whatever was proposed). Undefined when rows carry no answer to keep.
 */
export function chooseTransformation(options: {
  rows: AnswerFormat;
  subtask: AnswerType;
  proposed: { kind?: TransformationKind | undefined; instructions?: string | undefined } | undefined;
}): Transformation | undefined {
  const allowed = allowedTransformations(options.rows, options.subtask);
  const first = allowed[0];
  if (first === undefined) return undefined;
  const proposedKind = options.proposed?.kind;
  const kind = proposedKind !== undefined && allowed.includes(proposedKind) ? proposedKind : first;
  return { kind, instructions: kind === "as-is" ? "" : (options.proposed?.instructions ?? "").trim() };
}
