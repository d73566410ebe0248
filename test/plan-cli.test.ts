/**
 * `benchsmith plan` as a real child process against a loopback OpenAI-compatible server that plays
 * planner, executor and verifier (the scripted planner over the wire): a full run writes the
 * benchmark with a subtask on every item, the plan report and the plan; a hand-edited plan runs as
 * written; a run short of supply exits 3 with a table of which subtask is short and why, and its
 * --resume repeats no call; a query that cannot be decomposed exits 2 with the reason.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ItemSchema } from "../src/core/item.js";
import type { ChatMessage } from "../src/core/language-model.js";
import { readJsonl } from "../src/io/jsonl.js";
import { scriptedGenerator } from "../src/pipelines/make/__fixtures__/scripted-generator.js";
import { planReply } from "../src/pipelines/plan/__fixtures__/scripted-planner.js";
import { openSqliteStore } from "../src/store/sqlite-store.js";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "./helpers/loopback-llm-server.js";

const TSX_LOADER = createRequire(import.meta.url).resolve("tsx");
const MAIN = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

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

const SUBJECTS = ["professional_law", "jurisprudence", "clinical_knowledge", "anatomy"];

let server: LoopbackLlmServer;
let cwd: string;
let model: string;
let data: string;
/** Model, dataset and seed, with a store of the case's own (the cases run side by side). */
const common = (store: string) => [
  "--model",
  model,
  "--datasets",
  data,
  "--store",
  join(cwd, store),
  "--seed",
  "1",
];

beforeAll(async () => {
  const make = scriptedGenerator();
  server = await startLoopbackLlmServer({
    respond: async (request) => {
      const body = request.body as { messages: ChatMessage[] };
      const text = await planReply(
        {
          design: (prompt) =>
            prompt.includes("xyzzy")
              ? { subtasks: [], cannotDecompose: "xyzzy names no capability to test" }
              : undefined,
        },
        { messages: body.messages },
        async (options) => (await make.doGenerate(options)).text,
      );
      return { text };
    },
  });
  cwd = await mkdtemp(join(tmpdir(), "benchsmith-plan-cli-"));
  // 10 rows per subject: 20 law rows, 20 medicine rows.
  const rows = SUBJECTS.flatMap((subject) =>
    Array.from({ length: 10 }, (_, index) => ({
      id: `${subject}-${index}`,
      subject,
      question: `In ${subject.replace("_", " ")}, which statement ${index} holds for case ${index * 7 + subject.length}?`,
      options: [
        `first ${subject} ${index}`,
        `second ${subject} ${index}`,
        `third ${subject} ${index}`,
        `fourth ${subject} ${index}`,
      ],
      answer: "ABCD"[index % 4],
    })),
  );
  data = join(cwd, "mini-mmlu.jsonl");
  await writeFile(data, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`);
  model = `openai-compatible:${server.url}/v1#planner`;
});
afterAll(async () => {
  await server.close();
  await rm(cwd, { recursive: true, force: true });
});

// Each case is its own process (startup dominates), so they run side by side.
describe.concurrent("benchsmith plan (real CLI, loopback provider)", () => {
  it("exit 0 with a subtask on every item, the report and the plan written; the plan hand-edited runs as written", async () => {
    const args = [
      "plan",
      "law and medicine reasoning",
      "--size",
      "12",
      ...common("full.sqlite"),
      "--out",
      "bench.jsonl",
      "--save-plan",
      "plan.yaml",
    ];
    const result = await runCli(args, cwd);
    expect(result.stderr).not.toContain("    at ");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^plan "law and medicine reasoning": 12 of 12 items \(completed\)$/m);
    expect(result.stdout).toMatch(/^legal reasoning\s+choice\s+6\s+6\s+6\s+0\s+\d+$/m);
    expect(result.stdout).toMatch(/^medical reasoning\s+choice\s+6\s+6\s+6\s+0\s+\d+$/m);
    expect(result.stdout).toContain("kept at >= 0.53");
    const items = await readJsonl(join(cwd, "bench.jsonl"), ItemSchema);
    expect(items).toHaveLength(12);
    for (const item of items)
      expect(["legal reasoning", "medical reasoning"]).toContain(item.metadata?.subtask);
    const report = JSON.parse(await readFile(join(cwd, "bench.plan-report.json"), "utf8")) as {
      delivered: number;
      calls: { calls: number };
    };
    expect(report.delivered).toBe(12);
    // 1 design + 2 grounding calls + one verifier call per item (as-is rows need no executor call).
    expect(report.calls.calls).toBe(3 + 12);
    const saved = await readFile(join(cwd, "plan.yaml"), "utf8");
    expect(saved).toMatch(/^query: law and medicine reasoning$/m);

    await writeFile(
      join(cwd, "edited.yaml"),
      saved.replace("quota: 6", "quota: 2").replace("quota: 6", "quota: 10"),
    );
    const edited = await runCli(
      ["plan", "--plan", "edited.yaml", ...common("edited.sqlite"), "--out", "edited.jsonl"],
      cwd,
    );
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(/^legal reasoning\s+choice\s+2\s+2\s/m);
    expect(edited.stdout).toMatch(/^medical reasoning\s+choice\s+10\s+10\s/m);
    expect(await readJsonl(join(cwd, "edited.jsonl"), ItemSchema)).toHaveLength(12);
  });

  it("too few rows and --from-scratch never: exit 3 with the short subtasks and why; --resume repeats no call", async () => {
    const store = ["--store", join(cwd, "short.sqlite")];
    const args = [
      "plan",
      "law and medicine reasoning",
      "--size",
      "60",
      "--from-scratch",
      "never",
      ...common("short.sqlite"),
      "--out",
      "short.jsonl",
    ];
    const result = await runCli(args, cwd);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("short subtasks");
    expect(result.stdout).toMatch(
      /^legal reasoning\s+30\s+20\s+10\s+its sources have no rows left and --from-scratch is never/m,
    );
    expect(result.stdout).toMatch(/insufficient-supply: its sources hold 20 rows for a quota of 30/);
    expect(result.stderr).toContain("warning: only 40 of 60 items (20 missing)");
    expect(await readJsonl(join(cwd, "short.jsonl"), ItemSchema)).toHaveLength(40);
    const runId = /^run (\S+): stopped$/m.exec(result.stdout)?.[1];
    expect(runId).toBeDefined();
    const callsOf = async () => {
      const opened = openSqliteStore(join(cwd, "short.sqlite"));
      try {
        return (await opened.callStats(runId as string)).calls;
      } finally {
        await opened.close();
      }
    };
    const before = await callsOf();
    expect(before).toBeGreaterThan(40);
    const resumed = await runCli(["plan", "--resume", runId as string, ...store], cwd);
    expect(resumed.code).toBe(3);
    expect(resumed.stdout).toMatch(/^plan "law and medicine reasoning": 40 of 60 items \(stopped\)$/m);
    expect(await callsOf()).toBe(before);
  });

  it("a query the planner cannot decompose: exit 2 with the reason and a hint, no stack", async () => {
    const result = await runCli(["plan", "xyzzy", ...common("xyzzy.sqlite")], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: the query could not be decomposed into subtasks: xyzzy names no capability to test$/m,
    );
    expect(result.stderr).toMatch(/^hint: /m);
    expect(result.stderr).not.toContain("    at ");
  });

  it("a bad option value names the flag, and no run is created for it", async () => {
    const result = await runCli(["plan", "law", "--from-scratch", "sometimes", ...common("bad.sqlite")], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --from-scratch must be auto, never or only, got "sometimes"$/m);
    const opened = openSqliteStore(join(cwd, "bad.sqlite"));
    expect(await opened.listRuns()).toEqual([]);
    await opened.close();
  });
});
