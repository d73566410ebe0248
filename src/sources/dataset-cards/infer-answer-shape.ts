import { type RowFieldNames, rowFieldNames } from "../../io/import-rows.js";
import type { Row } from "../../io/read-dataset-rows.js";
import type { AnswerFormat } from "./dataset-card.js";

/** Which fields hold the question, options, answer and grouping, and what kind of answer it is. */
export interface AnswerShape {
  questionField?: string;
  optionsField?: string;
  answerField?: string;
  categoryField?: string;
  idField?: string;
  answerFormat: AnswerFormat;
}

/** Share of answers that must look numeric before a dataset counts as a "number" one. */
const NUMERIC_SHARE = 0.9;
// GSM8K-style answers end in "#### 72" after the worked solution.
const NUMERIC_ANSWER = /^\s*-?[\d,]*\.?\d+\s*$|####\s*-?[\d,]*\.?\d+\s*$/;

/** The key most rows use for one kind of field, if at least half of the rows have one. */
function majorityKey(perRow: readonly RowFieldNames[], kind: keyof RowFieldNames): string | undefined {
  const counts = new Map<string, number>();
  for (const names of perRow) {
    const key = names[kind];
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (best === undefined || entry[1] > best[1]) best = entry;
  return best !== undefined && best[1] * 2 >= perRow.length ? best[0] : undefined;
}

function isNumericAnswer(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "string" && NUMERIC_ANSWER.test(value);
}

/**
 * Reads the rows with importRows' spellings: "choice" when rows carry options, "number" when at
 * least 90% of answers are numbers (or end in GSM8K's "#### n"), "short" for other answers, and
 * "unknown" when no answer field is found.
 */
export function inferAnswerShape(rows: readonly Row[]): AnswerShape {
  const perRow = rows.map(rowFieldNames);
  const shape = {
    questionField: majorityKey(perRow, "question"),
    optionsField: majorityKey(perRow, "options"),
    answerField: majorityKey(perRow, "answer"),
    categoryField: majorityKey(perRow, "category"),
    idField: majorityKey(perRow, "id"),
  };
  const defined = Object.fromEntries(Object.entries(shape).filter(([, value]) => value !== undefined));
  const answerField = shape.answerField;
  let answerFormat: AnswerFormat = "unknown";
  if (answerField !== undefined) {
    const answers = rows
      .map((row) => row[answerField])
      .filter((value) => value !== undefined && value !== null);
    const numeric = answers.filter(isNumericAnswer).length;
    answerFormat =
      shape.optionsField !== undefined
        ? "choice"
        : answers.length > 0 && numeric >= NUMERIC_SHARE * answers.length
          ? "number"
          : "short";
  }
  return { ...defined, answerFormat };
}
