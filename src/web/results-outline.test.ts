import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvalResults, readResultsFile, UserInputError } from "../index.js";
import { syntheticReport } from "./__fixtures__/synthetic-report.js";
import { readResultsHead, readResultsOutline, readResultsPausing } from "./results-outline.js";

const withoutOutcomes = (results: EvalResults) => ({
  ...results,
  models: results.models.map((model) => ({ ...model, outcomes: [] })),
});

describe("readResultsOutline", () => {
  let directory: string;
  let path: string;
  let results: EvalResults;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-outline-"));
    const synthetic = syntheticReport({ items: 40, abilities: [0.8, 0.6], xss: true, replyPadding: 3 });
    // Replies with quotes, backslashes, brackets and an "outcomes" key of their own; settings holding one.
    const tricky = synthetic.results.models.map((model, index) => ({
      ...model,
      outcomes: model.outcomes.map((outcome, position) =>
        position === 3
          ? { ...outcome, raw: `say "]}" \\ then {"outcomes":[1,2]} \\"x\\" ü ${index}` }
          : outcome,
      ),
    }));
    results = {
      ...synthetic.results,
      models: tricky,
      settings: { nested: { outcomes: ["kept"] }, outcomes: "kept too" },
    };
    path = join(directory, "results.json");
    writeFileSync(path, JSON.stringify(results, null, 1));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("holds everything but the outcomes, whatever the chunk size", async () => {
    const full = await readResultsFile(path);
    expect(full.models[0]?.outcomes).toHaveLength(40);
    for (const chunkBytes of [1, 2, 3, 7, 10, 11, 64, 1 << 20]) {
      const outline = await readResultsOutline(path, { chunkBytes });
      expect(outline).toEqual(withoutOutcomes(full));
    }
    expect((await readResultsOutline(path)).settings).toEqual(results.settings);
  });

  it("keeps each model's first outcomes, parsed, whatever the chunk size", async () => {
    const full = await readResultsFile(path);
    for (const chunkBytes of [3, 64, 1 << 20])
      for (const firstOutcomes of [1, 4, 200]) {
        const head = await readResultsHead(path, { chunkBytes, firstOutcomes });
        expect(head.outline).toEqual(withoutOutcomes(full));
        // Position 3 holds quotes, brackets and an "outcomes" key inside a reply.
        expect(head.firstOutcomes).toEqual(
          full.models.map((model) => model.outcomes.slice(0, firstOutcomes)),
        );
      }
  });

  it("offers no first outcomes when they are not valid outcomes", async () => {
    const broken = join(directory, "broken-outcome.json");
    const [model, ...others] = results.models;
    if (!model) throw new Error("no model");
    const outcomes = model.outcomes.map((outcome, index) =>
      index === 1 ? { ...outcome, correct: "yes" } : outcome,
    );
    writeFileSync(broken, JSON.stringify({ ...results, models: [{ ...model, outcomes }, ...others] }));
    const head = await readResultsHead(broken, { firstOutcomes: 5 });
    expect(head.outline.models).toHaveLength(results.models.length);
    expect(head.firstOutcomes).toBeUndefined();
    expect((await readResultsHead(broken, { firstOutcomes: 1 })).firstOutcomes?.[0]).toEqual([
      model.outcomes[0],
    ]);
  });

  it("reads the whole file one model at a time as readResultsFile does, with its errors", async () => {
    let pauses = 0;
    const pause = async (): Promise<void> => {
      pauses++;
    };
    expect(await readResultsPausing(path, pause)).toEqual(await readResultsFile(path));
    expect(pauses).toBe(results.models.length);
    const [model, ...others] = results.models;
    if (!model) throw new Error("no model");
    const outcomes = model.outcomes.map((outcome, index) =>
      index === 5 ? { ...outcome, correct: "yes" } : outcome,
    );
    const broken = join(directory, "broken-whole.json");
    writeFileSync(broken, JSON.stringify({ ...results, models: [...others, { ...model, outcomes }] }));
    const expected = await readResultsFile(broken).catch((error: unknown) => String(error));
    expect(expected).toContain(`models.${others.length}.outcomes.5.correct`);
    expect(await readResultsPausing(broken, pause).catch((error: unknown) => String(error))).toBe(expected);
  });

  it("rejects a truncated file and a file that is not a results file, in one line", async () => {
    const text = JSON.stringify(results);
    const truncated = join(directory, "truncated.json");
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    await expect(readResultsOutline(truncated)).rejects.toThrow(`${truncated} is not valid JSON`);
    const other = join(directory, "other.json");
    writeFileSync(other, JSON.stringify({ ...results, models: [{ model: "m" }] }));
    const error = await readResultsOutline(other).catch((caught: unknown) => caught);
    expect(UserInputError.isInstance(error)).toBe(true);
    expect(String(error)).toMatch(/is not an eval results file: models\.0\.kind/);
    await expect(readResultsOutline(join(directory, "missing.json"))).rejects.toThrow(/cannot read .*ENOENT/);
  });
});
