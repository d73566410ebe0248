import { existsSync } from "node:fs";
import { AUDIT_TABLE_KEY } from "../audit/runner.js";
import { type Item, parseRunSpec, type RunRecord, type RunStore, readResultsFile } from "../index.js";
import { TUNE_STATE_KEY } from "../pipelines/tune/history.js";
import { AuditInputSchema } from "./audit-input.js";
import type { ReportInputs } from "./build-report-data.js";
import { PREVIEW_ITEMS, previewItemViews, readBenchmarkHead } from "./items-preview.js";
import { buildOutlineSummary } from "./outline-summary.js";
import { discoverRunView, planRunView } from "./pipeline-views.js";
import type { ItemView, ReportSummary, RunInfo } from "./report-data.js";
import { readResultsHead, readResultsPausing } from "./results-outline.js";
import { acceptedItems, benchmarkItems, resultsFromEvaluations } from "./stored-items.js";
import { TuneInputSchema } from "./tune-input.js";

/** How the viewer and `report <run id>` read one kind of stored run. */
export interface RunView {
  /**
   * Report inputs from the store (and the files the run names); `pause` is awaited between reading
   * one file and the next (a server reading them in the background answers requests there).
   */
  inputs(store: RunStore, run: RunRecord, options?: { pause?: () => Promise<void> }): Promise<ReportInputs>;
  /** A short progress line for the run list. */
  progress(store: RunStore, run: RunRecord): Promise<string>;
  /** The files `inputs` reads: a persisted summary is reused only while they are unchanged. */
  sources?(run: RunRecord): string[];
  /**
   * A summary read in well under a second from a large run's files (the leaderboard), answered while
   * the whole report is built, with the list's first items when they can be read as cheaply
   * (`firstItems`, up to PREVIEW_ITEMS); undefined when the run has nothing cheaper than its inputs.
   */
  outline?(store: RunStore, run: RunRecord): Promise<RunOutline | undefined>;
}

/** What a large run answers before its index is built. */
export interface RunOutline {
  summary: ReportSummary;
  /** The items list's first items, exactly as the index will list them; absent when not known cheaply. */
  firstItems?: ItemView[];
}

function runInfo(run: RunRecord): RunInfo {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    spec: run.spec,
    ...(run.summary === undefined ? {} : { summary: run.summary }),
  };
}

async function itemsInputs(store: RunStore, run: RunRecord, notes: string[]): Promise<Item[]> {
  const { items, skipped } = await acceptedItems(store, run.id);
  if (skipped > 0) notes.push(`${skipped} stored items do not parse as items and are not shown`);
  return items;
}

/** Where an eval run's results file is: the path its summary names, else the spec's `out`. */
function evalResultsPath(run: RunRecord): string {
  return typeof run.summary?.results === "string" ? run.summary.results : parseRunSpec("eval", run).out;
}

const acceptedProgress = async (store: RunStore, run: RunRecord, target?: number): Promise<string> => {
  const accepted = (await store.listItems(run.id, { status: "accepted" })).length;
  return target === undefined ? `${accepted} items` : `${accepted}/${target} items`;
};

/** Runs of a kind without its own view: their accepted items and stored spec. */
export const GENERIC_RUN_VIEW: RunView = {
  async inputs(store, run) {
    const notes: string[] = [];
    const items = await itemsInputs(store, run, notes);
    return { title: `${run.kind} run ${run.id}`, items, run: runInfo(run), notes };
  },
  progress: (store, run) => acceptedProgress(store, run),
};

/** One view per run kind; shared code never branches on the kind. */
export const RUN_VIEWS = {
  discover: discoverRunView,
  plan: planRunView,
  make: {
    inputs: GENERIC_RUN_VIEW.inputs,
    progress: (store, run) => {
      const count = parseRunSpec("make", run).options.count;
      return acceptedProgress(store, run, count);
    },
  },
  eval: {
    async inputs(store, run, options) {
      const spec = parseRunSpec("eval", run);
      const notes: string[] = [];
      const resultsPath = evalResultsPath(run);
      const items = await benchmarkItems(spec.benchmark, notes, options?.pause);
      await options?.pause?.();
      let results = !existsSync(resultsPath)
        ? undefined
        : options?.pause
          ? await readResultsPausing(resultsPath, options.pause)
          : await readResultsFile(resultsPath);
      if (!results) {
        results = await resultsFromEvaluations(store, run.id, spec.benchmark, items);
        if (results) notes.push(`no results file yet (${run.status}): built from the answers stored so far`);
      }
      return {
        title: `eval run ${run.id}`,
        benchmark: spec.benchmark,
        items,
        ...(results ? { results } : {}),
        run: runInfo(run),
        notes,
      };
    },
    sources: (run) => [parseRunSpec("eval", run).benchmark, evalResultsPath(run)],
    async outline(_store, run) {
      const resultsPath = evalResultsPath(run);
      if (!existsSync(resultsPath)) return undefined;
      const spec = parseRunSpec("eval", run);
      const [head, items] = await Promise.all([
        readResultsHead(resultsPath, { firstOutcomes: PREVIEW_ITEMS }),
        readBenchmarkHead(spec.benchmark, PREVIEW_ITEMS),
      ]);
      const firstItems =
        items && head.firstOutcomes ? previewItemViews(items, head.firstOutcomes) : undefined;
      const summary = buildOutlineSummary({
        title: `eval run ${run.id}`,
        benchmark: spec.benchmark,
        results: head.outline,
        run: runInfo(run),
        notes: [],
        firstItems: firstItems?.length ?? 0,
      });
      return { summary, ...(firstItems ? { firstItems } : {}) };
    },
    async progress(store, run) {
      const spec = parseRunSpec("eval", run);
      const answers = (await store.listEvaluations(run.id)).length;
      return `${answers} answers from ${spec.options.models.length} models`;
    },
  },
  tune: {
    async inputs(store, run) {
      const spec = parseRunSpec("tune", run).options;
      const notes: string[] = [];
      const items = await itemsInputs(store, run, notes);
      const state = await store.getState(run.id, TUNE_STATE_KEY, TuneInputSchema);
      const stopReason = run.summary?.stopReason;
      return {
        title: `tune run ${run.id}`,
        items,
        ...(state
          ? {
              tune: {
                input: typeof stopReason === "string" ? { ...state, stopReason } : state,
                template: spec.template,
                targetAccuracy: spec.targetAccuracy,
                tolerance: spec.tolerance,
              },
            }
          : {}),
        run: runInfo(run),
        notes,
      };
    },
    async progress(store, run) {
      const spec = parseRunSpec("tune", run).options;
      const state = await store.getState(run.id, TUNE_STATE_KEY, TuneInputSchema);
      return `${state?.history.length ?? 0}/${spec.maxIters} iterations`;
    },
  },
  audit: {
    async inputs(store, run) {
      const spec = parseRunSpec("audit", run);
      const notes: string[] = [];
      const items = await benchmarkItems(spec.benchmark, notes);
      const audit = await store.getState(run.id, AUDIT_TABLE_KEY, AuditInputSchema);
      const results =
        spec.results && existsSync(spec.results) ? await readResultsFile(spec.results) : undefined;
      return {
        title: `audit run ${run.id}`,
        benchmark: spec.benchmark,
        items,
        ...(results ? { results } : {}),
        ...(audit ? { audit } : {}),
        run: runInfo(run),
        notes,
      };
    },
    sources: (run) => {
      const spec = parseRunSpec("audit", run);
      return spec.results ? [spec.benchmark, spec.results] : [spec.benchmark];
    },
    progress: async (_store, run) => (run.status === "completed" ? "audited" : run.status),
  },
} as const satisfies Record<string, RunView>;

/** The view of a run's kind, or the generic one. */
export function viewOf(run: RunRecord): RunView {
  return Object.hasOwn(RUN_VIEWS, run.kind)
    ? RUN_VIEWS[run.kind as keyof typeof RUN_VIEWS]
    : GENERIC_RUN_VIEW;
}
