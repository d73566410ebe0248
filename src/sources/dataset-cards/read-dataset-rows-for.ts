import { type Row, readDatasetRows } from "../../io/read-dataset-rows.js";
import type { DatasetCard } from "./dataset-card.js";

/** Which rows of a card to read; `where` keeps rows whose fields equal the given values. */
export interface CardRowsRequest {
  offset?: number;
  limit?: number;
  /** E.g. { subject: "professional_law" }: compared as text, so 3 matches "3". */
  where?: Readonly<Record<string, string | number | boolean>>;
}

/** One row of a card's dataset with its position, a stable id for provenance. */
export interface CardRow {
  /** 0-based position in the card's dataset (files in card order), whatever filter selected it. */
  index: number;
  values: Row;
}

/** A page of rows, and how many rows there are in all (matching `where`, when given). */
export interface CardRowsPage {
  rows: CardRow[];
  total: number;
}

function matches(row: Row, where: NonNullable<CardRowsRequest["where"]>): boolean {
  return Object.entries(where).every(([field, value]) => {
    const cell = row[field];
    return cell !== undefined && cell !== null && String(cell) === String(value);
  });
}

/**
 * Reads rows of a card's dataset in a deterministic order (its files in card order, rows in file
 * order): `offset` / `limit` page through them, after `where` filters when given. Without a filter
 * only the files (and, for Parquet, the rows) the page needs are read.
 */
export async function readDatasetRowsFor(
  card: DatasetCard,
  request: CardRowsRequest = {},
): Promise<CardRowsPage> {
  const offset = Math.max(0, request.offset ?? 0);
  const limit = request.limit ?? Number.POSITIVE_INFINITY;
  const rows: CardRow[] = [];
  let start = 0;
  if (request.where === undefined) {
    for (const file of card.files) {
      const fileEnd = start + file.rowCount;
      const wanted = offset + rows.length;
      if (rows.length < limit && wanted < fileEnd) {
        const within = wanted - start;
        const remaining = limit - rows.length;
        const read = await readDatasetRows(file.path, {
          offset: within,
          ...(Number.isFinite(remaining) ? { limit: remaining } : {}),
        });
        for (const [index, values] of read.rows.entries())
          rows.push({ index: start + within + index, values });
      }
      start = fileEnd;
    }
    return { rows, total: card.rowCount };
  }
  let total = 0;
  for (const file of card.files) {
    const read = await readDatasetRows(file.path);
    for (const [index, values] of read.rows.entries()) {
      if (!matches(values, request.where)) continue;
      if (total >= offset && rows.length < limit) rows.push({ index: start + index, values });
      total++;
    }
    start += read.rowCount;
  }
  return { rows, total };
}
