import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { UserInputError } from "../../core/errors.js";
import { writeMcqParquet } from "../../io/__fixtures__/write-parquet.js";
import { readBenchmark } from "../../io/read-benchmark.js";
import { reportError } from "../report-error.js";
import { defaultImportPath, runImport } from "./import.js";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-import-cli-"));
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
beforeEach(() => {
  vi.mocked(process.stdout.write).mockClear();
  vi.mocked(process.stderr.write).mockClear();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(directory, { recursive: true, force: true });
});

const written = (stream: NodeJS.WriteStream): string[] =>
  vi.mocked(stream.write).mock.calls.map((call) => String(call[0]).trimEnd());

describe("benchsmith import", () => {
  it("writes a Parquet file's rows as our schema beside it; the output reads back as benchsmith items", async () => {
    const input = join(directory, "test-00000-of-00001.parquet");
    writeMcqParquet(input, [
      { question: "Which is a vowel?", subject: "letters", choices: ["b", "e"], answer: 1 },
      { question: "Which is even?", subject: "numbers", choices: ["2", "3", "5"], answer: 0 },
    ]);
    const result = await runImport(input, {});
    expect(result.out).toBe(defaultImportPath(input));
    expect(result.out).toMatch(/test-00000-of-00001\.bench\.jsonl$/);
    const back = await readBenchmark(result.out);
    expect(back.source).toBe("benchsmith");
    expect(back.items).toEqual(result.items);
    expect(back.items.map((item) => [item.answer, item.category])).toEqual([
      ["B", "letters"],
      ["A", "numbers"],
    ]);
    expect(written(process.stdout)).toEqual([
      expect.stringMatching(/^imported 2 items from .* \(parquet, dataset rows\) -> /),
    ]);
  });

  it("lists the first rejected rows with their numbers, then counts the rest", async () => {
    const input = join(directory, "rows.csv");
    const lines = ["question,choices,answer", 'Good one?,"[""x"", ""y""]",y'];
    for (let index = 0; index < 7; index++) lines.push(`Bad ${index}?,"[""x"", ""y""]",z`);
    await writeFile(input, `${lines.join("\n")}\n`);
    const out = join(directory, "out", "bench.jsonl");
    const result = await runImport(input, { out });
    expect(result.items).toHaveLength(1);
    expect(result.rejected.map((row) => row.row)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const stderr = written(process.stderr);
    expect(stderr[0]).toBe("7 row(s) could not become an item and were left out:");
    expect(stderr[1]).toBe('  row 2: answer "z" is not the letter of one of the options');
    expect(stderr).toHaveLength(7);
    expect(stderr[6]).toBe("  ... and 2 more");
  });

  it("a missing file, an unknown extension, --out onto the input or an unwritable --out: one line, exit 2", async () => {
    const text = join(directory, "notes.txt");
    await writeFile(text, "question: hi\n");
    const same = join(directory, "same.jsonl");
    await writeFile(same, '{"question":"Q?","answer":"a"}\n');
    for (const [path, flags, message] of [
      [join(directory, "missing.jsonl"), {}, /cannot read .*missing\.jsonl/],
      [text, {}, /notes\.txt: unknown dataset file type/],
      [same, { out: same }, /--out is the input file itself/],
      [
        same,
        { out: join(text, "bench.jsonl") },
        /cannot write .*notes\.txt\/bench\.jsonl \((?:ENOTDIR|EEXIST)\)/,
      ],
    ] as const) {
      const error = await runImport(path, flags).catch((caught: unknown) => caught);
      expect(UserInputError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect(reportError(error)).toBe(2);
    }
  });
});
