import { UserInputError } from "../core/errors.js";

/** A window of rows to read: `offset` rows skipped, at most `limit` returned. */
export interface RowWindow {
  offset?: number;
  limit?: number;
}

/** Rows of one Parquet file, as plain JSON-like values, plus the file's total row count. */
export interface ParquetRows {
  rows: Record<string, unknown>[];
  /** Rows in the whole file, whatever window was read. */
  rowCount: number;
}

/**
 * Turns what hyparquet decodes into plain values: INT64 columns arrive as BigInt (numbers here,
 * or decimal strings past 2^53), timestamps as Date (ISO strings); lists and structs are walked.
 * Byte arrays that are not UTF-8 text stay Uint8Array.
 */
export function plainParquetValue(value: unknown): unknown {
  if (typeof value === "bigint") {
    const asNumber = Number(value);
    return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(plainParquetValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, plainParquetValue(inner)]),
    );
  }
  return value;
}

/**
 * Reads a Parquet file as the Hugging Face hub stores them (snappy or uncompressed pages; list
 * columns such as `choices` come back as arrays). Only the requested window of rows is decoded.
 * A missing or unreadable file, or one hyparquet cannot decode, is a UserInputError naming it.
 */
export async function readParquetRows(path: string, window: RowWindow = {}): Promise<ParquetRows> {
  // Loaded on first use, so commands that never touch Parquet do not pay for it.
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await import("hyparquet");
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  try {
    file = await asyncBufferFromFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserInputError(
      `cannot read ${path}${code ? ` (${code})` : ""}`,
      "check the path and permissions",
    );
  }
  try {
    const metadata = await parquetMetadataAsync(file);
    const rowCount = Number(metadata.num_rows);
    const rowStart = Math.min(Math.max(0, window.offset ?? 0), rowCount);
    const rowEnd = window.limit === undefined ? rowCount : Math.min(rowCount, rowStart + window.limit);
    if (rowEnd <= rowStart) return { rows: [], rowCount };
    const decoded = await parquetReadObjects({ file, metadata, rowStart, rowEnd, rowFormat: "object" });
    return { rows: decoded.map((row) => plainParquetValue(row) as Record<string, unknown>), rowCount };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserInputError(
      `${path} is not a Parquet file benchsmith can read: ${reason}`,
      /compression|codec/i.test(reason)
        ? "re-save it with snappy compression (pyarrow's default), or as JSONL"
        : "check that the file is a complete Parquet file, or convert it to JSONL",
    );
  }
}
