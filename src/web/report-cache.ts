import type { RunRecord, RunStore } from "../index.js";
import { buildReportData, summaryOf } from "./build-report-data.js";
import { filterItems, type ItemFilter, type ItemPage, pageOf, paramsFromFilter } from "./item-filter.js";
import {
  fingerprintOf,
  persistSummary,
  readPersistedSummary,
  type SourceStat,
  statSources,
} from "./persisted-summary.js";
import type { ItemView, ReportData, ReportSummary } from "./report-data.js";
import { viewOf } from "./run-views.js";

/** A run's whole report, indexed: what the items API pages through. */
interface ItemIndex {
  report: ReportData;
  summary: ReportSummary;
  byId: Map<string, ItemView>;
  models: string[];
}

/** One run's report: its summary (answered first) and its item index (built on demand or in the background). */
interface Entry {
  run: RunRecord;
  version: string;
  builtAt: number;
  /** The files the run's view reads, stated when the entry was made (before any is read). */
  sources: Promise<SourceStat[]>;
  summary?: Promise<ReportSummary>;
  index?: Promise<ItemIndex>;
  /** Set once the index is built: its summary is the whole one (an outline lacks pairs, difficulty, facets). */
  built?: ItemIndex;
  lastFilter?: { key: string; items: ItemView[] };
  /** Why the summary or the index could not be built, with the files' state it failed on. */
  failure?: { error: unknown; sourcesKey: string };
}

/** How long a running run's report is reused before it is rebuilt from the store. */
const RUNNING_TTL_MS = 5000;
/** Reports kept in memory at once (a 100k-item run holds a few hundred MB). */
const MAX_ENTRIES = 2;
/** Above this many bytes of input files, a run without a persisted summary is first answered with its outline. */
const OUTLINE_ABOVE_BYTES = 16 * 1024 * 1024;
/** The background index build starts after this pause, so the summary's response leaves first. */
const BACKGROUND_DELAY_MS = 50;

/** Report data per stored run, built on first request and rebuilt when the run changes. */
export interface ReportCache {
  /** The run's summary: persisted, outline (large run, index still building) or whole. */
  summary(run: RunRecord): Promise<ReportSummary>;
  items(run: RunRecord, filter: ItemFilter, offset: number, limit: number): Promise<ItemPage>;
  item(run: RunRecord, itemId: string): Promise<ItemView | undefined>;
}

export interface ReportCacheOptions {
  now?: () => number;
  /** Input size above which the outline answers first (tests lower it). */
  outlineAboveBytes?: number;
}

export function createReportCache(store: RunStore, options: ReportCacheOptions = {}): ReportCache {
  const now = options.now ?? Date.now;
  const outlineAbove = options.outlineAboveBytes ?? OUTLINE_ABOVE_BYTES;
  const entries = new Map<string, Entry>();
  // A failure is kept, and answered again, until the run or one of its files changes.
  const remember = (entry: Entry, error: unknown): void => {
    void entry.sources.then((sources) => {
      entry.failure = { error, sourcesKey: JSON.stringify(sources) };
    });
  };

  const indexOf = (entry: Entry): Promise<ItemIndex> => {
    if (entry.index) return entry.index;
    const { run } = entry;
    entry.index = viewOf(run)
      .inputs(store, run)
      .then(async (inputs) => {
        // Let requests that arrived while the files were parsed through before the build holds the loop again.
        await new Promise((resolve) => setImmediate(resolve));
        const report = buildReportData(inputs);
        const built: ItemIndex = {
          report,
          summary: summaryOf(report),
          byId: new Map(report.items.map((item) => [item.id, item])),
          models: report.models.map((model) => model.model),
        };
        entry.built = built;
        const fingerprint = fingerprintOf(run, await entry.sources);
        if (fingerprint !== undefined) await persistSummary(store, run.id, fingerprint, built.summary);
        return built;
      });
    entry.index.catch((error: unknown) => remember(entry, error));
    return entry.index;
  };

  const summaryOfEntry = async (entry: Entry): Promise<ReportSummary> => {
    const { run } = entry;
    const sources = await entry.sources;
    const fingerprint = fingerprintOf(run, sources);
    const persisted =
      fingerprint === undefined ? undefined : await readPersistedSummary(store, run.id, fingerprint);
    const view = viewOf(run);
    const inputBytes = sources.reduce((sum, source) => sum + (source.bytes ?? 0), 0);
    const outline =
      persisted === undefined && view.outline !== undefined && inputBytes > outlineAbove
        ? await view.outline(store, run)
        : undefined;
    const first = persisted ?? outline;
    if (first === undefined) return (await indexOf(entry)).summary;
    // The items list needs the index: build it now rather than on the first items request.
    setTimeout(() => void indexOf(entry).catch(() => undefined), BACKGROUND_DELAY_MS);
    return first;
  };

  const entryFor = async (run: RunRecord): Promise<Entry> => {
    const version = `${run.status}@${run.updatedAt}`;
    const existing = entries.get(run.id);
    const paths = viewOf(run).sources?.(run) ?? [];
    const fresh =
      existing?.version === version &&
      (run.status !== "running" || now() - existing.builtAt < RUNNING_TTL_MS) &&
      (existing.failure === undefined ||
        existing.failure.sourcesKey === JSON.stringify(await statSources(paths)));
    if (existing && fresh) {
      // Most recently used last, so the oldest is evicted first.
      entries.delete(run.id);
      entries.set(run.id, existing);
      return existing;
    }
    const entry: Entry = {
      run,
      version,
      builtAt: now(),
      sources: statSources(paths),
    };
    entries.delete(run.id);
    entries.set(run.id, entry);
    while (entries.size > MAX_ENTRIES) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
    return entry;
  };

  return {
    async summary(run) {
      const entry = await entryFor(run);
      if (entry.failure) throw entry.failure.error;
      if (entry.built) return entry.built.summary;
      if (!entry.summary) {
        entry.summary = summaryOfEntry(entry);
        entry.summary.catch((error: unknown) => remember(entry, error));
      }
      return entry.summary;
    },
    async items(run, filter, offset, limit) {
      const entry = await entryFor(run);
      const index = await indexOf(entry);
      const key = paramsFromFilter(filter).toString();
      if (entry.lastFilter?.key !== key)
        entry.lastFilter = { key, items: filterItems(index.report.items, index.models, filter) };
      return pageOf(entry.lastFilter.items, offset, limit);
    },
    async item(run, itemId) {
      return (await indexOf(await entryFor(run))).byId.get(itemId);
    },
  };
}
