import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "../src/core/language-model.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "./helpers/loopback-llm-server.js";
import { createMultiHopSolver } from "./solvers/multi-hop-solver.js";

const run = promisify(execFile);
const TSX = resolve("node_modules/.bin/tsx");
const MAIN = resolve("src/cli/main.ts");

// The real binary against a loopback OpenAI-compatible server whose answers come from the multi-hop solver.
describe("benchsmith tune (real CLI, loopback provider)", () => {
  let server: LoopbackLlmServer;
  let directory: string;
  beforeAll(async () => {
    const solver = createMultiHopSolver({ seed: 1 });
    server = await startLoopbackLlmServer({
      respond: async (request) => {
        const body = request.body as { messages: { content: string }[] };
        const messages: ChatMessage[] = body.messages.map((message) => ({
          role: "user",
          content: message.content,
        }));
        return { text: (await solver.doGenerate({ messages })).text };
      },
    });
    directory = await mkdtemp(join(tmpdir(), "tune-cli-"));
  });
  afterAll(async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  const tune = (...args: string[]) =>
    run(TSX, [MAIN, "tune", ...args, "--store", join(directory, "store.sqlite")], {
      cwd: directory,
      encoding: "utf8",
    });

  it("prints one line per iteration, the final size and why, the deviation with its interval, and writes valid items", async () => {
    const out = join(directory, "bench.jsonl");
    const { stdout } = await tune(
      "multi-hop",
      "--target-model",
      `openai-compatible:${server.url}/v1#solver`,
      "--target-accuracy",
      "0.6",
      "--items-per-iter",
      "30",
      "--max-iters",
      "3",
      "--seed",
      "1",
      "--out",
      out,
    );
    expect(stdout).toMatch(/^iter 1 {2}\{"hops":\d,.*acc \d\.\d{3} \[\d\.\d\d, \d\.\d\d\] n=30/m);
    // Default size: t(1-t)/(tol/2)^2 = 0.24/0.025^2 = 384, so the standard error is 0.025.
    expect(stdout).toContain(
      "final benchmark size 384: standard error at target 0.6 is sqrt(t(1-t)/n) = 0.025 <= tolerance/2 = 0.025 (n >= t(1-t)/(tol/2)^2 = 384)",
    );
    const final =
      /deviation (\d\.\d{3}) \[(\d\.\d{3}), (\d\.\d{3})\] \(95%\) from 0\.6; standard error 0\.025/.exec(
        stdout,
      );
    expect(final).not.toBeNull();
    const [deviation, low, high] = (final ?? []).slice(1).map(Number) as [number, number, number];
    expect(low).toBeLessThanOrEqual(deviation);
    expect(high).toBeGreaterThanOrEqual(deviation);
    const lines = (await readFile(out, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(384);
    expect(JSON.parse(lines[0] as string).metadata.template).toBe("multi-hop");
  });

  it("re-running the same tune without --seed makes zero provider calls (the default seed is fixed)", async () => {
    const args = [
      "multi-hop",
      "--target-model",
      `openai-compatible:${server.url}/v1#solver`,
      "--target-accuracy",
      "0.5",
      "--items-per-iter",
      "10",
      "--max-iters",
      "2",
      "--size",
      "10",
      "--out",
      join(directory, "rerun.jsonl"),
    ];
    const first = await tune(...args);
    const callsBefore = server.requests.length;
    expect(callsBefore).toBeGreaterThan(0);
    const second = await tune(...args);
    expect(server.requests.length).toBe(callsBefore);
    expect(first.stdout).toContain("(seed 0)");
    expect(second.stdout).toContain("(seed 0)");
  });

  it("a budget stop still writes the best params' benchmark, marked unmeasured, and exits 3", async () => {
    const out = join(directory, "budget.jsonl");
    const before = server.requests.length;
    // execFile rejects on a non-zero exit: the rejection carries the exit code and the output.
    const stopped: unknown = await run(
      TSX,
      [
        MAIN,
        "tune",
        "multi-hop",
        "--target-model",
        `openai-compatible:${server.url}/v1#solver`,
        "--target-accuracy",
        "0.6",
        "--tolerance",
        "0",
        "--items-per-iter",
        "10",
        "--size",
        "12",
        "--max-calls",
        "25",
        "--concurrency",
        "1",
        "--out",
        out,
        "--store",
        join(directory, "budget.sqlite"),
      ],
      { cwd: directory, encoding: "utf8" },
    ).then(
      () => ({ code: 0, stdout: "" }),
      (error: unknown) => error,
    );
    expect(stopped).toMatchObject({ code: 3 });
    const stdout =
      typeof stopped === "object" && stopped !== null && "stdout" in stopped ? String(stopped.stdout) : "";
    expect(server.requests.length - before).toBeLessThanOrEqual(25);
    expect(stdout).toMatch(/budget after 2 iterations/);
    expect(stdout).toMatch(/final benchmark: 12 items -> .*budget\.jsonl; unmeasured/);
    expect((await readFile(out, "utf8")).trim().split("\n")).toHaveLength(12);
  });

  it("--resume with different flags warns once, naming them, and keeps the stored spec", async () => {
    const common = [
      "--target-model",
      `openai-compatible:${server.url}/v1#solver`,
      "--items-per-iter",
      "10",
      "--size",
      "10",
    ];
    const first = await tune("multi-hop", ...common, "--target-accuracy", "0.6", "--max-iters", "1");
    const runId = /started tune run (\S+)/.exec(first.stdout)?.[1] ?? "";
    expect(runId).not.toBe("");
    const resumed = await tune(
      "multi-hop",
      ...common,
      "--target-accuracy",
      "0.7",
      "--max-iters",
      "1",
      "--tolerance",
      "0.2",
      "--resume",
      runId,
    );
    const warnings = resumed.stderr.split("\n").filter((line) => line.startsWith("warning: --resume"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("--target-accuracy 0.7 (stored 0.6)");
    expect(warnings[0]).toContain("--tolerance 0.2 (stored 0.05)");
    // Flags equal to the stored values are not listed.
    expect(warnings[0]).not.toContain("--max-iters");
    expect(warnings[0]).not.toContain("--items-per-iter");
    expect(resumed.stdout).toMatch(/deviation \d\.\d{3} \[[\d.]+, [\d.]+\] \(95%\) from 0\.6/);
    // A size the user chose below the rule is printed with what it misses.
    expect(resumed.stdout).toContain(
      "final benchmark size 10: standard error at target 0.6 is sqrt(t(1-t)/n) = 0.155 > tolerance/2 = 0.025",
    );
  });

  it("an unwritable --out: one error line, exit 2, the run recorded failed with the reason", async () => {
    // A regular file used as a folder refuses writes even to root (chmod would not).
    const notAFolder = join(directory, "not-a-folder");
    await writeFile(notAFolder, "");
    const out = join(notAFolder, "sub", "bench.jsonl");
    const failure = await tune(
      "multi-hop",
      "--target-model",
      `openai-compatible:${server.url}/v1#solver`,
      "--target-accuracy",
      "0.5",
      "--items-per-iter",
      "10",
      "--max-iters",
      "1",
      "--size",
      "5",
      "--out",
      out,
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    const { stdout, stderr } = failure as { stdout: string; stderr: string };
    expect(stderr.split("\n").filter((line) => line.startsWith("error: "))).toEqual([
      `error: cannot write the benchmark ${out} (ENOTDIR)`,
    ]);
    const runId = /started tune run (\S+)/.exec(stdout)?.[1] ?? "";
    const store = openSqliteStore(join(directory, "store.sqlite"));
    try {
      expect(await store.getRun(runId)).toMatchObject({
        status: "failed",
        summary: { error: `cannot write the benchmark ${out} (ENOTDIR)` },
      });
    } finally {
      await store.close();
    }
  });

  it("--preset betal runs BeTaL's protocol (10 iterations, temperature 0.5) with the RS+PPR baseline, stored in the spec", async () => {
    const { stdout } = await tune(
      "multi-hop",
      "--preset",
      "betal",
      "--designer",
      "rs-ppr",
      "--target-model",
      `openai-compatible:${server.url}/v1#solver`,
      "--target-accuracy",
      "0.75",
      "--tolerance",
      "0",
      "--items-per-iter",
      "8",
      "--size",
      "8",
      "--out",
      join(directory, "betal.jsonl"),
    );
    const iterations = stdout.split("\n").filter((line) => line.startsWith("iter "));
    // Tolerance 0 at 0.75 with 8 items can still confirm (6/8), so at most 10 lines, all by rs-ppr.
    expect(iterations.length).toBeGreaterThan(0);
    expect(iterations.length).toBeLessThanOrEqual(10);
    for (const line of iterations) expect(line).toMatch(/ rs-ppr$/);
    const runId = /started tune run (\S+)/.exec(stdout)?.[1] ?? "";
    const store = openSqliteStore(join(directory, "store.sqlite"));
    try {
      const stored = await store.getRun(runId);
      expect(stored?.spec).toMatchObject({
        options: {
          preset: "betal",
          designer: "rs-ppr",
          maxIters: 10,
          designerTemperature: 0.5,
          finalItems: 8,
        },
      });
    } finally {
      await store.close();
    }
  });

  it("a flag contradicting the preset is one error line naming the flag (exit 2); --help names the default designer", async () => {
    const conflict = await tune(
      "multi-hop",
      "--preset",
      "betal",
      "--max-iters",
      "4",
      "--target-model",
      "openai:gpt-4o-mini",
      "--target-accuracy",
      "0.5",
    ).catch((error: { code: number; stderr: string }) => error);
    expect(conflict).toMatchObject({ code: 2 });
    expect((conflict as { stderr: string }).stderr).toContain(
      "error: --max-iters is 10 under the betal preset, got 4",
    );
    const { stdout: help } = await run(TSX, [MAIN, "tune", "--help"], { cwd: directory, encoding: "utf8" });
    const flat = help.replace(/\s+/g, " ");
    expect(flat).toContain("The embedded default designer is the model-free optimizer (no LLM needed)");
    expect(flat).toContain("rs-ppr (BeTaL's main: random sampling with prioritized parameter replay)");
    expect(flat).toContain("best-of-n (N = --max-iters proposals without feedback, all measured)");
    expect(flat).toContain("--preset <name>");
    expect(flat).toMatch(
      /--designer-temperature <x> +sampling temperature of a model designer \(BeTaL: 0\.5\) \(default: 0\.5\)/,
    );
    expect(flat).toContain("n >= t(1-t)/(tol/2)^2");
  });

  it("names a missing required flag and a bad value by their flags (exit 2)", async () => {
    const missing = await tune("multi-hop", "--target-accuracy", "0.5").catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(missing).toMatchObject({ code: 2 });
    expect((missing as { stderr: string }).stderr).toContain("error: --target-model is required");
    const bad = await tune(
      "multi-hop",
      "--target-model",
      "openai:gpt-4o-mini",
      "--target-accuracy",
      "1.5",
    ).catch((error: { code: number; stderr: string }) => error);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain(
      "error: --target-accuracy must be a number in [0, 1], got 1.5",
    );
  });

  it("rejects an unknown template before starting a run", async () => {
    const failure = await tune(
      "nope",
      "--target-model",
      "openai:gpt-4o-mini",
      "--target-accuracy",
      "0.5",
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('unknown template "nope"');
  });
});
