import type { RunRecord, RunStore } from "../index.js";
import { buildReportData, summaryOf } from "./build-report-data.js";
import { filterItems, type ItemFilter, type ItemPage, pageOf, paramsFromFilter } from "./item-filter.js";
import type { ItemView, ReportData, ReportSummary } from "./report-data.js";
import { viewOf } from "./run-views.js";

/** A built report of one run, with the last filter's result kept so paging does not refilter 100k items. */
interface Entry {
  version: string;
  builtAt: number;
  data: Promise<{
    report: ReportData;
    summary: ReportSummary;
    byId: Map<string, ItemView>;
    models: string[];
  }>;
  lastFilter?: { key: string; items: ItemView[] };
}

/** How long a running run's report is reused before it is rebuilt from the store. */
const RUNNING_TTL_MS = 5000;
/** Reports kept in memory at once (a 100k-item run holds a few hundred MB). */
const MAX_ENTRIES = 2;

/** Report data per stored run, built on first request and rebuilt when the run changes. */
export interface ReportCache {
  summary(run: RunRecord): Promise<ReportSummary>;
  items(run: RunRecord, filter: ItemFilter, offset: number, limit: number): Promise<ItemPage>;
  item(run: RunRecord, itemId: string): Promise<ItemView | undefined>;
}

export function createReportCache(store: RunStore, now: () => number = Date.now): ReportCache {
  const entries = new Map<string, Entry>();
  const entryFor = (run: RunRecord): Entry => {
    const version = `${run.status}@${run.updatedAt}`;
    const existing = entries.get(run.id);
    const fresh =
      existing?.version === version &&
      (run.status !== "running" || now() - existing.builtAt < RUNNING_TTL_MS);
    if (existing && fresh) {
      // Most recently used last, so the oldest is evicted first.
      entries.delete(run.id);
      entries.set(run.id, existing);
      return existing;
    }
    const data = viewOf(run)
      .inputs(store, run)
      .then((inputs) => {
        const report = buildReportData(inputs);
        return {
          report,
          summary: summaryOf(report),
          byId: new Map(report.items.map((item) => [item.id, item])),
          models: report.models.map((model) => model.model),
        };
      });
    const entry: Entry = { version, builtAt: now(), data };
    // A failed build is not cached: the next request tries again.
    data.catch(() => entries.get(run.id) === entry && entries.delete(run.id));
    entries.delete(run.id);
    entries.set(run.id, entry);
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    return entry;
  };
  return {
    async summary(run) {
      return (await entryFor(run).data).summary;
    },
    async items(run, filter, offset, limit) {
      const entry = entryFor(run);
      const { report, models } = await entry.data;
      const key = paramsFromFilter(filter).toString();
      if (entry.lastFilter?.key !== key)
        entry.lastFilter = { key, items: filterItems(report.items, models, filter) };
      return pageOf(entry.lastFilter.items, offset, limit);
    },
    async item(run, itemId) {
      return (await entryFor(run).data).byId.get(itemId);
    },
  };
}
