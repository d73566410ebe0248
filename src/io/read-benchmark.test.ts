import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.js";
import { writeMcqParquet } from "./__fixtures__/write-parquet.js";
import { readBenchmark } from "./read-benchmark.js";

// ../shared sits beside the repo; the data is not shipped with the package
const repoRoot = resolve(import.meta.dirname, "../..");
const dataDir = resolve(repoRoot, "../shared/data");

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-read-benchmark-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const mcq = (id: string, question: string, options: string[]) => ({
  id,
  format: "mcq",
  question,
  options,
  answer: "A",
});

async function writeLines(name: string, lines: string[]): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

describe("readBenchmark", () => {
  it("rejects a duplicate id, naming the id and both line numbers", async () => {
    const path = await writeLines("dup.jsonl", [
      JSON.stringify(mcq("q1", "Pick alpha.", ["alpha", "beta"])),
      "",
      JSON.stringify(mcq("q2", "Pick gamma.", ["gamma", "delta"])),
      JSON.stringify(mcq("q1", "Pick alpha.", ["alpha", "beta"])),
    ]);
    const error = await readBenchmark(path).catch((caught: unknown) => caught);
    expect(UserInputError.isInstance(error)).toBe(true);
    expect((error as UserInputError).message).toContain('"q1"');
    // Line 2 is blank, so the copy is on line 4.
    expect((error as UserInputError).message).toMatch(/lines 1 and 4/);
    expect((error as UserInputError).hint).toMatch(/unique/);
  });

  it("warns once when the same question and options appear under different ids", async () => {
    const path = await writeLines("copies.jsonl", [
      JSON.stringify(mcq("a", "What is 2 + 2?", ["4", "5"])),
      JSON.stringify(mcq("b", "Which is prime?", ["4", "5"])),
      // Same item: case, spacing and option order differ only.
      JSON.stringify(mcq("c", "  what is 2 +  2? ", ["5", "4"])),
    ]);
    const { items, warnings } = await readBenchmark(path);
    expect(items.map((item) => item.id)).toEqual(["a", "b", "c"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"c" \(line 3\) repeats "a" \(line 1\)/);
    expect(warnings[0]).not.toContain("\n");
    // The viewer skips the (costly) content comparison; the items are the same.
    const quiet = await readBenchmark(path, { copyWarnings: false });
    expect(quiet.warnings).toEqual([]);
    expect(quiet.items).toEqual(items);
  });

  it("gives no warning for distinct items sharing a question but not options", async () => {
    const path = await writeLines("distinct.jsonl", [
      JSON.stringify(mcq("a", "Which is largest?", ["1", "2"])),
      JSON.stringify(mcq("b", "Which is largest?", ["3", "4"])),
    ]);
    expect((await readBenchmark(path)).warnings).toEqual([]);
  });
});

describe("readBenchmark on our schema", () => {
  it("a JSONL of our items is read as is (source benchsmith), provenance kept", async () => {
    const item = {
      ...mcq("p1", "Pick alpha.", ["alpha", "beta"]),
      provenance: { pipeline: "make", seed: 3 },
    };
    const read = await readBenchmark(await writeLines("ours.jsonl", [JSON.stringify(item)]));
    expect(read).toMatchObject({ source: "benchsmith", format: "jsonl", rejected: [], warnings: [] });
    expect(read.items).toEqual([item]);
  });

  it("one bad row in our JSONL is listed with its line; the other items keep all their fields", async () => {
    const good = { ...mcq("g1", "Pick alpha.", ["alpha", "beta"]), metadata: { origin: { nested: true } } };
    const bad = { ...mcq("b1", "Pick gamma.", ["gamma", "delta"]), answer: "E" };
    const read = await readBenchmark(
      await writeLines("mixed.jsonl", [JSON.stringify(good), JSON.stringify(bad)]),
    );
    expect(read.source).toBe("rows");
    expect(read.items).toEqual([good]);
    expect(read.rejected).toEqual([{ row: 2, reason: 'answer "E" is not the letter of one of the options' }]);
    expect(read.warnings).toEqual([
      expect.stringMatching(/1 of 2 rows could not become an item and are left out: line 2: answer "E"/),
    ]);
  });
});

describe("readBenchmark on dataset rows", () => {
  it("lists every bad row with its line number (blank lines counted); none is dropped silently", async () => {
    const path = await writeLines("bad-rows.jsonl", [
      JSON.stringify({ question: "2+2?", choices: ["3", "4"], answer: 1 }),
      JSON.stringify({ prompt_text: "no question field", answer: "x" }),
      "",
      JSON.stringify({ question: "Pick one.", choices: ["a", "b"], answer: 7 }),
      JSON.stringify({ question: "Capital of Peru?", answer: "Lima" }),
      JSON.stringify({ question: "No answer here?", choices: ["a", "b"] }),
    ]);
    const read = await readBenchmark(path);
    expect(read.items.map((item) => [item.id, item.format, item.answer])).toEqual([
      ["row-1", "mcq", "B"],
      ["row-5", "open", "Lima"],
    ]);
    expect(read.rejected.map((rejected) => rejected.row)).toEqual([2, 4, 6]);
    expect(read.rejected[0]?.reason).toMatch(/^no question \(looked for question, query/);
    expect(read.rejected[1]?.reason).toBe('answer "7" is not the letter of one of the options');
    expect(read.rejected[2]?.reason).toMatch(/^no answer/);
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]).toMatch(
      /3 of 5 rows could not become an item .*line 2: no question.*line 4: .*line 6: no answer/,
    );
    expect(read.warnings[0]).not.toContain("\n");
  });

  it("a file where no row becomes an item is a UserInputError naming the first reasons", async () => {
    const rows = Array.from({ length: 5 }, (_, index) => JSON.stringify({ text: `t${index}`, label: 1 }));
    const error = await readBenchmark(await writeLines("no-items.jsonl", rows)).catch(
      (caught: unknown) => caught,
    );
    expect(UserInputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /none of its 5 rows could become an item \(line 1: no question.*; and 2 more\)/,
    );
    expect((error as UserInputError).hint).toMatch(/question/);
  });

  it("CSV rows: letter columns, a JSON list cell, an answer given as option text, quoted commas", async () => {
    const path = join(directory, "rows.csv");
    await writeFile(
      path,
      [
        "Question,A,B,C,D,Answer,subject",
        '"Which is a prime, 4 or 5?",4,5,,,B,math',
        '"Largest planet?",Mars,Jupiter,Venus,Earth,Jupiter,astronomy',
        "Missing key?,x,y,,,,misc",
      ].join("\r\n"),
    );
    const listPath = join(directory, "list-cell.csv");
    await writeFile(listPath, 'question,choices,answer\nPick the vowel.,"[""b"", ""e"", ""k""]",1\n');
    const read = await readBenchmark(path);
    expect(read.format).toBe("csv");
    expect(read.items).toEqual([
      {
        id: "row-1",
        format: "mcq",
        question: "Which is a prime, 4 or 5?",
        options: ["4", "5"],
        answer: "B",
        category: "math",
      },
      {
        id: "row-2",
        format: "mcq",
        question: "Largest planet?",
        options: ["Mars", "Jupiter", "Venus", "Earth"],
        answer: "B",
        category: "astronomy",
      },
    ]);
    expect(read.rejected).toEqual([{ row: 3, reason: expect.stringMatching(/^no answer/) }]);
    expect(read.warnings[0]).toMatch(/row 3: no answer/);
    const listed = await readBenchmark(listPath);
    expect(listed.items[0]).toMatchObject({ options: ["b", "e", "k"], answer: "B" });
  });

  it("a Parquet file as the hub stores MMLU: list column `choices`, INT64 answer index", async () => {
    const path = join(directory, "mmlu-test.parquet");
    const rows = [
      {
        question: "Which bone is in the arm?",
        subject: "anatomy",
        choices: ["femur", "humerus", "tibia", "fibula"],
        answer: 1,
      },
      {
        question: "Who may sue in tort?",
        subject: "professional_law",
        choices: ["anyone injured", "no one"],
        answer: 0,
      },
      { question: "Pick the last.", subject: "misc", choices: ["a", "b", "c"], answer: 2 },
    ];
    writeMcqParquet(path, rows);
    const read = await readBenchmark(path);
    expect(read).toMatchObject({ source: "rows", format: "parquet", rejected: [] });
    expect(read.items).toEqual(
      rows.map((row, index) => ({
        id: `row-${index + 1}`,
        format: "mcq",
        question: row.question,
        options: row.choices,
        answer: "ABC"[row.answer],
        category: row.subject,
      })),
    );
  });

  it("duplicate ids among dataset rows are still an error, naming CSV rows", async () => {
    const path = join(directory, "dup.csv");
    await writeFile(path, "id,question,answer\nq,One?,1\nq,Two?,2\n");
    const error = await readBenchmark(path).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/"q" appears twice \(rows 1 and 2\)/);
  });
});

describe.each([
  { name: "mmlu", file: "mmlu/test.jsonl", idField: "id", categoryField: "subject" },
  { name: "mmlu-pro", file: "mmlu-pro/items.jsonl", idField: "question_id", categoryField: "category" },
])("readBenchmark on real $name rows (as shipped, no format field)", ({ file, idField, categoryField }) => {
  const source = join(dataDir, file);
  const present = existsSync(source);
  if (!present) console.info(`skipped: real data not found at ${source}`);
  it.skipIf(!present)(
    "reads the first 200 rows: ids, option counts and answer letters match the raw lines",
    async () => {
      const lines = readFileSync(source, "utf8").split("\n").slice(0, 200);
      const raw = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(raw.every((row) => row.format === undefined)).toBe(true);
      const path = await writeLines(`${idField}-slice.jsonl`, lines);
      const read = await readBenchmark(path);
      expect(read.source).toBe("rows");
      expect(read.rejected).toEqual([]);
      expect(read.items).toHaveLength(200);
      for (const [index, item] of read.items.entries()) {
        const row = raw[index] as { options: string[]; answer: string; question: string } & Record<
          string,
          unknown
        >;
        expect(item.id).toBe(String(row[idField]));
        expect(item.format).toBe("mcq");
        expect(item.options).toEqual(row.options);
        expect(item.answer).toBe(row.answer);
        expect(item.question).toBe(row.question);
        expect(item.category).toBe(row[categoryField]);
      }
    },
  );
});
