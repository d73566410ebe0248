import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locateBuiltInReferences, REFERENCE_DATA_ENV, readReferenceFile } from "./reference-sets.js";

describe("locateBuiltInReferences", () => {
  let data: string;
  let empty: string;
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), "reference-data-"));
    await mkdir(join(data, "mmlu"));
    await writeFile(
      join(data, "mmlu", "test.jsonl"),
      `${JSON.stringify({ id: 7, question: "What is 2+2?" })}\n`,
    );
    empty = await mkdtemp(join(tmpdir(), "reference-empty-"));
  });
  afterAll(async () => {
    await rm(data, { recursive: true, force: true });
    await rm(empty, { recursive: true, force: true });
  });

  it("uses the --leakage-data folder first, listing only the sets present there", () => {
    const located = locateBuiltInReferences({ directory: data, env: { [REFERENCE_DATA_ENV]: empty } });
    expect(located).toEqual({ paths: [join(data, "mmlu", "test.jsonl")], note: undefined });
  });

  it("falls back to BENCHSMITH_REFERENCE_DATA, resolved against cwd", () => {
    const located = locateBuiltInReferences({
      directory: undefined,
      env: { [REFERENCE_DATA_ENV]: "." },
      cwd: data,
    });
    expect(located.paths).toEqual([join(data, "mmlu", "test.jsonl")]);
  });

  it("looks nowhere else, and says leakage covered only --leakage-ref files", () => {
    const located = locateBuiltInReferences({ directory: undefined, env: {}, cwd: data });
    expect(located.paths).toEqual([]);
    expect(located.note).toMatch(
      /^no built-in reference set found .*BENCHSMITH_REFERENCE_DATA.*--leakage-ref/,
    );
  });

  it("names the folder searched when it holds no set", () => {
    const located = locateBuiltInReferences({ directory: empty, env: {} });
    expect(located.paths).toEqual([]);
    expect(located.note).toContain(`found in ${empty} (looked for mmlu/test.jsonl, mmlu-pro/items.jsonl)`);
  });

  it("reads a located set as reference texts", async () => {
    const [path] = locateBuiltInReferences({ directory: data, env: {} }).paths;
    expect(await readReferenceFile(path as string)).toEqual([
      { source: "mmlu/test.jsonl", id: "7", text: "What is 2+2?" },
    ]);
  });
});
