import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { EvalResultsSchema, parseJson, type RunRecord, UserInputError } from "../index.js";
import { type SampleStore, seedSampleStore } from "./__fixtures__/sample-store.js";
import { PERSISTED_SUMMARY_KEY } from "./persisted-summary.js";
import { createReportCache } from "./report-cache.js";

const PersistedSchema = z.object({ fingerprint: z.string(), summary: z.record(z.string(), z.unknown()) });

describe("report cache", () => {
  let directory: string;
  let sample: SampleStore;
  let evalRun: RunRecord;
  const readResults = () => {
    const json = parseJson(readFileSync(sample.resultsPath, "utf8"));
    return EvalResultsSchema.parse(json.success ? json.value : undefined);
  };

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-report-cache-"));
    sample = await seedSampleStore(directory, 60);
    const run = await sample.store.getRun(sample.runs.evalRun);
    if (!run) throw new Error("the sample store has no eval run");
    evalRun = run;
  });
  afterEach(async () => {
    await sample.store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("answers a large run's leaderboard before its item index is built, then the whole summary", async () => {
    const cache = createReportCache(sample.store, { outlineAboveBytes: 0 });
    const outline = await cache.summary(evalRun);
    // Nothing computed from per-item outcomes is in the outline, and it says why.
    expect(outline.pairs).toBeUndefined();
    expect(outline.difficulty).toBeUndefined();
    expect(outline.notes.join(" ")).toContain("indexing 60 items in the background");
    expect(await sample.store.getState(evalRun.id, PERSISTED_SUMMARY_KEY, z.unknown())).toBeUndefined();
    const page = await cache.items(evalRun, {}, 0, 10);
    expect(page.total).toBe(60);
    const whole = await cache.summary(evalRun);
    expect(whole.pairs?.length).toBe(3);
    expect(whole.difficulty).toBeDefined();
    // The leaderboard is the same either way: the outline holds the file's own numbers.
    expect(outline.models).toEqual(whole.models);
    expect(outline.rankConfidence).toEqual(whole.rankConfidence);
    expect(whole.notes.join(" ")).not.toContain("indexing");
  });

  it("answers a completed run's persisted summary in a fresh cache until its results file changes", async () => {
    const first = await createReportCache(sample.store).summary(evalRun);
    expect(first.pairs?.length).toBe(3);
    const persisted = PersistedSchema.parse(
      await sample.store.getState(evalRun.id, PERSISTED_SUMMARY_KEY, z.unknown()),
    );
    // Mark the persisted copy, so an answer from it is told apart from a rebuild.
    await sample.store.putState(evalRun.id, PERSISTED_SUMMARY_KEY, {
      ...persisted,
      summary: { ...persisted.summary, title: "from the store" },
    });
    expect((await createReportCache(sample.store).summary(evalRun)).title).toBe("from the store");

    const results = readResults();
    const changed = { ...results, models: results.models.map((model) => ({ ...model, accuracy: 0.123 })) };
    writeFileSync(sample.resultsPath, JSON.stringify(changed));
    const rebuilt = await createReportCache(sample.store).summary(evalRun);
    expect(rebuilt.title).toBe(`eval run ${evalRun.id}`);
    expect(rebuilt.models[0]?.accuracy).toBe(0.123);

    // Same size, new modification time: still a change.
    utimesSync(sample.resultsPath, new Date(), new Date(Date.now() + 60_000));
    await sample.store.putState(evalRun.id, PERSISTED_SUMMARY_KEY, {
      ...persisted,
      summary: { ...persisted.summary, title: "stale" },
    });
    expect((await createReportCache(sample.store).summary(evalRun)).title).not.toBe("stale");
  });

  it("never persists a running run's summary", async () => {
    const make = await sample.store.getRun(sample.runs.makeRun);
    if (!make) throw new Error("the sample store has no make run");
    expect((await createReportCache(sample.store).summary(make)).itemCount).toBe(12);
    expect(await sample.store.getState(make.id, PERSISTED_SUMMARY_KEY, z.unknown())).toBeUndefined();
  });

  it("answers a corrupt outcome with one clear error, again on the next request, until the file is fixed", async () => {
    const results = readResults();
    const text = JSON.stringify(results);
    const [model] = results.models;
    if (!model) throw new Error("no model");
    const corrupt = {
      ...results,
      models: [
        { ...model, outcomes: model.outcomes.map((o, i) => (i === 5 ? { ...o, correct: "yes" } : o)) },
      ],
    };
    writeFileSync(sample.resultsPath, JSON.stringify(corrupt));
    const cache = createReportCache(sample.store, { outlineAboveBytes: 0 });
    // The outline holds only what the file records at its top level; the outcomes are checked by the index.
    expect((await cache.summary(evalRun)).models).toHaveLength(1);
    const failure = await cache.items(evalRun, {}, 0, 10).catch((error: unknown) => error);
    expect(UserInputError.isInstance(failure)).toBe(true);
    expect(String(failure)).toContain("is not an eval results file: models.0.outcomes.5.correct");
    await expect(cache.summary(evalRun)).rejects.toBe(failure);
    writeFileSync(sample.resultsPath, text);
    expect((await cache.summary(evalRun)).models).toHaveLength(5);
    expect((await cache.items(evalRun, {}, 0, 10)).total).toBe(60);
  });
});
