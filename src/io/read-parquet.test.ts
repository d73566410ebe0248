import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.js";
import { writeMcqParquet } from "./__fixtures__/write-parquet.js";
import { plainParquetValue, readParquetRows } from "./read-parquet.js";

let directory: string;
let path: string;
const ROWS = Array.from({ length: 25 }, (_, index) => ({
  question: `Question ${index}: which option is number ${index % 4}?`,
  subject: index < 10 ? "anatomy" : "professional_law",
  choices: ["zero", "one", "two", "three"].slice(0, 2 + (index % 3)),
  answer: index % 2,
}));

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-read-parquet-"));
  path = join(directory, "test-00000-of-00001.parquet");
  writeMcqParquet(path, ROWS);
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("readParquetRows", () => {
  it("round-trips strings, a list column and INT64 answers (as numbers, not BigInt)", async () => {
    const { rows, rowCount } = await readParquetRows(path);
    expect(rowCount).toBe(25);
    expect(rows).toEqual(ROWS);
    expect(typeof rows[3]?.answer).toBe("number");
    expect(Array.isArray(rows[7]?.choices)).toBe(true);
  });

  it("decodes only the requested window, and an empty one past the end", async () => {
    const { rows, rowCount } = await readParquetRows(path, { offset: 20, limit: 3 });
    expect(rowCount).toBe(25);
    expect(rows.map((row) => row.question)).toEqual(ROWS.slice(20, 23).map((row) => row.question));
    expect((await readParquetRows(path, { offset: 30 })).rows).toEqual([]);
    expect((await readParquetRows(path, { offset: 24, limit: 10 })).rows).toHaveLength(1);
  });

  it("a missing file or one that is not Parquet is a UserInputError naming it", async () => {
    const missing = await readParquetRows(join(directory, "nope.parquet")).catch((error: unknown) => error);
    expect(UserInputError.isInstance(missing)).toBe(true);
    expect((missing as Error).message).toMatch(/cannot read .*nope\.parquet \(ENOENT\)/);
    const fake = join(directory, "fake.parquet");
    await writeFile(fake, "question,answer\nQ?,A\n");
    const broken = await readParquetRows(fake).catch((error: unknown) => error);
    expect(UserInputError.isInstance(broken)).toBe(true);
    expect((broken as Error).message).toMatch(/fake\.parquet is not a Parquet file benchsmith can read/);
  });

  it("plain values: BigInt past 2^53 becomes a decimal string, Dates ISO strings, nested lists walked", () => {
    expect(plainParquetValue(12n)).toBe(12);
    expect(plainParquetValue(2n ** 60n)).toBe("1152921504606846976");
    expect(plainParquetValue(new Date(Date.UTC(2024, 0, 2)))).toBe("2024-01-02T00:00:00.000Z");
    expect(plainParquetValue({ label: [1n, 2n], text: ["a", "b"] })).toEqual({
      label: [1, 2],
      text: ["a", "b"],
    });
  });
});
