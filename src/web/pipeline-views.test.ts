import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore, type RunRecord, type SqliteRunStore } from "../index.js";
import { CHECKPOINT_KEYS, createCheckpoints } from "../pipelines/discover/checkpoint.js";
import { DescriptionResultSchema, ProposalStepSchema } from "../pipelines/discover/state.js";
import { SAMPLE_DISCOVER, SAMPLE_PLAN, seedPipelineRuns } from "./__fixtures__/sample-store.js";
import { buildReportData } from "./build-report-data.js";
import { discoverRunView, planRunView } from "./pipeline-views.js";

describe("pipeline run views", () => {
  let directory: string;
  let store: SqliteRunStore;
  let runs: { discoverRun: string; planRun: string };
  const run = async (id: string): Promise<RunRecord> => {
    const record = await store.getRun(id);
    if (!record) throw new Error(`no run ${id}`);
    return record;
  };
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-pipeline-views-"));
    store = openSqliteStore(join(directory, "store.sqlite"));
    runs = await seedPipelineRuns(store, directory);
  });
  afterAll(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("reads a discover run's trajectory from its checkpoints, in the order explored, with the winner", async () => {
    const record = await run(runs.discoverRun);
    const inputs = await discoverRunView.inputs(store, record);
    expect(inputs.discover?.trajectory.map((row) => row.id)).toEqual(["d1", "d2", "d3", "d4"]);
    const section = buildReportData({ ...inputs, generatedAt: "2026-01-01T00:00:00.000Z" }).discover;
    expect(section).toMatchObject({ domain: "European history", winner: "d4" });
    expect(section?.descriptions[3]).toMatchObject({
      id: "d4",
      iteration: 1,
      parent: "d1",
      difficulty: expect.closeTo(0.6, 12),
      novelty: 0.6,
      salience: 0.9,
      objective: 0.66,
      feasible: true,
    });
    // The unsalient description was never scored: null scores, not zeros.
    expect(section?.descriptions[1]).toMatchObject({
      status: "not-salient",
      difficulty: null,
      objective: null,
    });
    // The benchmark the summary names is gone: the page still shows, with a note and no items.
    expect(inputs.items).toEqual([]);
    expect(inputs.notes?.join(" ")).toContain("missing-discover.jsonl");
    expect(await discoverRunView.progress(store, record)).toBe("4 descriptions explored of 2 iterations");
  });

  it("shows the best ranked description while a discover run has no winner yet, and --no-adaptive proposals", async () => {
    const running = await store.createRun({ kind: "discover", spec: (await run(runs.discoverRun)).spec });
    const checkpoints = createCheckpoints(store, running.id);
    // --no-adaptive: one blind proposal for every iteration, no per-iteration key.
    await checkpoints.once(CHECKPOINT_KEYS.allProposals(), ProposalStepSchema, async () => ({
      descriptions: SAMPLE_DISCOVER.slice(0, 3).map(({ id, iteration, description }) => ({
        id,
        iteration,
        description,
      })),
      rejected: [],
    }));
    for (const row of SAMPLE_DISCOVER.slice(0, 3))
      await checkpoints.once(CHECKPOINT_KEYS.result(row.id), DescriptionResultSchema, async () => row);
    const inputs = await discoverRunView.inputs(store, running);
    const section = buildReportData(inputs).discover;
    expect(section?.descriptions.map((row) => row.id)).toEqual(["d1", "d2", "d3"]);
    // d3's objective 0.48 beats d1's 0.31; d2 has none.
    expect(section?.winner).toBe("d3");
  });

  it("reads a plan run's quotas against the accepted slots and its QC rejections by reason", async () => {
    const record = await run(runs.planRun);
    const inputs = await planRunView.inputs(store, record);
    expect(inputs.items).toHaveLength(4);
    const section = buildReportData(inputs).plan;
    expect(section).toMatchObject({ query: SAMPLE_PLAN.query, size: 6, delivered: 4 });
    expect(section?.subtasks).toEqual([
      {
        name: "trade routes",
        answerType: "choice",
        quota: 4,
        fromSources: 3,
        fromScratch: 1,
        realized: 3,
        rejected: 3,
        sources: ["hansa-cities"],
      },
      {
        name: "guild law",
        answerType: "short",
        quota: 2,
        fromSources: 0,
        fromScratch: 2,
        realized: 1,
        rejected: 0,
        sources: [],
      },
    ]);
    expect(section?.qc).toEqual({
      candidates: 7,
      accepted: 4,
      rejectedByReason: [
        { reason: "ambiguity", count: 2 },
        { reason: "leakage", count: 1 },
      ],
    });
    expect(await planRunView.progress(store, record)).toBe("4/6 items");
  });

  it("says when a plan run has no plan yet, and shows no plan page", async () => {
    const fresh = await store.createRun({ kind: "plan", spec: (await run(runs.planRun)).spec });
    const inputs = await planRunView.inputs(store, fresh);
    expect(inputs.plan).toBeUndefined();
    expect(inputs.notes?.join(" ")).toContain("no plan stored yet");
    expect(buildReportData(inputs).plan).toBeUndefined();
  });
});
