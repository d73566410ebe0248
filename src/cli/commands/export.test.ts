import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";
import { UserInputError } from "../../core/errors.js";
import { EXPORT_FORMATS } from "../../io/export-formats.js";
import { reportError } from "../report-error.js";
import { defaultExportPath, runExport } from "./export.js";

let directory: string;
let benchmark: string;
const ITEM = { id: "x1", format: "mcq", question: "Pick B.", options: ["a", "b"], answer: "B" };

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-export-cli-"));
  benchmark = join(directory, "my bench.jsonl");
  await writeFile(benchmark, `${JSON.stringify(ITEM)}\n`);
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(directory, { recursive: true, force: true });
});

describe("benchsmith export", () => {
  it("writes every format to its default path beside the benchmark", async () => {
    for (const format of Object.values(EXPORT_FORMATS)) {
      const files = await runExport(benchmark, { format: format.id });
      expect(files[0]?.startsWith(defaultExportPath(benchmark, format))).toBe(true);
    }
    const lmEval = parseYaml(
      await readFile(join(directory, "my bench-lm-eval", "my_bench_gen.yaml"), "utf8"),
    );
    expect(lmEval.task).toBe("my_bench_gen");
  });

  it("rejects a benchmark with a duplicate id (exit 2)", async () => {
    const duplicated = join(directory, "duplicated.jsonl");
    await writeFile(duplicated, `${JSON.stringify(ITEM)}\n${JSON.stringify(ITEM)}\n`);
    const error = await runExport(duplicated, { format: "jsonl" }).catch((caught: unknown) => caught);
    expect(UserInputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/"x1" appears twice \(lines 1 and 2\)/);
    expect(reportError(error)).toBe(2);
  });

  it("rejects an unknown format, a missing file and overwriting the benchmark (exit 2)", async () => {
    for (const [flags, path, message] of [
      [{ format: "parquet" }, benchmark, /unknown export format/],
      [{ format: "csv" }, join(directory, "nope.jsonl"), /^no file .*nope\.jsonl$/],
      [{ format: "jsonl", out: benchmark }, benchmark, /benchmark file itself/],
    ] as const) {
      const error = await runExport(path, flags).catch((caught: unknown) => caught);
      expect(UserInputError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect(reportError(error)).toBe(2);
    }
  });
});
