import { filterItems, type ItemFilter, type ItemPage, pageOf, paramsFromFilter } from "../item-filter.js";
import type { ItemView } from "../report-data.js";

/** Where the pages get items: all in memory (static report) or page by page from the viewer's API. */
export interface ItemSource {
  query(filter: ItemFilter, offset: number, limit: number): Promise<ItemPage>;
  get(id: string): Promise<ItemView | undefined>;
}

/**
 * Items embedded in the report, loaded on first use; the last filter's result is kept so paging
 * does not refilter.
 */
export function staticItemSource(
  load: () => Promise<readonly ItemView[]>,
  models: readonly string[],
): ItemSource {
  let loaded: Promise<{ items: readonly ItemView[]; byId: Map<string, ItemView> }> | undefined;
  const data = () => {
    loaded ??= load().then((items) => ({ items, byId: new Map(items.map((item) => [item.id, item])) }));
    return loaded;
  };
  let last: { key: string; items: ItemView[] } | undefined;
  return {
    async query(filter, offset, limit) {
      const { items } = await data();
      const key = paramsFromFilter(filter).toString();
      if (last?.key !== key) last = { key, items: filterItems(items, models, filter) };
      return pageOf(last.items, offset, limit);
    },
    async get(id) {
      return (await data()).byId.get(id);
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
