import { z } from "zod";

/** One field (column) of a dataset, as its rows show it. */
export const CardFieldSchema = z.object({
  name: z.string(),
  /** The JSON-like types its values take, e.g. "string", "integer", "list<string>", "integer|string". */
  type: z.string(),
  /** Up to 3 distinct non-empty values, stringified and truncated. */
  examples: z.array(z.string()),
  /** The type a Hugging Face card's `dataset_info.features` declares, when it does. */
  declaredType: z.string().optional(),
});
export type CardField = z.infer<typeof CardFieldSchema>;

/** The values of the field that groups rows (subject, category ...), with their counts. */
export const CardCategoriesSchema = z.object({
  field: z.string(),
  /** Number of distinct values (more than `values` holds when the list was capped). */
  distinct: z.number().int(),
  /** Most frequent first (ties by value), at most `maxCategoryValues`. */
  values: z.array(z.object({ value: z.string(), count: z.number().int() })),
});
export type CardCategories = z.infer<typeof CardCategoriesSchema>;

/** One data file a card reads, in the order its rows are numbered. */
export const CardFileSchema = z.object({
  path: z.string(),
  format: z.string(),
  rowCount: z.number().int(),
  /** train / validation / test, when the file name says so. */
  split: z.string().optional(),
});
export type CardFile = z.infer<typeof CardFileSchema>;

/**
 * What a planner needs to know about a local dataset before using it: what it holds, how big it is,
 * its licence, and which fields give a question, options and answer. Built from the rows themselves,
 * plus a Hugging Face README card when the dataset folder has one.
 */
export const DatasetCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The file, or the folder for a Hugging Face-style dataset. */
  path: z.string(),
  files: z.array(CardFileSchema),
  description: z.string(),
  fields: z.array(CardFieldSchema),
  rowCount: z.number().int(),
  /** Rows importRows turns into benchmark items as they are. */
  usableRows: z.number().int(),
  license: z.string().optional(),
  taskCategories: z.array(z.string()).optional(),
  answerFormat: z.enum(["choice", "short", "number", "unknown"]),
  answerField: z.string().optional(),
  questionField: z.string().optional(),
  optionsField: z.string().optional(),
  categories: CardCategoriesSchema.optional(),
});
export type DatasetCard = z.infer<typeof DatasetCardSchema>;
export type AnswerFormat = DatasetCard["answerFormat"];
