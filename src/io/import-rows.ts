import { type Item, ItemSchema } from "../core/item.js";
import { type Row, readDatasetRows } from "./read-dataset-rows.js";
import {
  answerLetter,
  answerText,
  isOptionColumn,
  isPresent,
  letterColumns,
  optionsOf,
} from "./row-options.js";

export type { Row } from "./read-dataset-rows.js";

/** The field spellings importRows looks for, in order of preference (matched case-insensitively). */
export const ROW_FIELDS = {
  id: ["id", "question_id", "qid", "uid"],
  question: ["question", "query", "input", "prompt", "problem"],
  options: ["options", "choices"],
  answer: ["answer", "answerKey", "answer_key", "label", "target", "correct_answer", "gold"],
  category: ["category", "subject", "domain", "topic"],
  explanation: ["explanation", "rationale"],
} as const;
type FieldKind = keyof typeof ROW_FIELDS;

export interface ImportedRows {
  items: Item[];
  /** The row number each item came from (same order as `items`). */
  itemRows: number[];
  /** Rows that could not become an item, with the reason (1-based row number). */
  rejected: Array<{ row: number; reason: string }>;
}

/** Which of a row's keys hold its id, question, options, answer and category (undefined: none). */
export type RowFieldNames = { [kind in FieldKind]?: string };

/**
 * Turns HF-style rows into items. A row already in our item schema (with `format`) is kept as is.
 * Otherwise: question/query/input, options or choices (a list, a JSON list in a CSV cell, an
 * ARC-style {label, text} object, or letter columns A, B, C... / option_a...), and an answer given
 * as a letter, a 0-based index number, a label, or the option's text. Rows without options become
 * open items. Unknown scalar fields go to metadata. `rowNumbers` gives each row's number for ids
 * and rejections (default: 1, 2, ...).
 */
export function importRows(
  rows: readonly Row[],
  options: { idPrefix?: string; rowNumbers?: readonly number[] } = {},
): ImportedRows {
  const result: ImportedRows = { items: [], itemRows: [], rejected: [] };
  for (const [index, row] of rows.entries()) {
    const rowNumber = options.rowNumbers?.[index] ?? index + 1;
    const converted = rowToItem(row, `${options.idPrefix ?? "row-"}${rowNumber}`);
    if (typeof converted === "string") {
      result.rejected.push({ row: rowNumber, reason: oneLine(converted) });
      continue;
    }
    const parsed = ItemSchema.safeParse(converted);
    if (parsed.success) {
      result.items.push(parsed.data);
      result.itemRows.push(rowNumber);
    } else {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      result.rejected.push({ row: rowNumber, reason: oneLine(`${where}${issue?.message ?? "invalid row"}`) });
    }
  }
  return result;
}

/** Reasons quote the row's own text: keep them to one short line. */
function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Reads rows from a .jsonl, .json, .csv, .tsv or .parquet file (see readDatasetRows). */
export async function readRowsFile(path: string): Promise<Row[]> {
  return (await readDatasetRows(path)).rows;
}

/** The keys of `row` importRows would read for each kind of field. */
export function rowFieldNames(row: Row): RowFieldNames {
  const names: RowFieldNames = {};
  // Exact spellings win; otherwise the first key equal to a spelling ignoring case.
  let byLowerCase: Map<string, string> | undefined;
  for (const kind of Object.keys(ROW_FIELDS) as FieldKind[]) {
    const fields = ROW_FIELDS[kind];
    let key: string | undefined = fields.find((field) => isPresent(row[field]));
    if (key === undefined) {
      byLowerCase ??= new Map(
        Object.keys(row)
          .reverse()
          .map((candidate) => [candidate.toLowerCase(), candidate]),
      );
      for (const field of fields) {
        const candidate = byLowerCase.get(field.toLowerCase());
        if (candidate !== undefined && isPresent(row[candidate])) {
          key = candidate;
          break;
        }
      }
    }
    if (key !== undefined) names[kind] = key;
  }
  if (names.options === undefined) {
    const columns = letterColumns(row);
    if (columns.length > 0) names.options = columns.join(", ");
  }
  return names;
}

/** The item a row describes (to be validated), or the reason it cannot be one. */
function rowToItem(row: Row, fallbackId: string): Record<string, unknown> | string {
  if ((row.format === "mcq" || row.format === "open") && ItemSchema.safeParse(row).success) return row;
  const names = rowFieldNames(row);
  const question = scalarText(names.question && row[names.question]);
  if (question === undefined) return `no question (looked for ${ROW_FIELDS.question.join(", ")})`;
  const rawAnswer = names.answer === undefined ? undefined : row[names.answer];
  if (rawAnswer === undefined) return `no answer (looked for ${ROW_FIELDS.answer.join(", ")})`;
  const { options: optionList, labels } = optionsOf(row, names.options);
  const format = row.format === "open" || optionList.length === 0 ? "open" : "mcq";
  const answer = format === "mcq" ? answerLetter(rawAnswer, optionList, labels) : answerText(rawAnswer);
  const difficulty =
    typeof row.difficulty === "string" && row.difficulty.trim() !== ""
      ? Number(row.difficulty)
      : row.difficulty;
  // Only a share in [0, 1] is our label; a 1-5 "level" stays in metadata.
  const hasDifficulty =
    typeof difficulty === "number" && Number.isFinite(difficulty) && difficulty >= 0 && difficulty <= 1;
  const category = scalarText(names.category && row[names.category]);
  const explanation = scalarText(names.explanation && row[names.explanation]);
  const used = new Set<string>(["format", ...Object.values(names)]);
  if (hasDifficulty) used.add("difficulty");
  const metadata = Object.fromEntries(
    Object.entries(row).filter(
      ([key, value]) =>
        !used.has(key) &&
        !isOptionColumn(key) &&
        value !== "" &&
        value !== undefined &&
        value !== null &&
        typeof value !== "object",
    ),
  );
  return {
    id: scalarText(names.id && row[names.id]) ?? fallbackId,
    format,
    question,
    ...(format === "mcq" ? { options: optionList } : {}),
    answer,
    ...(explanation ? { explanation } : {}),
    ...(hasDifficulty ? { difficulty } : {}),
    ...(category ? { category } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}
