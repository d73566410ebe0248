import type { Row } from "../../io/read-dataset-rows.js";
import type { CardCategories, CardField } from "./dataset-card.js";

const EXAMPLE_COUNT = 3;
const EXAMPLE_LENGTH = 80;
/** Field names that usually group rows, when the known spellings (subject, category ...) are absent. */
const GROUPING_NAME =
  /categor|subject|domain|topic|genre|task|area|discipline|type|region|language|level|group/i;

function typeOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string" || typeof value === "boolean") return typeof value;
  if (value instanceof Uint8Array) return "binary";
  if (Array.isArray(value)) {
    const inner = [...new Set(value.map(typeOf).filter((type) => type !== undefined))].sort();
    return inner.length === 1 ? `list<${inner[0]}>` : "list";
  }
  return "object";
}

function exampleText(value: unknown): string | undefined {
  if (value === null || value === undefined || value === "" || value instanceof Uint8Array) return undefined;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXAMPLE_LENGTH ? `${flat.slice(0, EXAMPLE_LENGTH - 1)}…` : flat;
}

/**
 * Every field that appears in the rows, in order of first appearance, with the types its values
 * take (mixed types joined by "|", "null" when it is always empty) and up to 3 distinct examples.
 */
export function describeFields(
  rows: readonly Row[],
  declared: ReadonlyMap<string, string> = new Map(),
): CardField[] {
  const seen = new Map<string, { types: Set<string>; examples: string[] }>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      let entry = seen.get(name);
      if (entry === undefined) {
        entry = { types: new Set(), examples: [] };
        seen.set(name, entry);
      }
      const type = typeOf(value);
      if (type !== undefined) entry.types.add(type);
      const example = entry.examples.length < EXAMPLE_COUNT ? exampleText(value) : undefined;
      if (example !== undefined && !entry.examples.includes(example)) entry.examples.push(example);
    }
  }
  return [...seen].map(([name, { types, examples }]) => {
    const declaredType = declared.get(name);
    return {
      name,
      type: types.size === 0 ? "null" : [...types].sort().join("|"),
      examples,
      ...(declaredType !== undefined ? { declaredType } : {}),
    };
  });
}

/** Distinct scalar values of a field with their counts, most frequent first, ties by value. */
function valueCounts(rows: readonly Row[], field: string): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const value = row[field];
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
    const text = String(value).trim();
    if (text !== "") counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/**
 * The field that splits the rows into groups a planner can pick (MMLU's `subject`, MMLU-Pro's
 * `category`): `preferred` when given, else the first field whose name suggests grouping and whose
 * values repeat (2..maxDistinct distinct values, fewer than the rows). Values capped at `maxValues`.
 */
export function findCategories(
  rows: readonly Row[],
  options: {
    preferred?: string | undefined;
    exclude: ReadonlySet<string>;
    maxValues: number;
    maxDistinct?: number;
  },
): CardCategories | undefined {
  const maxDistinct = options.maxDistinct ?? 200;
  const fields = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const candidates = [
    ...(options.preferred !== undefined ? [options.preferred] : []),
    ...fields.filter((field) => field !== options.preferred && GROUPING_NAME.test(field)),
  ].filter((field) => !options.exclude.has(field));
  for (const field of candidates) {
    const counts = valueCounts(rows, field);
    // Groups repeat: at least one value is shared by two rows.
    const grouped = counts.length >= 2 && counts.length < rows.length && counts.length <= maxDistinct;
    if (!grouped) continue;
    return { field, distinct: counts.length, values: counts.slice(0, options.maxValues) };
  }
  return undefined;
}
