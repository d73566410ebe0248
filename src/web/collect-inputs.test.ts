import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeJsonl } from "../index.js";
import { SAMPLE_AUDIT, type SampleStore, seedSampleStore } from "./__fixtures__/sample-store.js";
import { syntheticReport } from "./__fixtures__/synthetic-report.js";
import { collectReportInputs } from "./collect-inputs.js";

describe("collectReportInputs", () => {
  let directory: string;
  let sample: SampleStore;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-collect-"));
    sample = await seedSampleStore(directory, 30);
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
});
