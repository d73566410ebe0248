import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import type { ZodType } from "zod";
import {
  type EvalResults,
  parseJson,
  type RunStore,
  readBenchmark,
  readResultsFile,
  TUNE_DEFAULTS,
  UserInputError,
} from "../index.js";
import { type AuditInput, AuditInputSchema } from "./audit-input.js";
import type { ReportInputs } from "./build-report-data.js";
import { viewOf } from "./run-views.js";
import { TuneInputSchema } from "./tune-input.js";

/** What `benchsmith report` was given: results files or run ids (the first is the report, the rest compared with it). */
export interface CollectOptions {
  sources: readonly string[];
  /** Benchmark JSONL; default: the one the first results file names. */
  bench?: string;
  /** Audit JSON file or audit run id. */
  audit?: string;
  /** Tune result JSON file or tune run id. */
  tune?: string;
  title?: string;
  /** Needed only when a source is a run id. */
  store?: RunStore;
}

async function readJsonFile<T>(path: string, schema: ZodType<T>, what: string): Promise<T> {
  const text = await readFile(path, "utf8");
  const json = parseJson(text);
  if (!json.success) throw new UserInputError(`${path} is not valid JSON`, `pass ${what}`);
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(
      `${path} is not ${what}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
    );
  }
  return parsed.data;
}

/** A name with a folder or a file extension is a file the user meant, never a run id. */
function looksLikePath(source: string): boolean {
  return /[\\/]|\.[a-z]+$/i.test(source);
}

/**
 * Whether any of these sources can only be a run id, so the store must be opened to read it. A
 * missing file (a name with a folder or an extension) does not count: it fails with "no such file"
 * before any store is opened, so a typo leaves no store behind.
 */
export function sourcesNeedStore(sources: readonly string[]): boolean {
  return sources.some((source) => !existsSync(source) && !looksLikePath(source));
}

async function storedRun(store: RunStore | undefined, id: string) {
  if (looksLikePath(id))
    throw new UserInputError(
      `cannot read ${id} (no such file)`,
      "check the path; a run id has no folder or extension",
    );
  const run = store ? await store.getRun(id) : undefined;
  if (!run) {
    throw new UserInputError(
      `"${id}" is neither a file nor a run in the store`,
      "pass a results.json from `benchsmith eval` or a run id from `benchsmith runs list`",
    );
  }
  return run;
}

/** Inputs of one source: a results file (items read later) or a stored run (everything it has). */
async function sourceInputs(
  source: string,
  store: RunStore | undefined,
): Promise<Partial<ReportInputs> & { label: string; resultsPath?: string }> {
  if (existsSync(source))
    return { label: source, results: await readResultsFile(source), resultsPath: source };
  const run = await storedRun(store, source);
  return { label: `run ${run.id}`, ...(await viewOf(run).inputs(store as RunStore, run)) };
}

/** The benchmark a results file names; a relative name is tried beside the results file too. */
function benchmarkPath(results: EvalResults, resultsPath: string): string {
  const named = results.benchmark;
  if (isAbsolute(named) || existsSync(named)) return named;
  const beside = resolve(dirname(resultsPath), named);
  return existsSync(beside) ? beside : named;
}

/** Reads every input `benchsmith report` names into report inputs (one results file, or run, per source). */
export async function collectReportInputs(options: CollectOptions): Promise<ReportInputs> {
  const [first, ...others] = options.sources;
  if (first === undefined)
    throw new UserInputError("nothing to report", "pass a results.json from `benchsmith eval` or a run id");
  const primary = await sourceInputs(first, options.store);
  const notes = [...(primary.notes ?? [])];
  let items = primary.items ?? [];
  const benchmark =
    options.bench ??
    (primary.results && primary.resultsPath
      ? benchmarkPath(primary.results, primary.resultsPath)
      : primary.benchmark);
  if (options.bench !== undefined || primary.items === undefined) {
    if (benchmark === undefined)
      throw new UserInputError("no benchmark to show items from", "pass --bench <benchmark.jsonl>");
    if (!existsSync(benchmark))
      throw new UserInputError(
        `cannot read the benchmark ${benchmark}`,
        "pass --bench <benchmark.jsonl> (the file the results were computed on)",
      );
    const read = await readBenchmark(benchmark);
    items = read.items;
    notes.push(...read.warnings);
  }
  const compare: { label: string; results: EvalResults }[] = [];
  for (const source of others) {
    const other = await sourceInputs(source, options.store);
    if (!other.results)
      throw new UserInputError(
        `${source} has no eval results to compare`,
        "compare results files or eval runs",
      );
    compare.push({ label: other.label, results: other.results });
  }
  const audit = options.audit === undefined ? undefined : await auditInputs(options.audit, options.store);
  const tune = options.tune === undefined ? undefined : await tuneInputs(options.tune, options.store);
  const title = options.title ?? primary.title;
  return {
    ...primary,
    ...(title === undefined ? {} : { title }),
    ...(benchmark === undefined ? {} : { benchmark }),
    items,
    ...(compare.length > 0 ? { compare } : {}),
    ...(audit ? { audit } : {}),
    ...(tune ?? (primary.tune ? { tune: primary.tune } : {})),
    notes,
  };
}

async function auditInputs(source: string, store: RunStore | undefined): Promise<AuditInput> {
  if (existsSync(source)) return readJsonFile(source, AuditInputSchema, "an audit report (JSON with rows)");
  const run = await storedRun(store, source);
  const audit = (await viewOf(run).inputs(store as RunStore, run)).audit;
  if (!audit)
    throw new UserInputError(
      `run ${run.id} holds no audit table`,
      "pass an audit run id or an audit JSON file",
    );
  return audit;
}

async function tuneInputs(source: string, store: RunStore | undefined): Promise<Pick<ReportInputs, "tune">> {
  if (existsSync(source)) {
    const input = await readJsonFile(source, TuneInputSchema, "a tune result (JSON with history)");
    // A TuneResult names its target; tune has no default target, so a file without one cannot be placed.
    if (input.targetAccuracy === undefined)
      throw new UserInputError(
        `${source} names no targetAccuracy`,
        "pass the tune result JSON `benchsmith tune` wrote, or the tune run id",
      );
    return {
      tune: {
        input,
        template: input.template ?? source,
        targetAccuracy: input.targetAccuracy,
        tolerance: input.tolerance ?? TUNE_DEFAULTS.tolerance,
      },
    };
  }
  const run = await storedRun(store, source);
  const tune = (await viewOf(run).inputs(store as RunStore, run)).tune;
  if (!tune)
    throw new UserInputError(
      `run ${run.id} holds no tune history`,
      "pass a tune run id or a tune result JSON file",
    );
  return { tune };
}
