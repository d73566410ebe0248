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
    await cache.indexed(evalRun);
    const whole = await cache.summary(evalRun);
    expect(whole.pairs?.length).toBe(3);
    expect(whole.difficulty).toBeDefined();
    // The leaderboard is the same either way: the outline holds the file's own numbers.
    expect(outline.models).toEqual(whole.models);
    expect(outline.rankConfidence).toEqual(whole.rankConfidence);
    expect(whole.notes.join(" ")).not.toContain("indexing");
  });

  it("answers the list's first items from the outline while the index is held, other pages and filters as indexing", async () => {
    const large = await seedSampleStore(join(directory, "large"), 300);
    try {
      const run = await large.store.getRun(large.runs.evalRun);
      if (!run) throw new Error("no eval run");
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let builds = 0;
      const cache = createReportCache(large.store, {
        outlineAboveBytes: 0,
        beforeIndex: () => {
          builds++;
          return held;
        },
      });
      const outline = await cache.summary(run);
      expect(outline.notes.join(" ")).toContain("the items list shows its first 200 now");
      const first = await cache.items(run, {}, 0, 50);
      expect(first.indexing).toBe(true);
      expect(first.total).toBe(300);
      expect(first.items.map((item) => item.id)).toEqual(
        Array.from({ length: 50 }, (_, index) => `item-${String(index).padStart(4, "0")}`),
      );
      expect((await cache.items(run, {}, 150, 50)).items).toHaveLength(50);
      expect((await cache.item(run, "item-0007"))?.question).toContain("<script>");
      // Past the first items, or filtered: nothing yet, and it says why.
      expect(await cache.items(run, {}, 200, 50)).toEqual({
        total: 0,
        offset: 200,
        items: [],
        indexing: true,
      });
      expect(await cache.items(run, { model: "model-a", outcome: "wrong" }, 0, 50)).toEqual({
        total: 0,
        offset: 0,
        items: [],
        indexing: true,
      });
      // An item past the first ones waits for the index.
      let late: unknown;
      const pending = cache.item(run, "item-0250").then((item) => {
        late = item;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(late).toBeUndefined();
      // The background build is waiting at the gate: the first items never needed it.
      expect(builds).toBe(1);
      release();
      await cache.indexed(run);
      await pending;
      expect((late as { id?: string } | undefined)?.id).toBe("item-0250");
      const indexed = await cache.items(run, {}, 0, 50);
      expect(indexed.indexing).toBeUndefined();
      // The first items were exactly what the index lists.
      expect(indexed.items).toEqual(first.items);
      expect((await cache.items(run, {}, 200, 50)).items).toHaveLength(50);
      expect(
        (await cache.items(run, { model: "model-a", outcome: "wrong" }, 0, 50)).indexing,
      ).toBeUndefined();
    } finally {
      await large.store.close();
    }
  });

  it("holds a background index build while a request is in flight, and goes on once it is answered", async () => {
    const cache = createReportCache(sample.store, { outlineAboveBytes: 0 });
    const done = cache.request();
    await cache.summary(evalRun);
    let built = false;
    const indexed = cache.indexed(evalRun).then(() => {
      built = true;
    });
    // 60 items index in a few ms; the build gives way for up to 1 s per step.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(built).toBe(false);
    expect((await cache.items(evalRun, { outcome: "wrong" }, 0, 10)).indexing).toBe(true);
    done();
    await indexed;
    expect((await cache.items(evalRun, { outcome: "wrong" }, 0, 10)).indexing).toBeUndefined();
  });

  it("offers no first items when a model's outcomes are not in item order: the list waits for the index", async () => {
    const results = readResults();
    const [model, ...others] = results.models;
    if (!model) throw new Error("no model");
    writeFileSync(
      sample.resultsPath,
      JSON.stringify({
        ...results,
        models: [{ ...model, outcomes: [...model.outcomes].reverse() }, ...others],
      }),
    );
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const cache = createReportCache(sample.store, { outlineAboveBytes: 0, beforeIndex: () => held });
    expect((await cache.summary(evalRun)).notes.join(" ")).toContain(
      "the items list answers once it is done",
    );
    let page: unknown;
    const pending = cache.items(evalRun, {}, 0, 10).then((answer) => {
      page = answer;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(page).toBeUndefined();
    release();
    await pending;
    expect(page).toMatchObject({ total: 60, offset: 0 });
    expect((page as { indexing?: boolean }).indexing).toBeUndefined();
    // The reversed model's answers are matched by id in the index.
    const [first] = (page as { items: Array<{ id: string; answers: unknown[] }> }).items;
    const outcome = model.outcomes.find((candidate) => candidate.itemId === first?.id);
    expect(first?.answers[0]).toEqual([outcome?.correct, outcome?.extracted, outcome?.raw]);
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
