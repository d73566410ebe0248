/**
 * `benchsmith audit <bench> --run <make run>` recovers the demand the benchmark was made for from the
 * make run itself (make stores it in its options), so alignment is judged without repeating --demand.
 * Both commands run as the real binary against a scripted model behind the loopback server.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import {
  type LoopbackLlmServer,
  type LoopbackRequest,
  type ScriptedReply,
  startLoopbackLlmServer,
} from "./helpers/loopback-llm-server.js";
import { respondAsMakeGenerator, userPrompt } from "./helpers/make-responder.js";

const TSX_LOADER = createRequire(import.meta.url).resolve("tsx");
const MAIN = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const DEMAND = "world geography";

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI as a child process, with no API keys and no BENCHSMITH_* settings from this machine. */
function runCli(args: string[], cwd: string): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env))
    if (name.endsWith("_API_KEY") || name.startsWith("BENCHSMITH_")) delete env[name];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX_LOADER, MAIN, ...args],
      { cwd, env, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** make's prompts (`### <step>`) get the scripted generator; anything else is the audit's judge. */
function respond(request: LoopbackRequest): ScriptedReply {
  const prompt = userPrompt(request);
  if (/^### [a-z-]+/.test(prompt)) return respondAsMakeGenerator(request);
  if (prompt.includes('"verdict"')) return { text: JSON.stringify({ rationale: "on target", verdict: 1 }) };
  if (prompt.includes('"better"')) return { text: JSON.stringify({ rationale: "first", better: 1 }) };
  return { text: "A" };
}

describe("benchsmith audit --run <make run> (real binary)", () => {
  let cwd: string;
  let server: LoopbackLlmServer;
  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), "benchsmith-audit-run-"));
    server = await startLoopbackLlmServer({ respond });
  });
  afterAll(async () => {
    await server.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("judges alignment against the make run's demand without --demand", async () => {
    const store = join(cwd, "store.sqlite");
    const made = await runCli(
      [
        "make",
        DEMAND,
        "-n",
        "3",
        "--no-boost",
        "--test-takers",
        "1",
        "--concurrency",
        "1",
        "--seed",
        "1",
        "--generator",
        `openai-compatible:${server.url}/v1#make-gen`,
        "--out",
        "bench.jsonl",
        "--store",
        store,
      ],
      cwd,
    );
    expect(made.stderr).not.toContain("    at ");
    expect([0, 3]).toContain(made.code);
    const makeRunId = /^run (\S+):/m.exec(made.stdout)?.[1] ?? "";
    expect(makeRunId).toMatch(/^make-/);

    server.reset();
    const audited = await runCli(
      [
        "audit",
        "bench.jsonl",
        "--run",
        makeRunId,
        "--judge",
        `openai-compatible:${server.url}/v1#judge`,
        "--no-builtin-leakage",
        "--store",
        store,
      ],
      cwd,
    );
    expect(audited.stderr).not.toContain("error:");
    expect(audited.code).toBe(0);
    // The judge was shown the make run's demand as the benchmark's purpose.
    const judged = server.requests.map(userPrompt).filter((prompt) => prompt.includes(DEMAND));
    expect(judged.length).toBeGreaterThan(0);
    const alignmentLine = audited.stdout.split("\n").find((line) => /^\s*alignment\b/.test(line));
    expect(alignmentLine).toBeDefined();
    expect(alignmentLine).not.toMatch(/n\/a/);

    const opened = openSqliteStore(store);
    try {
      const [auditRun] = await opened.listRuns({ kind: "audit" });
      expect(auditRun?.status).toBe("completed");
      expect(auditRun?.spec).toMatchObject({ demand: DEMAND, generatingRun: makeRunId });
      const { criteria } = (auditRun?.summary ?? {}) as { criteria?: Record<string, unknown> };
      // The scripted judge gives every item the top verdict (1 on the paper's 0 / 0.5 / 1 scale).
      expect(criteria?.alignment).toBe(1);
    } finally {
      await opened.close();
    }
  });
});
