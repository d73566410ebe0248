import type { RunRecord, RunStore } from "../index.js";
import { buildReportDataPausing, summaryOf } from "./build-report-data.js";
import { filterItems, type ItemFilter, type ItemPage, pageOf, paramsFromFilter } from "./item-filter.js";
import {
  fingerprintOf,
  persistSummary,
  readPersistedSummary,
  type SourceStat,
  statSources,
} from "./persisted-summary.js";
import type { ItemView, ReportData, ReportSummary } from "./report-data.js";
import { type RunOutline, viewOf } from "./run-views.js";

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
  /** Set when the index build failed: requests then wait for it, and get its error. */
  indexFailed?: boolean;
  /** A large run's outline (its leaderboard and the list's first items), read before the index. */
  outline?: Promise<RunOutline | undefined>;
  /** The list's first items, served while the index is built (from the outline). */
  firstItems?: ItemView[];
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
/**
 * An index build goes on once no request has been in flight for this long (a page load's requests
 * follow each other within it), or after GIVE_WAY_MAX_MS at one step, so requests never starve it.
 */
const QUIET_MS = 100;
const GIVE_WAY_MAX_MS = 1000;

/** Report data per stored run, built on first request and rebuilt when the run changes. */
export interface ReportCache {
  /** The run's summary: persisted, outline (large run, index still building) or whole. */
  summary(run: RunRecord): Promise<ReportSummary>;
  /**
   * A page of the filtered list. While a large run's index is built, the list's first items (no
   * filter) are answered from its outline and any other page as empty, both marked `indexing`.
   */
  items(run: RunRecord, filter: ItemFilter, offset: number, limit: number): Promise<ItemPage>;
  item(run: RunRecord, itemId: string): Promise<ItemView | undefined>;
  /** Resolves once the run's item index is built (rejects as the build does). */
  indexed(run: RunRecord): Promise<void>;
  /**
   * Marks a request to the server as begun; call the returned function when it is answered. Index
   * builds pause between their steps while requests are in flight or arrived in the last QUIET_MS.
   */
  request(): () => void;
}

export interface ReportCacheOptions {
  now?: () => number;
  /** Input size above which the outline answers first (tests lower it). */
  outlineAboveBytes?: number;
  /** Awaited before an index build reads the run's files (tests hold the build there). */
  beforeIndex?: () => Promise<void>;
}

export function createReportCache(store: RunStore, options: ReportCacheOptions = {}): ReportCache {
  const now = options.now ?? Date.now;
  const outlineAbove = options.outlineAboveBytes ?? OUTLINE_ABOVE_BYTES;
  const entries = new Map<string, Entry>();
  let inFlight = 0;
  /** Requests waiting for an index: a build does not give way to them. */
  let waiting = 0;
  let lastRequestAt = Number.NEGATIVE_INFINITY;
  /** Between an index build's steps: lets queued requests through, then waits for a quiet moment. */
  const giveWay = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    for (;;) {
      const at = performance.now();
      const quiet = inFlight <= waiting && (waiting > 0 || at - lastRequestAt >= QUIET_MS);
      if (quiet || at - started >= GIVE_WAY_MAX_MS) return;
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS / 5));
    }
  };
  // A failure is kept, and answered again, until the run or one of its files changes.
  const remember = (entry: Entry, error: unknown): void => {
    void entry.sources.then((sources) => {
      entry.failure = { error, sourcesKey: JSON.stringify(sources) };
    });
  };

  const indexOf = (entry: Entry): Promise<ItemIndex> => {
    if (entry.index) return entry.index;
    const { run } = entry;
    entry.index = (options.beforeIndex?.() ?? Promise.resolve())
      .then(async () => {
        await giveWay();
        return viewOf(run).inputs(store, run, { pause: giveWay });
      })
      .then(async (inputs) => {
        // Let requests that arrived while the files were parsed through before the build holds the loop again.
        await giveWay();
        const report = await buildReportDataPausing(inputs, giveWay);
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
    entry.index.catch((error: unknown) => {
      entry.indexFailed = true;
      remember(entry, error);
    });
    return entry.index;
  };

  /** The entry's index, for a request that waits for it. */
  const awaitIndex = async (entry: Entry): Promise<ItemIndex> => {
    waiting++;
    try {
      return await indexOf(entry);
    } finally {
      waiting--;
    }
  };

  /** The items answered while the index is built, or undefined when a request must wait for the index. */
  const whileIndexing = async (entry: Entry): Promise<ItemView[] | undefined> => {
    if (entry.built) return undefined;
    // A summary request still reading the outline brings the first items with it (or waits for the index).
    waiting++;
    try {
      await entry.summary?.catch(() => undefined);
      await entry.outline;
    } finally {
      waiting--;
    }
    return entry.built || entry.indexFailed ? undefined : entry.firstItems;
  };

  const summaryOfEntry = async (entry: Entry): Promise<ReportSummary> => {
    const { run } = entry;
    const sources = await entry.sources;
    const fingerprint = fingerprintOf(run, sources);
    const persisted =
      fingerprint === undefined ? undefined : await readPersistedSummary(store, run.id, fingerprint);
    const view = viewOf(run);
    const inputBytes = sources.reduce((sum, source) => sum + (source.bytes ?? 0), 0);
    const outlined =
      view.outline !== undefined && inputBytes > outlineAbove ? view.outline(store, run) : undefined;
    if (outlined) {
      // With a persisted summary the outline is read for the first items only: its failure is the index's to report.
      entry.outline = outlined.then(
        (outline) => {
          if (outline?.firstItems) entry.firstItems = outline.firstItems;
          return outline;
        },
        () => undefined,
      );
    }
    const first = persisted ?? (outlined ? (await outlined)?.summary : undefined);
    if (first === undefined) return (await awaitIndex(entry)).summary;
    // The items list needs the index: build it now (after the outline's first items) rather than on the first items request.
    void (entry.outline ?? Promise.resolve()).then(() =>
      setTimeout(() => void indexOf(entry).catch(() => undefined), BACKGROUND_DELAY_MS),
    );
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
      const first = await whileIndexing(entry);
      if (first) {
        const unfiltered = paramsFromFilter(filter).toString() === "";
        const itemCount = (await entry.summary)?.itemCount ?? first.length;
        // Served only where the first items are the whole answer: the list's start, unfiltered.
        const covered = offset + limit <= first.length || first.length >= itemCount;
        if (unfiltered && covered)
          return { ...pageOf(first, offset, limit), total: itemCount, indexing: true };
        return { total: 0, offset, items: [], indexing: true };
      }
      const index = await awaitIndex(entry);
      const key = paramsFromFilter(filter).toString();
      if (entry.lastFilter?.key !== key)
        entry.lastFilter = { key, items: filterItems(index.report.items, index.models, filter) };
      return pageOf(entry.lastFilter.items, offset, limit);
    },
    async item(run, itemId) {
      const entry = await entryFor(run);
      const first = (await whileIndexing(entry))?.find((item) => item.id === itemId);
      return first ?? (await awaitIndex(entry)).byId.get(itemId);
    },
    async indexed(run) {
      await indexOf(await entryFor(run));
    },
    request() {
      inFlight++;
      lastRequestAt = performance.now();
      let done = false;
      return () => {
        if (done) return;
        done = true;
        inFlight--;
        lastRequestAt = performance.now();
      };
    },
  };
}
