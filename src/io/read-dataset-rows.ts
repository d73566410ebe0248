import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { UserInputError } from "../core/errors.js";
import { parseJson } from "../core/json.js";
import { parseCsvRecords } from "./csv.js";
import { type RowWindow, readParquetRows } from "./read-parquet.js";
import { readUserFile } from "./read-user-file.js";

/** One dataset row as read from a file: field name -> JSON-like value. */
export type Row = Record<string, unknown>;

/** A format's rows before windowing, with the 1-based position of each in the file. */
interface ParsedRows {
  rows: Row[];
  rowNumbers: number[];
  rowCount: number;
  /** Set when the parser numbered lines although the format counts rows (JSON Lines saved as .json). */
  rowUnit?: "line";
  /** The reader applied the window itself. */
  windowed?: boolean;
}

/** Every dataset file format benchsmith reads, keyed by name; each declares its extensions and row unit. */
export const DATASET_FORMATS = {
  jsonl: {
    extensions: [".jsonl", ".ndjson"],
    /** Errors and warnings point at file lines, which is what an editor shows. */
    rowUnit: "line",
    read: async (path: string) => parseJsonLines(path, await readUserFile(path)),
  },
  json: {
    extensions: [".json"],
    rowUnit: "row",
    read: async (path: string) => parseJsonDocument(path, await readUserFile(path)),
  },
  csv: {
    extensions: [".csv"],
    rowUnit: "row",
    read: async (path: string) => numbered(parseCsvRecords(await readUserFile(path))),
  },
  tsv: {
    extensions: [".tsv"],
    rowUnit: "row",
    read: async (path: string) => numbered(parseCsvRecords(await readUserFile(path), "\t")),
  },
  parquet: {
    extensions: [".parquet"],
    rowUnit: "row",
    read: async (path: string, window: RowWindow) => {
      const { rows, rowCount } = await readParquetRows(path, window);
      const first = Math.min(window.offset ?? 0, rowCount);
      return { rows, rowCount, rowNumbers: rows.map((_, index) => first + index + 1), windowed: true };
    },
  },
} as const;
export type DatasetFormat = keyof typeof DATASET_FORMATS;

/** The rows of one dataset file. */
export interface DatasetRows {
  format: DatasetFormat;
  rows: Row[];
  /** 1-based position of each row: its line for JSONL, its data row (header not counted) otherwise. */
  rowNumbers: number[];
  /** Rows in the whole file, before `offset` / `limit`. */
  rowCount: number;
  /** What `rowNumbers` count: "line" or "row". */
  rowUnit: "line" | "row";
}

/** The format a path's extension names, or undefined when benchsmith does not read it. */
export function datasetFormatOf(path: string): DatasetFormat | undefined {
  const name = basename(path).toLowerCase();
  for (const [format, entry] of Object.entries(DATASET_FORMATS)) {
    if (entry.extensions.some((extension) => name.endsWith(extension))) return format as DatasetFormat;
  }
  return undefined;
}

/**
 * Reads a dataset file's rows by its extension: .jsonl, .json (an array, or {data|rows|items: [...]},
 * or JSON Lines under a .json name), .csv / .tsv with a header row, .parquet. `offset` / `limit`
 * select a window (Parquet decodes only that window). Unknown extensions, unreadable files and
 * malformed lines are UserInputErrors naming the file (and line).
 */
export async function readDatasetRows(path: string, window: RowWindow = {}): Promise<DatasetRows> {
  const format = datasetFormatOf(path);
  if (format === undefined) {
    if ((await stat(path).catch(() => undefined))?.isDirectory())
      throw new UserInputError(
        `${path} is a folder, not a dataset file`,
        "pass one of its files (a Hugging Face folder's .parquet or .jsonl, for instance)",
      );
    const known = Object.values(DATASET_FORMATS).flatMap((entry) => entry.extensions);
    throw new UserInputError(
      `${path}: unknown dataset file type`,
      `benchsmith reads ${known.join(", ")} files`,
    );
  }
  const entry = DATASET_FORMATS[format];
  const parsed: ParsedRows = await entry.read(path, window);
  const result = { format, rowUnit: parsed.rowUnit ?? entry.rowUnit, rowCount: parsed.rowCount };
  if (parsed.windowed === true) return { ...result, rows: parsed.rows, rowNumbers: parsed.rowNumbers };
  const start = Math.max(0, window.offset ?? 0);
  const end = window.limit === undefined ? undefined : start + window.limit;
  return { ...result, rows: parsed.rows.slice(start, end), rowNumbers: parsed.rowNumbers.slice(start, end) };
}

function numbered(rows: Row[]): ParsedRows {
  return { rows, rowNumbers: rows.map((_, index) => index + 1), rowCount: rows.length };
}

function isRow(value: unknown): value is Row {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function parseJsonLines(path: string, text: string): ParsedRows {
  const rows: Row[] = [];
  const rowNumbers: number[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const json = parseJson(line);
    if (!json.success)
      throw new UserInputError(
        `${path}:${index + 1} is not valid JSON`,
        "each line must hold one JSON object",
      );
    if (!isRow(json.value))
      throw new UserInputError(
        `${path}:${index + 1} is not a JSON object`,
        "each line must hold one JSON object",
      );
    rows.push(json.value);
    rowNumbers.push(index + 1);
  }
  return { rows, rowNumbers, rowCount: rows.length, rowUnit: "line" };
}

function parseJsonDocument(path: string, text: string): ParsedRows {
  const json = parseJson(text);
  // Hugging Face's `to_json` writes JSON Lines under a .json name by default.
  if (!json.success) return parseJsonLines(path, text);
  const value = json.value;
  const list = Array.isArray(value)
    ? value
    : isRow(value)
      ? [value.data, value.rows, value.items].find((inner) => Array.isArray(inner))
      : undefined;
  if (!Array.isArray(list))
    throw new UserInputError(
      `${path} is neither a JSON array of rows nor an object with a "data", "rows" or "items" array`,
      "use a JSON array of objects, JSONL (one object per line) or CSV",
    );
  const bad = list.findIndex((row) => !isRow(row));
  if (bad >= 0) throw new UserInputError(`${path}: row ${bad + 1} is not a JSON object`);
  return numbered(list as Row[]);
}
