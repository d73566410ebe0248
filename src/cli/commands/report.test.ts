import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { UserInputError } from "../../core/errors.js";
import { type SampleStore, seedSampleStore } from "../../web/__fixtures__/sample-store.js";
import { addGlobalOptions } from "../global-options.js";
import { reportError } from "../report-error.js";
import { reportCommand } from "./report.js";
import { runView, viewCommand } from "./view.js";

let directory: string;
let sample: SampleStore;
let output: string[];

function program(): Command {
  const root = addGlobalOptions(new Command("benchsmith").exitOverride());
  reportCommand.register(root);
  viewCommand.register(root);
  return root;
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "benchsmith-report-cli-"));
  sample = await seedSampleStore(directory, 40);
  output = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await sample.store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe("benchsmith report", () => {
  it("writes one HTML file from a results file, with no store created", async () => {
    const out = join(directory, "out", "report.html");
    const cwd = process.cwd();
    process.chdir(directory);
    try {
      await program().parseAsync(["report", sample.resultsPath, "--out", out], { from: "user" });
    } finally {
      process.chdir(cwd);
    }
    const html = readFileSync(out, "utf8");
    expect(html).toContain('<script type="application/json" id="report-items">');
    expect(html).toContain("item-0039");
    expect(output.join("")).toMatch(/report: .*report\.html \(\d+ kB, 40 items, 5 models\)/);
    expect(existsSync(join(directory, ".benchsmith"))).toBe(false);
  });

  it("reports stored runs by id and adds their audit and tune pages", async () => {
    const out = join(directory, "runs.html");
    await program().parseAsync(
      [
        "--store",
        sample.storePath,
        "report",
        sample.runs.evalRun,
        "--audit",
        sample.runs.auditRun,
        "--tune",
        sample.runs.tuneRun,
        "--out",
        out,
      ],
      { from: "user" },
    );
    const html = readFileSync(out, "utf8");
    expect(html).toContain('"criterion":"controllability"');
    expect(html).toContain('"stopReason":"converged"');
  });

  it("fails with one friendly line when a source is neither a file nor a run", async () => {
    const missingFile = join(directory, "missing.json");
    const untouchedStore = join(directory, "typo-leaves-no-store.sqlite");
    const fileError = await program()
      .parseAsync(["--store", untouchedStore, "report", missingFile], { from: "user" })
      .catch((caught: unknown) => caught);
    expect((fileError as Error).message).toBe(`cannot read ${missingFile} (no such file)`);
    expect(reportError(fileError)).toBe(2);
    // A mistyped file path is not a run id: no store is created as a side effect.
    expect(existsSync(untouchedStore)).toBe(false);
    const runError = await program()
      .parseAsync(["--store", sample.storePath, "report", "eval-nope"], { from: "user" })
      .catch((caught: unknown) => caught);
    expect((runError as Error).message).toBe('"eval-nope" is neither a file nor a run in the store');
    expect(reportError(runError)).toBe(2);
  });

  it("fails on a run id when the store is not there, and creates none", async () => {
    const typo = join(directory, "typo", "stroe.sqlite");
    const error = await program()
      .parseAsync(["--store", typo, "report", sample.runs.evalRun, "--out", join(directory, "x.html")], {
        from: "user",
      })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(`no store at ${typo}`);
    expect((error as UserInputError).hint).toMatch(
      new RegExp(`^"${sample.runs.evalRun}" is not a file, so it was read as a run id; check --store`),
    );
    expect(reportError(error)).toBe(2);
    expect(existsSync(join(directory, "typo"))).toBe(false);
    expect(existsSync(join(directory, "x.html"))).toBe(false);
  });

  it("names a missing --bench file the one way missing files are named", async () => {
    const missing = join(directory, "no-bench.jsonl");
    const error = await program()
      .parseAsync(["report", sample.resultsPath, "--bench", missing, "--out", join(directory, "y.html")], {
        from: "user",
      })
      .catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(`no file ${missing}`);
    expect((error as UserInputError).hint).toMatch(/--bench/);
    expect(reportError(error)).toBe(2);
  });
});

describe("benchsmith view", () => {
  it("prints its 127.0.0.1 URL, serves the store and stops when asked", async () => {
    // The global flags alone, as the view action's command would see them.
    const root = addGlobalOptions(new Command("benchsmith")).parse(["--store", sample.storePath], {
      from: "user",
    });
    let stop = (): void => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    output.length = 0;
    const serving = runView({ port: "0" }, root, stopped);
    await vi.waitFor(() => expect(output.join("")).toContain("benchsmith view: http://127.0.0.1:"), {
      timeout: 20_000,
    });
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output.join(""))?.[0] ?? "";
    const response = await fetch(`${url}api/runs`);
    expect(((await response.json()) as { runs: unknown[] }).runs).toHaveLength(4);
    stop();
    await serving;
    await expect(fetch(`${url}api/runs`)).rejects.toThrow();
  });

  it("fails with one line when the store is not there, and creates none", async () => {
    const typo = join(directory, "view-typo.sqlite");
    const root = addGlobalOptions(new Command("benchsmith")).parse(["--store", typo], { from: "user" });
    output.length = 0;
    const error = await runView({ port: "0" }, root, Promise.resolve()).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(`no store at ${typo}`);
    expect(reportError(error)).toBe(2);
    expect(output.join("")).toBe("");
    expect(existsSync(typo)).toBe(false);
  });

  it("rejects a port that is not one", async () => {
    const error = await runView({ port: "70000" }, program()).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/--port must be an integer in \[0, 65535\]/);
  });
});
