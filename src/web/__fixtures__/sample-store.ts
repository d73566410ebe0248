import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { AUDIT_TABLE_KEY } from "../../audit/runner.js";
import {
  createRng,
  type DescriptionResult,
  type Item,
  openSqliteStore,
  type PlanDocument,
  type RunStore,
  type SqliteRunStore,
  writeJsonl,
} from "../../index.js";
import { toDenseVectors } from "../../metrics/pairwise-distance.js";
import { projectEmbeddings } from "../../metrics/projection.js";
import { CHECKPOINT_KEYS, createCheckpoints } from "../../pipelines/discover/checkpoint.js";
import {
  DescriptionResultSchema,
  descriptionOf,
  ProposalStepSchema,
} from "../../pipelines/discover/state.js";
import { createPlanCheckpoints, PLAN_KEYS } from "../../pipelines/plan/checkpoint.js";
import { TUNE_STATE_KEY } from "../../pipelines/tune/history.js";
import type { AuditInput } from "../audit-input.js";
import type { TuneInput } from "../tune-input.js";
import { syntheticReport, XSS_PAYLOADS } from "./synthetic-report.js";

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

const sampleMeasurement = (accuracy: number) => ({
  correct: Math.round(accuracy * 40),
  total: 40,
  accuracy,
  interval: { estimate: accuracy, low: accuracy - 0.12, high: Math.min(1, accuracy + 0.1) },
});

/** A tune history: three iterations converging on a 0.5 target. */
export const SAMPLE_TUNE: TuneInput = {
  history: [0.82, 0.61, 0.52].map((accuracy, iteration) => ({
    iteration,
    designer: "optimizer",
    params: { digits: iteration + 2 },
    rationale: `step ${iteration + 1}`,
    measurement: sampleMeasurement(accuracy),
    pooled: sampleMeasurement(accuracy),
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
  await store.putState(tuneRun.id, TUNE_STATE_KEY, SAMPLE_TUNE);
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
  await store.putState(auditRun.id, AUDIT_TABLE_KEY, SAMPLE_AUDIT);
  await store.updateRun(auditRun.id, { status: "completed", summary: {} });
  return {
    store,
    storePath,
    benchmarkPath,
    resultsPath,
    runs: { evalRun: evalRun.id, makeRun: makeRun.id, tuneRun: tuneRun.id, auditRun: auditRun.id },
  };
}

const accuracies = (values: readonly number[]) =>
  values.map((accuracy, index) => ({
    model: `model-${"abc"[index]}`,
    accuracy,
    n: 15,
    low: Math.max(0, accuracy - 0.2),
    high: Math.min(1, accuracy + 0.2),
  }));

/** A scored description of a discover trajectory. */
function scoredDescription(options: {
  id: string;
  iteration: number;
  description: string;
  values: readonly number[];
  novelty: number;
  objective: number;
  parent?: string;
}): DescriptionResult {
  const best = Math.max(...options.values);
  const mean = options.values.reduce((sum, value) => sum + value, 0) / options.values.length;
  return {
    id: options.id,
    iteration: options.iteration,
    description: options.description,
    ...(options.parent === undefined ? {} : { parent: options.parent }),
    status: "scored",
    failures: [],
    items: 15,
    rejected: 1,
    accuracies: accuracies(options.values),
    salience: { value: 0.9, from: "judge" },
    scores: {
      difficulty: 1 - best,
      separability:
        options.values.reduce((sum, value) => sum + Math.abs(value - mean), 0) / options.values.length,
      novelty: options.novelty,
      noveltyPriors: ["mmlu"],
      noveltyModels: ["model-a", "model-b", "model-c"],
    },
    objective: { value: options.objective, feasible: true, terms: [], missing: [], violated: [] },
  };
}

/** A discover trajectory over two iterations; d3's description is an XSS payload, d4 is the winner. */
export const SAMPLE_DISCOVER: DescriptionResult[] = [
  scoredDescription({
    id: "d1",
    iteration: 0,
    description: "history of the Hanseatic League",
    values: [0.8, 0.7, 0.6],
    novelty: 0.2,
    objective: 0.31,
  }),
  {
    id: "d2",
    iteration: 0,
    description: "medieval tax law",
    status: "not-salient",
    failures: [],
    items: 0,
    rejected: 0,
    accuracies: [],
    salience: { value: 0.1, from: "judge" },
  },
  scoredDescription({
    id: "d3",
    iteration: 1,
    description: XSS_PAYLOADS[1],
    values: [0.6, 0.5, 0.3],
    novelty: 0.5,
    objective: 0.48,
    parent: "d1",
  }),
  scoredDescription({
    id: "d4",
    iteration: 1,
    description: "Hanseatic trade routes in the 1400s",
    values: [0.4, 0.3, 0.1],
    novelty: 0.6,
    objective: 0.66,
    parent: "d1",
  }),
];

/** A plan of two subtasks (quotas 4 and 2) over one dataset and scratch writing. */
export const SAMPLE_PLAN: PlanDocument = {
  version: 1,
  query: "questions about European trade history",
  size: 6,
  scoring: { overall: 0.3, alignment: 0.45, coverage: 0.35, simplicity: 0.1, risk: 0.1, threshold: 0.53 },
  subtasks: [
    {
      name: "trade routes",
      description: "which city lay on a route",
      answerType: "choice",
      schema: { question: "which city", answer: "the city" },
      rationale: "routes are the core of the query",
      importance: 2,
      quota: 4,
      scratch: 1,
      sources: [
        {
          card: "cards/hansa.md",
          dataset: "hansa-cities",
          path: "hansa.jsonl",
          supply: 40,
          components: { alignment: 0.8, coverage: 0.7, simplicity: 0.9, risk: 0.1, overall: 0.8 },
          score: 0.78,
          transformation: { kind: "add-options", instructions: "write three wrong cities" },
          allocated: 3,
        },
      ],
    },
    {
      name: "guild law",
      description: "rules of guilds",
      answerType: "short",
      schema: { question: "what rule", answer: "the rule" },
      rationale: "guilds shaped trade",
      importance: 1,
      quota: 2,
      scratch: 2,
      sources: [],
    },
  ],
  diagnoses: [],
  notes: [],
};

/** Adds a discover run (trajectory in its checkpoints, finished) and a plan run (plan plus QC verdicts). */
export async function seedPipelineRuns(
  store: RunStore,
  directory: string,
): Promise<{ discoverRun: string; planRun: string }> {
  const discoverRun = await store.createRun({
    kind: "discover",
    spec: {
      domain: "European history",
      candidates: ["model-a", "model-b", "model-c"],
      writer: "openai:gpt-4o-mini",
      iterations: 2,
      out: "",
      report: "",
    },
  });
  const checkpoints = createCheckpoints(store, discoverRun.id);
  for (const iteration of [0, 1])
    await checkpoints.once(CHECKPOINT_KEYS.proposals(iteration), ProposalStepSchema, async () => ({
      descriptions: SAMPLE_DISCOVER.filter((row) => row.iteration === iteration).map(descriptionOf),
      rejected: [],
    }));
  for (const row of SAMPLE_DISCOVER)
    await checkpoints.once(CHECKPOINT_KEYS.result(row.id), DescriptionResultSchema, async () => row);
  await store.updateRun(discoverRun.id, {
    status: "completed",
    summary: {
      status: "completed",
      explored: 4,
      winner: "d4",
      out: join(directory, "missing-discover.jsonl"),
    },
  });
  const planRun = await store.createRun({
    kind: "plan",
    spec: {
      query: SAMPLE_PLAN.query,
      size: 6,
      model: "openai:gpt-4o-mini",
      out: join(directory, "plan.jsonl"),
    },
  });
  await createPlanCheckpoints(store, planRun.id).write(PLAN_KEYS.plan(), SAMPLE_PLAN);
  const { items } = syntheticReport({ items: 5, abilities: [0.5] });
  // Subtask 1 owns slots 0-3 (3 filled, one after a rejection), subtask 2 slots 4-5 (1 filled).
  const verdicts: { slot: number; attempt: number; reason?: string }[] = [
    { slot: 0, attempt: 0, reason: "ambiguity: two options fit" },
    { slot: 0, attempt: 1 },
    { slot: 1, attempt: 0 },
    { slot: 2, attempt: 0 },
    { slot: 3, attempt: 0, reason: "leakage: copies the source row" },
    { slot: 3, attempt: 1, reason: "ambiguity: no single answer" },
    { slot: 4, attempt: 0 },
  ];
  for (const [index, verdict] of verdicts.entries())
    await store.putItem({
      runId: planRun.id,
      slot: verdict.slot,
      attempt: verdict.attempt,
      status: verdict.reason ? "rejected" : "accepted",
      item: { ...(items[index % items.length] as Item), id: `plan-${index}` },
      reason: verdict.reason,
    });
  await store.updateRun(planRun.id, { status: "stopped", summary: { delivered: 4, size: 6 } });
  return { discoverRun: discoverRun.id, planRun: planRun.id };
}

/** A semantic-diversity row as audit stores it with --embedder: the seeded embedding map of `items`. */
export function sampleProjectionRow(items: readonly Item[]): AuditInput["rows"][number] {
  const rng = createRng(42);
  // Two clusters by subtask parity along the first axis, so the map has a visible shape.
  const vectors = items.map((_, index) => [(index % 2) * 4 + rng.normal(), rng.normal(), rng.normal() * 0.2]);
  return {
    criterion: "semantic-diversity",
    description: "Mean pairwise Euclidean distance of item embeddings",
    higherIsBetter: true,
    value: 2.1,
    display: "2.100",
    notes: "exact over all pairs",
    used: "test:embedder",
    projection: projectEmbeddings({
      vectors: toDenseVectors(vectors),
      itemIds: items.map((item) => item.id),
      difficulties: items.map((item) => item.difficulty),
      rng: createRng(1),
      limit: 200,
    }),
  };
}
