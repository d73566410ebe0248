import { filterItems, type ItemFilter, type ItemPage, pageOf, paramsFromFilter } from "../item-filter.js";
import type { ItemView } from "../report-data.js";

/** Where the pages get items: all in memory (static report) or page by page from the viewer's API. */
export interface ItemSource {
  query(filter: ItemFilter, offset: number, limit: number): Promise<ItemPage>;
  get(id: string): Promise<ItemView | undefined>;
}

/** Items embedded in the report; the last filter's result is kept so paging does not refilter. */
export function staticItemSource(items: readonly ItemView[], models: readonly string[]): ItemSource {
  const byId = new Map(items.map((item) => [item.id, item]));
  let lastKey = "";
  let lastResult: ItemView[] = [...items];
  return {
    async query(filter, offset, limit) {
      const key = paramsFromFilter(filter).toString();
      if (key !== lastKey) {
        lastResult = filterItems(items, models, filter);
        lastKey = key;
      }
      return pageOf(lastResult, offset, limit);
    },
    async get(id) {
      return byId.get(id);
    },
  };
}

/** Items of a stored run, fetched from the viewer one page at a time. */
export function remoteItemSource(runId: string): ItemSource {
  const base = `/api/runs/${encodeURIComponent(runId)}/items`;
  return {
    async query(filter, offset, limit) {
      const params = paramsFromFilter(filter);
      params.set("offset", String(offset));
      params.set("limit", String(limit));
      return fetchJson<ItemPage>(`${base}?${params.toString()}`);
    },
    async get(id) {
      const response = await fetch(`${base}/${encodeURIComponent(id)}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`item ${id}: HTTP ${response.status}`);
      return (await response.json()) as ItemView;
    },
  };
}

/** GET a JSON document from the viewer; a non-2xx status is an error naming the path. */
export async function fetchJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}
