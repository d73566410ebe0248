import type { DatasetCard } from "../../sources/dataset-cards/index.js";
import type { PlannedSource } from "./plan-document.js";

/** One slice of a card's rows: all of them ("*"), or those with one category value. */
export interface Segment {
  key: string;
  card: string;
  /** The field and value rows must have; undefined for the whole card. */
  field: string | undefined;
  value: string | undefined;
  rows: number;
}

/**
 * The segments a source draws rows from. A filter names its values; a source without a filter on a
 * card whose category values are all listed takes every value, so it shares rows with a filtered
 * source of the same card instead of counting them twice. Otherwise the whole card is one segment.
 */
export function segmentsOf(
  source: Pick<PlannedSource, "card" | "filter" | "supply">,
  card: DatasetCard | undefined,
): Segment[] {
  const categories = card?.categories;
  const counts = new Map(categories?.values.map((entry) => [entry.value, entry.count]));
  const complete = categories !== undefined && categories.distinct === categories.values.length;
  const values =
    source.filter?.values ?? (complete ? categories.values.map((entry) => entry.value) : undefined);
  if (values === undefined) {
    const rows = card?.usableRows ?? source.supply;
    return [{ key: `${source.card}::*`, card: source.card, field: undefined, value: undefined, rows }];
  }
  const field = source.filter?.field ?? categories?.field;
  return values.map((value) => ({
    key: `${source.card}::${field}=${value}`,
    card: source.card,
    field,
    value,
    rows: counts.get(value) ?? 0,
  }));
}

/** Rows per segment key over many sources (a segment named twice counts once). */
export function supplyOfSegments(segments: readonly Segment[]): Map<string, number> {
  return new Map(segments.map((segment) => [segment.key, segment.rows]));
}
