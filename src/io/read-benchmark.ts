import { UserInputError } from "../core/errors.js";
import { type Item, ItemSchema } from "../core/item.js";
import { importRows, ROW_FIELDS } from "./import-rows.js";
import { type DatasetFormat, readDatasetRows } from "./read-dataset-rows.js";

/** A row of the file that did not become an item, and why (row: 1-based; the line for JSONL). */
export interface RejectedRow {
  row: number;
  reason: string;
}

/** A benchmark file's items, plus one-line warnings that do not stop a run. */
export interface ReadBenchmarkResult {
  items: Item[];
  /** E.g. the same question and options under two ids: counted twice, so results look firmer than they are. */
  warnings: string[];
  /** Rows that could not become an item; each is also summarised in `warnings`. */
  rejected: RejectedRow[];
  /** "benchsmith": every row was already in our item schema; "rows": dataset rows were converted. */
  source: "benchsmith" | "rows";
  format: DatasetFormat;
  /** What rejected `row` numbers count: file lines (JSONL) or data rows. */
  rowUnit: "line" | "row";
}

/** Case, Unicode form and spacing do not make two questions different items. */
function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Question plus options; option order is ignored because a shuffled copy is still the same item. */
function contentKey(item: Item): string {
  const options = (item.options ?? []).map(normalizeText).sort();
  return JSON.stringify([item.format, normalizeText(item.question), options]);
}

/** "a; b; c; and 4 more" — keeps a warning on one line however many rows it is about. */
function listSome(entries: readonly string[], shown = 3): string {
  const head = entries.slice(0, shown).join("; ");
  return entries.length > shown ? `${head}; and ${entries.length - shown} more` : head;
}

/**
 * Reads a benchmark: our JSONL (one ItemSchema item per line) or dataset rows in any format
 * readDatasetRows reads (JSONL / JSON / CSV / TSV / Parquet with question / choices / answer in the
 * usual spellings, converted by importRows). Rows that cannot become an item are returned in
 * `rejected` and summarised in a warning; if rows exist but none becomes an item, that is a
 * UserInputError naming the first reasons. Duplicate ids are a UserInputError naming the id and both
 * rows: every per-item result is keyed by id, and a copied item would be scored twice. Items with the
 * same normalised question and options under different ids are reported in `warnings`, unless
 * `copyWarnings: false` (comparing normalised text costs seconds on 100k items; the viewer shows none).
 */
export async function readBenchmark(
  path: string,
  options: { copyWarnings?: boolean } = {},
): Promise<ReadBenchmarkResult> {
  const copyWarnings = options.copyWarnings ?? true;
  const dataset = await readDatasetRows(path);
  const unit = dataset.rowUnit;
  const parsedAsOurs = dataset.rows.map((row) => ItemSchema.safeParse(row));
  const ours = parsedAsOurs.every((parsed) => parsed.success);
  const imported = ours
    ? {
        items: parsedAsOurs.flatMap((parsed) => (parsed.success ? [parsed.data] : [])),
        itemRows: dataset.rowNumbers,
        rejected: [],
      }
    : importRows(dataset.rows, { rowNumbers: dataset.rowNumbers });
  const describe = (rejected: RejectedRow): string => `${unit} ${rejected.row}: ${rejected.reason}`;
  if (imported.items.length === 0 && imported.rejected.length > 0) {
    throw new UserInputError(
      `${path}: none of its ${imported.rejected.length} rows could become an item (${listSome(imported.rejected.map(describe))})`,
      `each row needs a question (${ROW_FIELDS.question.join("/")}) and an answer (${ROW_FIELDS.answer.join("/")}); multiple-choice rows also options (${ROW_FIELDS.options.join("/")} or columns A, B, ...)`,
    );
  }
  const rowById = new Map<string, number>();
  const firstByContent = new Map<string, { id: string; row: number }>();
  const copies: string[] = [];
  for (const [index, item] of imported.items.entries()) {
    const row = imported.itemRows[index] ?? index + 1;
    const earlier = rowById.get(item.id);
    if (earlier !== undefined) {
      throw new UserInputError(
        `${path}: item id "${item.id}" appears twice (${unit}s ${earlier} and ${row})`,
        "ids must be unique; dedupe the file",
      );
    }
    rowById.set(item.id, row);
    if (!copyWarnings) continue;
    const key = contentKey(item);
    const first = firstByContent.get(key);
    if (first === undefined) firstByContent.set(key, { id: item.id, row });
    else copies.push(`"${item.id}" (${unit} ${row}) repeats "${first.id}" (${unit} ${first.row})`);
  }
  const warnings: string[] = [];
  if (imported.rejected.length > 0)
    warnings.push(
      `warning: ${path}: ${imported.rejected.length} of ${dataset.rows.length} rows could not become an item and are left out: ${listSome(imported.rejected.map(describe))}`,
    );
  if (copies.length > 0)
    warnings.push(
      `warning: ${path}: ${copies.length} item(s) repeat an earlier item's question and options under another id: ${listSome(copies)}`,
    );
  return {
    items: imported.items,
    warnings,
    rejected: imported.rejected,
    source: ours ? "benchsmith" : "rows",
    format: dataset.format,
    rowUnit: unit,
  };
}
