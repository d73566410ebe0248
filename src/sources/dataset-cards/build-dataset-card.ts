import { importRows } from "../../io/import-rows.js";
import type { Row } from "../../io/read-dataset-rows.js";
import type { CardFile, DatasetCard } from "./dataset-card.js";
import { inferAnswerShape } from "./infer-answer-shape.js";
import { describeFields, findCategories } from "./infer-card-fields.js";
import type { CardReadme } from "./read-card-readme.js";

/** Category values a card keeps by default: enough for all 57 MMLU subjects. */
export const DEFAULT_MAX_CATEGORY_VALUES = 100;

export interface BuildDatasetCardOptions {
  id: string;
  name: string;
  path: string;
  files: CardFile[];
  /** All rows of all files, in file order. */
  rows: readonly Row[];
  readme?: CardReadme | undefined;
  maxCategoryValues?: number;
}

const ANSWER_WORDS: Record<DatasetCard["answerFormat"], string> = {
  choice: "multiple-choice",
  short: "short-answer",
  number: "numeric-answer",
  unknown: "no recognised answer field;",
};

/** A description from the rows alone, for files with no README: what the planner and the index read. */
function describeRows(card: Omit<DatasetCard, "description">): string {
  const files = card.files.length === 1 ? (card.files[0]?.format ?? "") : `${card.files.length} files`;
  const parts = [
    `${card.rowCount} rows (${files}) with fields ${card.fields.map((field) => field.name).join(", ")}.`,
  ];
  const where = [
    card.questionField && `question in "${card.questionField}"`,
    card.optionsField && `options in "${card.optionsField}"`,
    card.answerField && `answer in "${card.answerField}"`,
  ].filter(Boolean);
  parts.push(`${ANSWER_WORDS[card.answerFormat]} ${where.length > 0 ? where.join(", ") : "items"}.`);
  if (card.categories !== undefined) {
    const top = card.categories.values.slice(0, 8).map((entry) => `${entry.value} (${entry.count})`);
    parts.push(`${card.categories.distinct} ${card.categories.field} values, e.g. ${top.join(", ")}.`);
  }
  return parts.join(" ");
}

/**
 * Builds a card from a dataset's rows (fields, types, examples, answer shape, categories, how many
 * rows import as items) and its README card when there is one (name, licence, task categories,
 * description, declared feature types). Pure: reading the files is loadDatasetCards' job.
 */
export function buildDatasetCard(options: BuildDatasetCardOptions): DatasetCard {
  const { rows, readme } = options;
  const shape = inferAnswerShape(rows);
  const exclude = new Set(
    [shape.questionField, shape.optionsField, shape.answerField, shape.idField].filter(
      (field): field is string => field !== undefined,
    ),
  );
  const categories = findCategories(rows, {
    preferred: shape.categoryField,
    exclude,
    maxValues: options.maxCategoryValues ?? DEFAULT_MAX_CATEGORY_VALUES,
  });
  const card: Omit<DatasetCard, "description"> = {
    id: options.id,
    name: options.name,
    path: options.path,
    files: options.files,
    fields: describeFields(rows, readme?.features),
    rowCount: rows.length,
    usableRows: importRows(rows).items.length,
    ...(readme?.license !== undefined ? { license: readme.license } : {}),
    ...(readme?.taskCategories !== undefined ? { taskCategories: readme.taskCategories } : {}),
    answerFormat: shape.answerFormat,
    ...(shape.answerField !== undefined ? { answerField: shape.answerField } : {}),
    ...(shape.questionField !== undefined ? { questionField: shape.questionField } : {}),
    ...(shape.optionsField !== undefined ? { optionsField: shape.optionsField } : {}),
    ...(categories !== undefined ? { categories } : {}),
  };
  const generated = describeRows(card);
  // The README says what the data is for; the generated line says what its rows look like.
  const description = readme?.description !== undefined ? `${readme.description} ${generated}` : generated;
  return { ...card, description };
}
