import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type PostgresTestServer,
  postgresTestSetup,
  startPostgresServer,
} from "../../../test/helpers/postgres-server.js";
import { UserInputError } from "../../core/errors.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { addGlobalOptions } from "../global-options.js";
import { reportError } from "../report-error.js";
import { runsCommand } from "./runs.js";

let directory: string;
let storePath: string;
let ids: { make: string; evalRun: string; audit: string };
let output: string[];

function program(): Command {
  const root = addGlobalOptions(new Command("benchsmith").exitOverride());
  runsCommand.register(root);
  return root;
}

async function runCli(args: string[]): Promise<{ stdout: string; error: unknown }> {
  output = [];
  const error = await program()
    .parseAsync(args, { from: "user" })
    .then(() => undefined)
    .catch((caught: unknown) => caught);
  return { stdout: output.join(""), error };
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "benchsmith-runs-cli-"));
  storePath = join(directory, "filled.sqlite");
  const store = openSqliteStore(storePath);
  const make = await store.createRun({ id: "make-1", kind: "make", spec: {} });
  for (const [slot, status] of [
    [0, "accepted"],
    [1, "accepted"],
    [2, "rejected"],
  ] as const) {
    await store.putItem({ runId: make.id, slot, attempt: 0, status, item: { slot }, reason: undefined });
  }
  const evalRun = await store.createRun({ id: "eval-1", kind: "eval", spec: {} });
  await store.putEvaluations(
    ["q1", "q2", "q3"].map((itemId, index) => ({
      runId: evalRun.id,
      modelRef: "m:a",
      itemId,
      response: "B",
      extracted: "B",
      correct: index === 0,
      score: index === 0 ? 1 : 0,
      details: undefined,
    })),
  );
  const audit = await store.createRun({ id: "audit-1", kind: "audit", spec: {} });
  await store.close();
  ids = { make: make.id, evalRun: evalRun.id, audit: audit.id };
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));
beforeEach(() => {
  output = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("benchsmith runs on a store that is not there", () => {
  it("fails with one line and exit 2 for list and show, and creates no store", async () => {
    const typo = join(directory, "typo", "stroe.sqlite");
    for (const args of [
      ["--store", typo, "runs", "list"],
      ["runs", "list", "--json", "--store", typo],
      ["runs", "show", ids.make, "--store", typo],
    ]) {
      const { stdout, error } = await runCli(args);
      expect(UserInputError.isInstance(error)).toBe(true);
      expect((error as UserInputError).message).toBe(`no store at ${typo}`);
      expect((error as UserInputError).hint).toMatch(
        /check --store \/ BENCHSMITH_STORE \/ the config's store:/,
      );
      expect((error as UserInputError).hint).toMatch(
        /created by the first make\/eval\/tune\/discover\/plan run/,
      );
      expect(reportError(error)).toBe(2);
      expect(stdout).toBe("");
    }
    expect(existsSync(join(directory, "typo"))).toBe(false);
  });

  it("refuses a file that is not a store (a benchmark, an empty file) and leaves it as it was", async () => {
    const bench = join(directory, "bench.jsonl");
    const empty = join(directory, "empty.sqlite");
    writeFileSync(bench, '{"id":"q1"}\n');
    writeFileSync(empty, "");
    for (const [path, reason] of [
      [bench, "not a SQLite file"],
      [empty, "an empty file"],
    ] as const) {
      const { error } = await runCli(["runs", "list", "--store", path]);
      expect((error as Error).message).toBe(`${path} is not a store (${reason})`);
      expect(reportError(error)).toBe(2);
    }
    expect(readFileSync(bench, "utf8")).toBe('{"id":"q1"}\n');
    expect(statSync(empty).size).toBe(0);
  });

  it("says which run was being looked up in the hint of runs show", async () => {
    const { error } = await runCli(["runs", "show", "make-42", "--store", join(directory, "none.sqlite")]);
    expect((error as UserInputError).hint).toMatch(/^run "make-42" was looked up; check --store/);
  });

  it("in a fresh folder says there are no runs yet (exit 0) and creates no .benchsmith; a named store must exist", async () => {
    const empty = mkdtempSync(join(directory, "fresh-"));
    const cwd = process.cwd();
    process.chdir(empty);
    try {
      const fresh = await runCli(["runs", "list"]);
      expect(fresh.error).toBeUndefined();
      expect(fresh.stdout).toMatch(
        /^no runs yet \(no store at \.\/\.benchsmith\/benchsmith\.sqlite: the first/,
      );
      const { error } = await runCli(["runs", "show", "make-1"]);
      expect((error as Error).message).toBe(`no store at .${sep}${join(".benchsmith", "benchsmith.sqlite")}`);
      // BENCHSMITH_STORE is checked the same way.
      vi.stubEnv("BENCHSMITH_STORE", "from-env.sqlite");
      const fromEnv = await runCli(["runs", "list"]);
      expect((fromEnv.error as Error).message).toBe(`no store at .${sep}from-env.sqlite`);
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(join(empty, ".benchsmith"))).toBe(false);
    expect(existsSync(join(empty, "from-env.sqlite"))).toBe(false);
  });
});

describe("benchsmith runs list", () => {
  it("shows item counts only for runs that make items, '-' for eval and audit runs", async () => {
    const { stdout, error } = await runCli(["runs", "list", "--store", storePath]);
    expect(error).toBeUndefined();
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^id\s+kind\s+status\s+created\s+accepted\s+rejected\s+calls\s+cost$/);
    const row = (id: string) => lines.find((line) => line.startsWith(`${id} `)) ?? "";
    expect(row(ids.make)).toMatch(/\s2\s+1\s+0\s+\$0$/);
    expect(row(ids.evalRun)).toMatch(/\s-\s+-\s+0\s+\$0$/);
    expect(row(ids.audit)).toMatch(/\s-\s+-\s+0\s+\$0$/);
  });

  it("keeps the JSON fields and adds the answers evaluated", async () => {
    const { stdout } = await runCli(["runs", "list", "--json", "--store", storePath]);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(Object.keys(byId.get(ids.make) ?? {})).toEqual([
      "id",
      "kind",
      "status",
      "created",
      "accepted",
      "rejected",
      "answers",
      "calls",
      "costUsd",
    ]);
    expect(byId.get(ids.make)).toMatchObject({ accepted: 2, rejected: 1, answers: 0 });
    expect(byId.get(ids.evalRun)).toMatchObject({ kind: "eval", accepted: 0, rejected: 0, answers: 3 });
  });
});

describe("benchsmith runs show", () => {
  it("prints answers for an eval run instead of an items line of zeros", async () => {
    const { stdout } = await runCli(["runs", "show", ids.evalRun, "--store", storePath]);
    expect(stdout).toMatch(/^evaluated 3 answers$/m);
    expect(stdout).not.toMatch(/^items /m);
    const make = await runCli(["runs", "show", ids.make, "--store", storePath]);
    expect(make.stdout).toMatch(/^items\s+2 accepted, 1 rejected$/m);
    expect(make.stdout).not.toMatch(/^evaluated /m);
  });

  it("keeps the JSON counts (evaluations, not answers)", async () => {
    const { stdout } = await runCli(["runs", "show", ids.evalRun, "--json", "--store", storePath]);
    const counts = (JSON.parse(stdout) as { counts: Record<string, unknown> }).counts;
    expect(counts).toMatchObject({ accepted: 0, rejected: 0, evaluations: 3, calls: 0 });
    expect(counts).not.toHaveProperty("answers");
  });
});

const setup = postgresTestSetup();
if (setup.kind === "skip") {
  console.warn(`runs list on PostgreSQL SKIPPED: ${setup.reason}`);
  describe("benchsmith runs list on PostgreSQL", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe("benchsmith runs list on PostgreSQL", () => {
    let server: PostgresTestServer;
    beforeAll(async () => {
      server = await startPostgresServer(setup);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("opens a postgres:// store without looking for a file", async () => {
      const url = await server.createDatabase();
      const { stdout, error } = await runCli(["runs", "list", "--store", url]);
      expect(error).toBeUndefined();
      expect(stdout).toBe("no runs yet\n");
    });
  });
}
