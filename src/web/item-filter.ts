import type { ItemView } from "./report-data.js";

// Shared by the browser bundle (static report) and the viewer's item API: keep it free of Node and DOM.

/** What the items page filters on; every field is optional and they combine with AND. */
export interface ItemFilter {
  /** With `outcome`: the model whose answers are judged. */
  model?: string;
  outcome?: "correct" | "wrong" | "unparseable";
  difficultyMin?: number;
  difficultyMax?: number;
  subtask?: string;
  /** A metadata key (`attribute:<name>` for a provenance attribute) and the value it must have. */
  metaKey?: string;
  metaValue?: string;
  /** Case-insensitive text search over id, question, options, answer and the replies. */
  search?: string;
  /** Model vs model: items `right` got right and `wrong` got wrong. */
  right?: string;
  wrong?: string;
  /** Only these ids (run vs run flipped lists). */
  ids?: readonly string[];
}

/** The filter fields carried in a URL query or hash, by name. */
export const FILTER_KEYS = [
  "model",
  "outcome",
  "difficultyMin",
  "difficultyMax",
  "subtask",
  "metaKey",
  "metaValue",
  "search",
  "right",
  "wrong",
  "ids",
] as const;

/** A filter from URL parameters; unknown or malformed values are dropped rather than guessed. */
export function filterFromParams(params: URLSearchParams): ItemFilter {
  const filter: ItemFilter = {};
  const text = (name: string): string | undefined => {
    const value = params.get(name);
    return value === null || value === "" ? undefined : value;
  };
  const number = (name: string): number | undefined => {
    const value = text(name);
    const parsed = value === undefined ? Number.NaN : Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  const outcome = text("outcome");
  if (outcome === "correct" || outcome === "wrong" || outcome === "unparseable") filter.outcome = outcome;
  for (const name of ["model", "subtask", "metaKey", "metaValue", "search", "right", "wrong"] as const) {
    const value = text(name);
    if (value !== undefined) filter[name] = value;
  }
  const min = number("difficultyMin");
  if (min !== undefined) filter.difficultyMin = min;
  const max = number("difficultyMax");
  if (max !== undefined) filter.difficultyMax = max;
  const ids = text("ids");
  if (ids !== undefined) filter.ids = ids.split(",");
  return filter;
}

/** URL parameters for a filter (the inverse of filterFromParams). */
export function paramsFromFilter(filter: ItemFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value === undefined) continue;
    params.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return params;
}

/** The value an item has for a filterable key, as text; undefined when absent or not a plain value. */
export function metadataValue(item: ItemView, key: string): string | undefined {
  let value: unknown;
  if (key.startsWith("attribute:")) {
    const attributes = item.provenance?.attributes;
    value =
      typeof attributes === "object" && attributes !== null
        ? (attributes as Record<string, unknown>)[key.slice("attribute:".length)]
        : undefined;
  } else value = item.metadata?.[key];
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Items passing the filter, in their order; `models` is the summary's model list the answers align with. */
export function filterItems(
  items: readonly ItemView[],
  models: readonly string[],
  filter: ItemFilter,
): ItemView[] {
  const index = (name: string | undefined): number => (name === undefined ? -1 : models.indexOf(name));
  const judged = index(filter.model);
  const right = index(filter.right);
  const wrong = index(filter.wrong);
  const ids = filter.ids ? new Set(filter.ids) : undefined;
  const needle = filter.search?.toLowerCase();
  // A named model that is not in this run matches nothing, rather than silently everything.
  if ((filter.model && judged < 0) || (filter.right && right < 0) || (filter.wrong && wrong < 0)) return [];
  return items.filter((item) => {
    if (ids && !ids.has(item.id)) return false;
    if (filter.outcome !== undefined) {
      const answers = judged >= 0 ? [item.answers[judged]] : item.answers;
      const matches = answers.some((answer) => {
        if (!answer) return false;
        if (filter.outcome === "unparseable") return answer[1] === null;
        return answer[0] === (filter.outcome === "correct");
      });
      if (!matches) return false;
    } else if (judged >= 0 && !item.answers[judged]) return false;
    if (right >= 0 && item.answers[right]?.[0] !== true) return false;
    if (wrong >= 0 && item.answers[wrong]?.[0] !== false) return false;
    if (filter.difficultyMin !== undefined || filter.difficultyMax !== undefined) {
      if (item.difficulty === undefined) return false;
      if (filter.difficultyMin !== undefined && item.difficulty < filter.difficultyMin) return false;
      if (filter.difficultyMax !== undefined && item.difficulty > filter.difficultyMax) return false;
    }
    if (filter.subtask !== undefined && item.subtask !== filter.subtask) return false;
    if (filter.metaKey !== undefined) {
      const value = metadataValue(item, filter.metaKey);
      if (value === undefined || (filter.metaValue !== undefined && value !== filter.metaValue)) return false;
    }
    if (needle !== undefined && !searchText(item).includes(needle)) return false;
    return true;
  });
}

/** One page of a list: the slice and the total it came from. */
export interface ItemPage {
  total: number;
  offset: number;
  items: ItemView[];
  /**
   * The viewer is still indexing the run: `items` are the list's first items (unfiltered, `total`
   * as the results file counts them) or, for any other page or filter, none yet (`total` 0).
   */
  indexing?: true;
}

/** A page of filtered items; offset and limit are clamped to the list. */
export function pageOf(items: readonly ItemView[], offset: number, limit: number): ItemPage {
  const start = Math.max(0, Math.min(Math.floor(offset), items.length));
  return { total: items.length, offset: start, items: items.slice(start, start + Math.max(0, limit)) };
}

const searchCache = new WeakMap<ItemView, string>();

function searchText(item: ItemView): string {
  let text = searchCache.get(item);
  if (text === undefined) {
    const replies = item.answers.map((answer) => answer?.[2] ?? "");
    text = [item.id, item.question, ...(item.options ?? []), item.answer, ...replies]
      .join("\n")
      .toLowerCase();
    searchCache.set(item, text);
  }
  return text;
}
