import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.js";
import { readUserFile } from "./read-user-file.js";

describe("readUserFile", () => {
  it("returns the text of a readable file", async () => {
    const directory = await mkdtemp(join(tmpdir(), "read-user-file-"));
    const path = join(directory, "a.txt");
    await writeFile(path, "héllo\n");
    expect(await readUserFile(path)).toBe("héllo\n");
    await rm(directory, { recursive: true, force: true });
  });

  it("turns a missing file into a UserInputError naming the path, the code and the hint", async () => {
    const path = join(tmpdir(), "benchsmith-no-such-dir", "missing.jsonl");
    const error = await readUserFile(path, "pass the results file").catch((caught: unknown) => caught);
    expect(UserInputError.isInstance(error)).toBe(true);
    expect((error as UserInputError).message).toBe(`cannot read ${path} (ENOENT)`);
    expect((error as UserInputError).hint).toBe("pass the results file");
  });
});
