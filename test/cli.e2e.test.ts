import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "./helpers/loopback-llm-server.js";

const TSX_LOADER = createRequire(import.meta.url).resolve("tsx");
const MAIN = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI as a child process, with no API keys and no BENCHSMITH_* settings from this machine. */
function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.endsWith("_API_KEY") || name.startsWith("BENCHSMITH_")) delete env[name];
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX_LOADER, MAIN, ...args],
      { cwd: options.cwd, env: { ...env, ...options.env }, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A user mistake: exit 2, one "error:" line, one "hint:" line, never a stack trace. */
function expectOneFriendlyError(result: CliResult, message: RegExp): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.split("\n").filter(Boolean);
  expect(lines.filter((line) => line.startsWith("error: "))).toHaveLength(1);
  expect(lines.filter((line) => line.startsWith("hint: "))).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toContain("    at ");
}

// Each case is its own process (startup dominates), so they run side by side.
describe.concurrent("benchsmith CLI (real process)", () => {
  let cwd: string;
  let server: LoopbackLlmServer;
  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), "benchsmith-cli-"));
    server = await startLoopbackLlmServer({
      latencyMs: 20,
      respond: () => ({ text: "Loud and clear.", usage: { inputTokens: 12, outputTokens: 5 } }),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("--help lists the commands and exits 0", async () => {
    const result = await runCli(["--help"], { cwd });
    expect(result.code).toBe(0);
    for (const command of ["make", "eval", "models", "runs"]) expect(result.stdout).toContain(command);
  });

  it("reports an unknown provider in one line with a hint", async () => {
    expectOneFriendlyError(
      await runCli(["models", "test", "nosuch:model"], { cwd }),
      /unknown provider "nosuch"/,
    );
  });

  it("reports a missing API key in one line with a hint", async () => {
    const result = await runCli(["models", "test", "openai:gpt-4o-mini"], { cwd });
    expectOneFriendlyError(result, /needs an API key/);
    expect(result.stderr).toContain("OPENAI_API_KEY");
  });

  it("reports a malformed config file with its path and one line per field", async () => {
    const path = join(cwd, "broken.json");
    writeFileSync(path, JSON.stringify({ store: 5, providers: { openai: { concurrency: "lots" } } }));
    const result = await runCli(["--config", path, "runs", "list"], { cwd });
    expectOneFriendlyError(result, /invalid config in .*broken\.json/);
    expect(result.stderr).toMatch(/^ {2}- store: /m);
    expect(result.stderr).toMatch(/^ {2}- providers\.openai\.concurrency: /m);
  });

  it("reports an unknown run id with the recent runs in the hint", async () => {
    const storePath = join(cwd, "lookup.sqlite");
    const store = openSqliteStore(storePath);
    const known = await store.createRun({ kind: "make", spec: {} });
    await store.close();
    const result = await runCli(["runs", "show", "make-19990101-000000-dead", "--store", storePath], { cwd });
    expectOneFriendlyError(result, /no run "make-19990101-000000-dead"/);
    expect(result.stderr).toContain(known.id);
  });

  it("exits 2 on a usage error", async () => {
    const result = await runCli(["runs", "list", "--limit", "zero"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain("    at ");
  });

  it("models test makes one real call and prints latency, tokens, cost and the reply", async () => {
    const ref = `openai-compatible:${server.url}/v1#tiny`;
    server.reset();
    const unpriced = await runCli(["models", "test", ref], { cwd });
    expect(unpriced.stderr).toBe("");
    expect(unpriced.code).toBe(0);
    expect(unpriced.stdout).toMatch(/^provider\s+openai-compatible$/m);
    expect(unpriced.stdout).toMatch(/^latency\s+\d+ ms$/m);
    expect(unpriced.stdout).toMatch(/^tokens\s+12 in \/ 5 out$/m);
    expect(unpriced.stdout).toMatch(/^cost\s+unknown price$/m);
    expect(unpriced.stdout).toMatch(/^reply\s+Loud and clear\.$/m);

    // With a configured price: (12 * 3 + 5 * 4) / 1e6 = 0.000056 USD. The cache is bypassed, so the server sees both.
    const configPath = join(cwd, "priced.yaml");
    writeFileSync(configPath, `prices:\n  "${ref}": { inputPerMillion: 3, outputPerMillion: 4 }\n`);
    const priced = await runCli(["--config", configPath, "models", "test", ref], { cwd });
    expect(priced.code).toBe(0);
    expect(priced.stdout).toMatch(/^cost\s+\$0\.000056$/m);
    expect(server.requests).toHaveLength(2);
  });

  it("models list shows key variables and whether they are set, never their values", async () => {
    const secret = "sk-test-never-print-me";
    const result = await runCli(["models", "list"], { cwd, env: { ANTHROPIC_API_KEY: secret } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^anthropic\s+ANTHROPIC_API_KEY\s+yes/m);
    expect(result.stdout).toMatch(/^openai\s+OPENAI_API_KEY\s+no/m);
    expect(result.stdout).toContain("default model: anthropic:claude-3-5-haiku-latest");
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("runs list and runs show describe a store the test filled", async () => {
    const storePath = join(cwd, "filled.sqlite");
    const store = openSqliteStore(storePath);
    const make = await store.createRun({
      kind: "make",
      spec: { demand: "grade-school arithmetic", seed: 3 },
    });
    for (const slot of [0, 1, 2]) {
      await store.putItem({
        runId: make.id,
        slot,
        attempt: 0,
        status: "accepted",
        item: { slot },
        reason: undefined,
      });
    }
    await store.putItem({
      runId: make.id,
      slot: 3,
      attempt: 0,
      status: "rejected",
      item: {},
      reason: "duplicate",
    });
    const response = { text: "x", toolCalls: [], finishReason: "stop" as const, warnings: [] };
    for (const [index, tokens] of [
      [1, 100],
      [2, 50],
    ] as const) {
      await store.set({
        cacheKey: `k${index}`,
        runId: make.id,
        provider: "openai",
        modelId: "gpt-4o-mini",
        request: {},
        response: { ...response, usage: { inputTokens: tokens, outputTokens: 10 } },
        latencyMs: 5,
        costUsd: 0.02,
        createdAt: "2026-01-01T00:00:00.000Z",
      });
    }
    await store.updateRun(make.id, { status: "completed", summary: { accepted: 3 } });
    const evalRun = await store.createRun({ id: "eval-by-hand", kind: "eval", spec: {} });
    await store.close();

    const list = await runCli(["runs", "list", "--store", storePath], { cwd });
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^id\s+kind\s+status\s+created\s+accepted\s+rejected\s+calls\s+cost$/);
    expect(lines[1]).toMatch(new RegExp(`^${evalRun.id}\\s+eval\\s+running\\s+`));
    expect(lines[2]).toMatch(
      new RegExp(`^${make.id}\\s+make\\s+completed\\s+\\S+ \\S+\\s+3\\s+1\\s+2\\s+\\$0\\.04$`),
    );

    const onlyEval = await runCli(["runs", "list", "--kind", "eval", "--store", storePath], { cwd });
    expect(onlyEval.stdout.trim().split("\n")).toHaveLength(2);

    const show = await runCli(["runs", "show", make.id, "--store", storePath], { cwd });
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^status\s+completed$/m);
    expect(show.stdout).toMatch(/^items\s+3 accepted, 1 rejected$/m);
    expect(show.stdout).toMatch(/^calls\s+2 \(150 input \/ 20 output tokens\), cost \$0\.04$/m);
    expect(show.stdout).toContain('"demand": "grade-school arithmetic"');
    expect(show.stdout).toContain('"accepted": 3');
  });
});
