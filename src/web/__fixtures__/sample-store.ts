import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openSqliteStore, type SqliteRunStore, writeJsonl } from "../../index.js";
import type { AuditInput } from "../audit-input.js";
import type { TuneInput } from "../tune-input.js";
import { syntheticReport } from "./synthetic-report.js";

/** An audit table as `benchsmith audit` stores it. */
export const SAMPLE_AUDIT: AuditInput = {
  rows: [
    {
      criterion: "controllability",
      description: "Spearman(label, mean error)",
      higherIsBetter: true,
      value: 0.42,
      display: "0.420",
      notes: "[0.31, 0.52]",
      used: "300 items x 3 models",
    },
    {
      criterion: "faithfulness",
      description: "judged faithfulness",
      higherIsBetter: true,
      value: null,
      display: "n/a",
      notes: "needs --judge",
      used: "",
    },
  ],
  notes: ["semantic diversity used the TF-IDF fallback"],
  probes: [
    {
      probe: "always-longest",
      accuracy: 0.68,
      low: 0.62,
      high: 0.73,
      total: 300,
      chance: 0.25,
      isArtifact: true,
    },
  ],
  leakage: 2,
  calibration: {
    items: [
      { itemId: "item-0000", difficulty: -1.2, discrimination: 0.9, flags: [] },
      { itemId: "item-0001", difficulty: 0.4, discrimination: 0.1, flags: ["non-discriminating"] },
      { itemId: "item-0002", difficulty: 1.5, discrimination: -0.6, flags: ["label-suspect"] },
    ],
  },
};

/** A tune history: three iterations converging on a 0.5 target. */
export const SAMPLE_TUNE: TuneInput = {
  history: [0.82, 0.61, 0.52].map((accuracy, iteration) => ({
    iteration,
    designer: "optimizer",
    params: { digits: iteration + 2 },
    rationale: `step ${iteration + 1}`,
    pooled: { accuracy, total: 40, interval: { low: accuracy - 0.12, high: Math.min(1, accuracy + 0.1) } },
    confirmed: iteration === 2,
  })),
};

export interface SampleStore {
  store: SqliteRunStore;
  storePath: string;
  benchmarkPath: string;
  resultsPath: string;
  runs: { evalRun: string; makeRun: string; tuneRun: string; auditRun: string };
}

/**
 * A real SQLite store in `directory` with one run of each kind: a finished eval (results file
 * beside its benchmark, XSS payloads planted), a running make, a tune and an audit.
 */
export async function seedSampleStore(directory: string, items = 300): Promise<SampleStore> {
  const { items: benchmarkItems, results } = syntheticReport({
    items,
    abilities: [0.85, 0.7, 0.55],
    xss: true,
  });
  const benchmarkPath = join(directory, "bench.jsonl");
  const resultsPath = join(directory, "bench.results.json");
  await writeJsonl(benchmarkPath, benchmarkItems);
  writeFileSync(resultsPath, JSON.stringify({ ...results, benchmark: benchmarkPath }));
  const storePath = join(directory, "store.sqlite");
  const store = openSqliteStore(storePath);
  const evalRun = await store.createRun({
    kind: "eval",
    spec: {
      benchmark: benchmarkPath,
      options: { models: ["model-a", "model-b", "model-c"], chainOfThought: false, concurrency: 4, seed: 1 },
      out: resultsPath,
    },
  });
  await store.updateRun(evalRun.id, { status: "completed", summary: { results: resultsPath } });
  const makeRun = await store.createRun({
    kind: "make",
    spec: {
      options: { demand: "grade-school arithmetic", count: 40, generator: "openai:gpt-4o-mini" },
      out: benchmarkPath,
    },
  });
  for (const [slot, item] of benchmarkItems.slice(0, 12).entries())
    await store.putItem({ runId: makeRun.id, slot, attempt: 0, status: "accepted", item, reason: undefined });
  const tuneRun = await store.createRun({
    kind: "tune",
    spec: {
      options: {
        template: "arithmetic",
        targetModel: "model-a",
        targetAccuracy: 0.5,
        designer: "optimizer",
        tolerance: 0.05,
        maxIters: 10,
        itemsPerIter: 40,
        finalItems: 40,
        seed: 0,
        concurrency: 4,
      },
      out: join(directory, "tune.jsonl"),
    },
  });
  await store.putState(tuneRun.id, "tune:state", SAMPLE_TUNE);
  await store.updateRun(tuneRun.id, { status: "completed", summary: { stopReason: "converged" } });
  const auditRun = await store.createRun({
    kind: "audit",
    spec: {
      benchmark: benchmarkPath,
      compare: [],
      results: resultsPath,
      judgeMode: "itemwise",
      leakageReferences: [],
    },
  });
  await store.putState(auditRun.id, "audit-table", SAMPLE_AUDIT);
  await store.updateRun(auditRun.id, { status: "completed", summary: {} });
  return {
    store,
    storePath,
    benchmarkPath,
    resultsPath,
    runs: { evalRun: evalRun.id, makeRun: makeRun.id, tuneRun: tuneRun.id, auditRun: auditRun.id },
  };
}
