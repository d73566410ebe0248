import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.js";
import { createSource, parseSource, SOURCES, sourceSpellings } from "./index.js";

describe("SOURCES", () => {
  it("every entry is complete and keyed by its own id", () => {
    for (const [key, entry] of Object.entries(SOURCES)) {
      expect(entry.id).toBe(key);
      expect(entry.description.length).toBeGreaterThan(20);
      expect(["retrieval", "execution"]).toContain(entry.kind);
      expect(typeof entry.needs.network).toBe("boolean");
      expect(typeof entry.create).toBe("function");
    }
    expect(sourceSpellings(SOURCES)).toEqual(["docs:<dir>", "wikipedia", "code"]);
  });
});

describe("parseSource", () => {
  it("reads the three spellings; the docs argument is everything after the first colon", () => {
    expect(parseSource("wikipedia")).toEqual({ id: "wikipedia", argument: undefined });
    expect(parseSource(" code ")).toEqual({ id: "code", argument: undefined });
    expect(parseSource("docs:./notes")).toEqual({ id: "docs", argument: "./notes" });
    expect(parseSource("docs:C:\\corpus\\notes")).toEqual({ id: "docs", argument: "C:\\corpus\\notes" });
  });

  it("rejects bad spellings naming the allowed forms", () => {
    for (const bad of ["web", "docs", "docs:", "wikipedia:en", "code:js", ""]) {
      const error = (() => {
        try {
          parseSource(bad);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(UserInputError.isInstance(error), bad).toBe(true);
      expect((error as UserInputError).hint).toBe("allowed: docs:<dir> | wikipedia | code");
    }
    expect(() => parseSource("docs")).toThrow('the docs source needs <dir>: "docs"');
    expect(() => parseSource("code:js")).toThrow('the code source takes no argument: "code:js"');
  });
});

describe("createSource", () => {
  it("creates each kind from its spec", async () => {
    const directory = await mkdtemp(join(tmpdir(), "benchsmith-sources-"));
    try {
      await writeFile(join(directory, "moon.md"), "# Moon\n\nThe Moon has no atmosphere to speak of.\n");
      const docs = await createSource(parseSource(`docs:${directory}`), { env: {} });
      if (docs.kind !== "retrieval") throw new Error("docs should be a retrieval source");
      expect((await docs.source.retrieve("atmosphere", { limit: 1 }))[0]?.id).toBe("moon.md#1");

      const code = await createSource(parseSource("code"), {
        env: {},
        limits: { timeLimitMs: 500, memoryLimitBytes: 8 * 2 ** 20 },
      });
      if (code.kind !== "execution") throw new Error("code should be an execution source");
      expect(code.source.description).toContain("500 ms, 8 MiB");
      expect(await code.source.run("function main() { return 6 * 7; }")).toEqual({
        success: true,
        value: "42",
      });
      expect(code.source.programRules).toContain("function main()");

      const wikipedia = await createSource(parseSource("wikipedia"), {
        env: {},
        baseURL: "http://127.0.0.1:9/w/api.php",
      });
      expect(wikipedia).toMatchObject({ kind: "retrieval", id: "wikipedia" });
      expect(typeof (wikipedia.source as { salience?: unknown }).salience).toBe("function");
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
