import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Item, readBenchmark, writeJsonl } from "../index.js";
import { syntheticReport } from "./__fixtures__/synthetic-report.js";
import { buildItemViews } from "./item-views.js";
import { previewItemViews, readBenchmarkHead } from "./items-preview.js";
import { benchmarkItems } from "./stored-items.js";

describe("items preview", () => {
  let directory: string;
  let path: string;
  let synthetic: ReturnType<typeof syntheticReport>;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-items-preview-"));
    synthetic = syntheticReport({ items: 30, abilities: [0.8, 0.5], xss: true });
    path = join(directory, "bench.jsonl");
    await writeJsonl(path, synthetic.items);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("reads a JSONL benchmark's first items as the full read does, whatever the chunk size", async () => {
    const { items } = await readBenchmark(path);
    for (const chunkBytes of [3, 100, 1 << 18])
      for (const count of [1, 30, 200])
        expect(await readBenchmarkHead(path, count, chunkBytes)).toEqual(items.slice(0, count));
  });

  it("skips blank lines and CRLF, and offers nothing for other formats or lines that are not items", async () => {
    const crlf = join(directory, "crlf.jsonl");
    const lines = synthetic.items.slice(0, 3).map((item) => JSON.stringify(item));
    writeFileSync(crlf, `${lines[0]}\r\n\r\n${lines[1]}\r\n${lines[2]}`);
    expect(await readBenchmarkHead(crlf, 5, 7)).toEqual(synthetic.items.slice(0, 3));
    const rows = join(directory, "rows.jsonl");
    writeFileSync(
      rows,
      `${lines[0]}\n${JSON.stringify({ question: "q", choices: ["a", "b"], answer: 0 })}\n`,
    );
    expect(await readBenchmarkHead(rows, 1)).toEqual(synthetic.items.slice(0, 1));
    expect(await readBenchmarkHead(rows, 2)).toBeUndefined();
    const duplicate = join(directory, "duplicate.jsonl");
    writeFileSync(duplicate, `${lines[0]}\n${lines[0]}\n`);
    expect(await readBenchmarkHead(duplicate, 2)).toBeUndefined();
    const csv = join(directory, "bench.csv");
    writeFileSync(csv, "question,answer\nq,a\n");
    expect(await readBenchmarkHead(csv, 1)).toBeUndefined();
    expect(await readBenchmarkHead(join(directory, "missing.jsonl"), 1)).toBeUndefined();
  });

  it("joins the first items with each model's first outcomes only when they are in item order", () => {
    const items: Item[] = synthetic.items.slice(0, 10);
    const firstOutcomes = synthetic.results.models.map((model) => model.outcomes.slice(0, 10));
    expect(previewItemViews(items, firstOutcomes)).toEqual(
      buildItemViews(synthetic.items, synthetic.results).slice(0, 10),
    );
    const swapped = firstOutcomes.map((outcomes, index) =>
      index === 1
        ? [outcomes[1], outcomes[0], ...outcomes.slice(2)].flatMap((o) => (o ? [o] : []))
        : outcomes,
    );
    expect(previewItemViews(items, swapped)).toBeUndefined();
    expect(
      previewItemViews(
        items,
        firstOutcomes.map((outcomes) => outcomes.slice(0, 9)),
      ),
    ).toBeUndefined();
  });
});

describe("benchmarkItems with pauses", () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-benchmark-items-"));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("parses a JSONL benchmark in steps into exactly what readBenchmark reads", async () => {
    const { items } = syntheticReport({ items: 25_000, abilities: [0.5] });
    const path = join(directory, "bench.jsonl");
    await writeJsonl(path, items);
    let pauses = 0;
    const notes: string[] = [];
    const stepped = await benchmarkItems(path, notes, async () => {
      pauses++;
    });
    expect(stepped).toEqual((await readBenchmark(path)).items);
    expect(pauses).toBe(2);
    expect(notes).toEqual([]);
  });

  it("leaves rows to convert and repeated ids to readBenchmark", async () => {
    const pause = async (): Promise<void> => undefined;
    const rows = join(directory, "rows.jsonl");
    writeFileSync(rows, `${JSON.stringify({ question: "2+2?", choices: ["3", "4"], answer: 1 })}\n`);
    expect(await benchmarkItems(rows, [], pause)).toEqual((await readBenchmark(rows)).items);
    const item = syntheticReport({ items: 1, abilities: [0.5] }).items[0];
    const duplicate = join(directory, "duplicate.jsonl");
    writeFileSync(duplicate, `${JSON.stringify(item)}\n${JSON.stringify(item)}\n`);
    const notes: string[] = [];
    expect(await benchmarkItems(duplicate, notes, pause)).toEqual([]);
    expect(notes.join(" ")).toContain("appears twice");
  });
});
