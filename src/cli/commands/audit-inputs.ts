import { resolve } from "node:path";
import {
  type AccuracyTable,
  accuracyTable,
  type EvalResults,
  type Item,
  locateBuiltInReferences,
  type ReferenceItem,
  readBenchmark,
  readReferenceFile,
  readResultsFile,
} from "../../index.js";
import { printError } from "../output.js";

/** The files `benchsmith audit` reads, as typed on the command line. */
export interface AuditFiles {
  bench: string;
  compare: readonly string[];
  referenceBench?: string | undefined;
  results?: string | undefined;
  referenceResults?: string | undefined;
  paraphraseResults?: string | undefined;
  leakageRefs: readonly string[];
  /** Folder of the built-in MMLU / MMLU-Pro sets; undefined = $BENCHSMITH_REFERENCE_DATA. */
  leakageData?: string | undefined;
  builtinLeakage: boolean;
}

/** The files' contents, ready for runAudit. */
export interface AuditInputs {
  items: Item[];
  comparisons: Array<{ name: string; items: Item[] }>;
  /** The --reference-bench benchmark, named by its path. */
  referenceBenchmark: { name: string; items: Item[] } | undefined;
  results: EvalResults | undefined;
  referenceResults: AccuracyTable | undefined;
  paraphraseResults: AccuracyTable | undefined;
  leakageReferences: ReferenceItem[];
  /** Every leakage reference file read (absolute), built-in ones first. */
  referencePaths: string[];
  /** Lines for the report's notes (e.g. where the built-in sets were looked for). */
  notes: string[];
}

async function readTable(path: string | undefined): Promise<AccuracyTable | undefined> {
  return path === undefined ? undefined : accuracyTable(await readResultsFile(path), path);
}

/**
 * Reads every input before a run is opened, so a bad file leaves no run behind; the benchmarks'
 * warnings (e.g. one item under two ids) go to stderr.
 */
export async function readAuditInputs(files: AuditFiles): Promise<AuditInputs> {
  const read = await readBenchmark(files.bench);
  const readNamed = async (path: string) => {
    const other = await readBenchmark(path);
    read.warnings.push(...other.warnings);
    return { name: path, items: other.items };
  };
  const comparisons = await Promise.all(files.compare.map(readNamed));
  const referenceBenchmark =
    files.referenceBench === undefined ? undefined : await readNamed(files.referenceBench);
  for (const warning of read.warnings) printError(warning);
  const builtIn = files.builtinLeakage
    ? locateBuiltInReferences({ directory: files.leakageData, env: process.env })
    : { paths: [], note: undefined };
  const referencePaths = [...builtIn.paths, ...files.leakageRefs].map((path) => resolve(path));
  return {
    items: read.items,
    comparisons,
    referenceBenchmark,
    results: files.results === undefined ? undefined : await readResultsFile(files.results),
    referenceResults: await readTable(files.referenceResults),
    paraphraseResults: await readTable(files.paraphraseResults),
    leakageReferences: (await Promise.all(referencePaths.map(readReferenceFile))).flat(),
    referencePaths,
    notes: builtIn.note === undefined ? [] : [builtIn.note],
  };
}
