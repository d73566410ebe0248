import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.js";
import { writeMcqParquet } from "./__fixtures__/write-parquet.js";
import { DATASET_FORMATS, datasetFormatOf, readDatasetRows } from "./read-dataset-rows.js";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-dataset-rows-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, text);
  return path;
}

async function errorOf(promise: Promise<unknown>): Promise<UserInputError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(UserInputError.isInstance(error)).toBe(true);
  return error as UserInputError;
}

describe("readDatasetRows", () => {
  it("every format entry declares extensions and a row unit, and extensions pick the format", () => {
    for (const entry of Object.values(DATASET_FORMATS)) {
      expect(entry.extensions.length).toBeGreaterThan(0);
      expect(["line", "row"]).toContain(entry.rowUnit);
    }
    expect(datasetFormatOf("/a/B.JSONL")).toBe("jsonl");
    expect(datasetFormatOf("train-00000-of-00001.parquet")).toBe("parquet");
    expect(datasetFormatOf("notes.txt")).toBeUndefined();
  });

  it("JSONL rows keep their file line numbers across blank lines", async () => {
    const path = await write("a.jsonl", '{"q":1}\n\n{"q":2}\r\n{"q":3}\n');
    const read = await readDatasetRows(path);
    expect(read).toMatchObject({ format: "jsonl", rowUnit: "line", rowCount: 3, rowNumbers: [1, 3, 4] });
    expect(read.rows.map((row) => row.q)).toEqual([1, 2, 3]);
    const window = await readDatasetRows(path, { offset: 1, limit: 1 });
    expect(window.rows).toEqual([{ q: 2 }]);
    expect(window.rowNumbers).toEqual([3]);
  });

  it("JSON: an array, {data: [...]}, {rows: [...]}, and JSON Lines saved as .json", async () => {
    for (const [name, text] of [
      ["array.json", '[{"q":1},{"q":2}]'],
      ["data.json", '{"version":1,"data":[{"q":1},{"q":2}]}'],
      ["rows.json", '{"rows":[{"q":1},{"q":2}]}'],
      ["lines.json", '{"q":1}\n{"q":2}\n'],
    ] as const) {
      const read = await readDatasetRows(await write(name, text));
      expect(read.rows, name).toEqual([{ q: 1 }, { q: 2 }]);
    }
    const error = await errorOf(readDatasetRows(await write("scalar.json", '{"q": 1}')));
    expect(error.message).toMatch(/scalar\.json is neither a JSON array/);
  });

  it("CSV and TSV rows are keyed by the header, quoted commas and line breaks intact", async () => {
    const csv = await readDatasetRows(
      await write("a.csv", 'question,answer\n"Is 1,2 a list?","yes\nreally"\nQ2,no\n'),
    );
    expect(csv.rows).toEqual([
      { question: "Is 1,2 a list?", answer: "yes\nreally" },
      { question: "Q2", answer: "no" },
    ]);
    expect(csv.rowNumbers).toEqual([1, 2]);
    const tsv = await readDatasetRows(await write("a.tsv", "question\tanswer\nWhat, then?\tthis\n"));
    expect(tsv.rows).toEqual([{ question: "What, then?", answer: "this" }]);
  });

  it("Parquet reads through hyparquet with 1-based row numbers that follow the window", async () => {
    const path = join(directory, "mmlu.parquet");
    writeMcqParquet(
      path,
      ["a", "b", "c", "d"].map((letter, index) => ({
        question: `Q${letter}`,
        subject: "s",
        choices: ["x", "y"],
        answer: index % 2,
      })),
    );
    const read = await readDatasetRows(path, { offset: 2 });
    expect(read).toMatchObject({ format: "parquet", rowCount: 4, rowNumbers: [3, 4] });
    expect(read.rows[0]).toEqual({ question: "Qc", subject: "s", choices: ["x", "y"], answer: 0 });
  });

  it("user mistakes are one-line UserInputErrors naming the file (and line)", async () => {
    const unknown = await errorOf(readDatasetRows(await write("bench.txt", "hello")));
    expect(unknown.message).toMatch(/bench\.txt: unknown dataset file type/);
    await mkdir(join(directory, "inside"), { recursive: true });
    const folder = await errorOf(readDatasetRows(join(directory, "inside")));
    expect(folder.message).toMatch(/inside is a folder, not a dataset file$/);
    expect(unknown.hint).toMatch(/\.jsonl.*\.parquet/);
    expect((await errorOf(readDatasetRows(join(directory, "missing.csv")))).message).toMatch(/cannot read/);
    const broken = await errorOf(readDatasetRows(await write("broken.jsonl", '{"q":1}\n{not json\n')));
    expect(broken.message).toMatch(/broken\.jsonl:2 is not valid JSON/);
    const list = await errorOf(readDatasetRows(await write("list.jsonl", '{"q":1}\n[1,2]\n')));
    expect(list.message).toMatch(/list\.jsonl:2 is not a JSON object/);
  });
});
