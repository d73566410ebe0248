import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TUNE_DEFAULTS, writeJsonl } from "../index.js";
import {
  SAMPLE_AUDIT,
  type SampleStore,
  seedPipelineRuns,
  seedSampleStore,
} from "./__fixtures__/sample-store.js";
import { syntheticReport } from "./__fixtures__/synthetic-report.js";
import { buildReportData } from "./build-report-data.js";
import { collectReportInputs, sourcesNeedStore } from "./collect-inputs.js";

describe("collectReportInputs", () => {
  let directory: string;
  let sample: SampleStore;
  let pipelineRuns: { discoverRun: string; planRun: string };
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-collect-"));
    sample = await seedSampleStore(directory, 30);
    pipelineRuns = await seedPipelineRuns(sample.store, directory);
  });
  afterAll(async () => {
    await sample.store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("finds the benchmark a results file names, relative to the results file", async () => {
    const nested = join(directory, "nested");
    mkdirSync(nested);
    const { items, results } = syntheticReport({ items: 10, abilities: [0.8, 0.6] });
    await writeJsonl(join(nested, "small.jsonl"), items);
    writeFileSync(
      join(nested, "small.results.json"),
      JSON.stringify({ ...results, benchmark: "small.jsonl" }),
    );
    const inputs = await collectReportInputs({ sources: [join(nested, "small.results.json")] });
    expect(inputs.items).toHaveLength(10);
    expect(inputs.benchmark).toBe(join(nested, "small.jsonl"));
    expect(inputs.results?.models).toHaveLength(4);
  });

  it("compares further sources with the first and reads audit and tune from runs", async () => {
    const inputs = await collectReportInputs({
      sources: [sample.resultsPath, sample.runs.evalRun],
      audit: sample.runs.auditRun,
      tune: sample.runs.tuneRun,
      store: sample.store,
    });
    expect(inputs.items).toHaveLength(30);
    expect(inputs.compare?.map((entry) => entry.label)).toEqual([`run ${sample.runs.evalRun}`]);
    expect(inputs.audit?.rows).toHaveLength(SAMPLE_AUDIT.rows.length);
    expect(inputs.tune?.targetAccuracy).toBe(0.5);
  });

  it("says what to pass when the benchmark or a source cannot be found", async () => {
    const { results } = syntheticReport({ items: 3, abilities: [0.5] });
    const orphan = join(directory, "orphan.results.json");
    writeFileSync(orphan, JSON.stringify({ ...results, benchmark: "/nowhere/bench.jsonl" }));
    await expect(collectReportInputs({ sources: [orphan] })).rejects.toMatchObject({
      message: "cannot read the benchmark /nowhere/bench.jsonl",
      hint: expect.stringContaining("--bench"),
    });
    await expect(
      collectReportInputs({ sources: ["no-such-run"], store: sample.store }),
    ).rejects.toMatchObject({
      message: '"no-such-run" is neither a file nor a run in the store',
    });
    await expect(
      collectReportInputs({ sources: ["results/typo.json"], store: sample.store }),
    ).rejects.toMatchObject({
      message: "cannot read results/typo.json (no such file)",
    });
    await expect(
      collectReportInputs({
        sources: [orphan],
        bench: sample.benchmarkPath,
        audit: sample.runs.makeRun,
        store: sample.store,
      }),
    ).rejects.toMatchObject({
      message: `run ${sample.runs.makeRun} holds no audit table`,
    });
  });

  it("reports a discover run and a plan run with their own sections", async () => {
    const discover = buildReportData(
      await collectReportInputs({ sources: [pipelineRuns.discoverRun], store: sample.store }),
    );
    expect(discover.title).toBe(`discover run ${pipelineRuns.discoverRun}`);
    expect(discover.discover?.winner).toBe("d4");
    expect(discover.discover?.descriptions).toHaveLength(4);
    const plan = buildReportData(
      await collectReportInputs({ sources: [pipelineRuns.planRun], store: sample.store }),
    );
    expect(plan.plan?.subtasks.map((subtask) => [subtask.quota, subtask.realized])).toEqual([
      [4, 3],
      [2, 1],
    ]);
    expect(plan.itemCount).toBe(4);
  });

  it("needs the store only for a name that can only be a run id, not for a mistyped path", () => {
    expect(sourcesNeedStore([sample.resultsPath])).toBe(false);
    expect(sourcesNeedStore([sample.resultsPath, "results/typo.json"])).toBe(false);
    expect(sourcesNeedStore(["typo.json"])).toBe(false);
    expect(sourcesNeedStore([sample.resultsPath, sample.runs.evalRun])).toBe(true);
  });

  it("reads a tune result file with tune's default tolerance, and refuses one without a target", async () => {
    const entry = {
      iteration: 0,
      designer: "optimizer",
      params: { digits: 2 },
      rationale: "",
      measurement: { correct: 5, total: 10, accuracy: 0.5, interval: { estimate: 0.5, low: 0.2, high: 0.8 } },
      pooled: { correct: 5, total: 10, accuracy: 0.5, interval: { estimate: 0.5, low: 0.2, high: 0.8 } },
      confirmed: false,
    };
    const withTarget = join(directory, "tune-result.json");
    writeFileSync(withTarget, JSON.stringify({ template: "arith", targetAccuracy: 0.7, history: [entry] }));
    const inputs = await collectReportInputs({ sources: [sample.resultsPath], tune: withTarget });
    expect(inputs.tune).toMatchObject({
      targetAccuracy: 0.7,
      tolerance: TUNE_DEFAULTS.tolerance,
      template: "arith",
    });
    const withoutTarget = join(directory, "tune-state.json");
    writeFileSync(withoutTarget, JSON.stringify({ history: [entry] }));
    await expect(
      collectReportInputs({ sources: [sample.resultsPath], tune: withoutTarget }),
    ).rejects.toMatchObject({ message: `${withoutTarget} names no targetAccuracy` });
  });
});
