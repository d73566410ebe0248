import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PostgresTestServer,
  postgresTestSetup,
  startPostgresServer,
} from "../../test/helpers/postgres-server.js";
import { UnavailableError, UserInputError } from "../core/errors.js";
import { openStore } from "./open-store.js";
import { copySqliteToPostgres } from "./postgres-copy.js";
import { applyPostgresMigrations, POSTGRES_MIGRATIONS } from "./postgres-migrations.js";
import { POSTGRES_SQL } from "./postgres-queries.js";
import { openPostgresStore } from "./postgres-store.js";
import { openSqliteStore } from "./sqlite-store.js";

/** A URL on 127.0.0.1 where nothing listens (a port just released by the OS). */
async function deadUrl(password: string): Promise<string> {
  const { createServer } = await import("node:net");
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 1));
    });
  });
  return `postgres://bench:${password}@127.0.0.1:${port}/runs`;
}

/** One node of PostgreSQL's EXPLAIN (FORMAT JSON) output. */
interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

/** The node and every node below it. */
function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error as Error,
  );
}

describe("openPostgresStore without a server", () => {
  it("turns an unreachable server into one UserInputError line with a hint, password masked", async () => {
    const url = await deadUrl("hunter2-secret");
    const error = await errorOf(openStore(url));
    expect(UserInputError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /^cannot open the PostgreSQL store postgres:\/\/bench:\*\*\*@127\.0\.0\.1:\d+\/runs: /,
    );
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.message).not.toContain("\n");
    expect((error as UserInputError).hint).toMatch(/running and reachable/);
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain("hunter2-secret");
  });
});

const setup = postgresTestSetup();
if (setup.kind === "skip") {
  console.warn(`PostgreSQL store specifics SKIPPED: ${setup.reason}`);
  describe("openPostgresStore on a server", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  // The password checks need a server that asks for one (ours does; BENCHSMITH_TEST_POSTGRES_URL may not).
  const passwordless = setup.kind === "external" && new URL(setup.url).password === "";
  describe("openPostgresStore on a server", () => {
    let server: PostgresTestServer;
    beforeAll(async () => {
      server = await startPostgresServer(setup);
    });
    afterAll(async () => server?.stop());

    const withClient = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    };

    it("records each numbered migration once, even when several processes open a fresh database together", async () => {
      const url = await server.createSchema();
      const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url)));
      await Promise.all(stores.map((store) => store.close()));
      await (await openPostgresStore(url)).close();
      const rows = await withClient(
        url,
        async (client) =>
          (await client.query("SELECT version, name FROM schema_migrations ORDER BY version")).rows,
      );
      expect(rows).toEqual(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
    });

    it("applies pending migrations in one transaction: a failing one leaves nothing behind", async () => {
      const url = await server.createSchema();
      const broken = [
        { version: 1, name: "fine", sql: "CREATE TABLE first_table (id integer)" },
        { version: 2, name: "broken", sql: "CREATE TABLE second_table (id no_such_type)" },
      ];
      await withClient(url, async (client) => {
        await expect(applyPostgresMigrations(client, broken)).rejects.toThrow(/no_such_type/);
        const tables = await client.query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
        );
        expect(tables.rows).toEqual([]);
        // Fixed, it applies both, and a second pass applies nothing.
        const fixed = [broken[0]!, { ...broken[1]!, sql: "CREATE TABLE second_table (id integer)" }];
        expect(await applyPostgresMigrations(client, fixed)).toEqual([1, 2]);
        expect(await applyPostgresMigrations(client, fixed)).toEqual([]);
      });
    });

    it("reports a connection the server dropped mid-statement as UnavailableError, then reconnects", async () => {
      const url = new URL(await server.createSchema());
      url.searchParams.set("application_name", "benchsmith-dropped");
      const store = await openPostgresStore(url.toString());
      const lockerUrl = new URL(url);
      lockerUrl.searchParams.set("application_name", "benchsmith-locker");
      const locker = new pg.Client({ connectionString: lockerUrl.toString() });
      await locker.connect();
      try {
        await store.createRun({ id: "before", kind: "make", spec: {} });
        // Hold the table so the store's next read waits on the server, then kill that backend.
        await locker.query("BEGIN");
        await locker.query("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE");
        const pending = errorOf(store.getRun("before"));
        const waiting = async (): Promise<number> =>
          (
            await locker.query(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'benchsmith-dropped' AND wait_event_type = 'Lock'",
            )
          ).rows[0].n;
        while ((await waiting()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        await locker.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'benchsmith-dropped'",
        );
        const error = await pending;
        expect(UnavailableError.isInstance(error)).toBe(true);
        expect(error.message).toMatch(
          /^lost the connection to the PostgreSQL store postgres:\/\/benchsmith:\*\*\*@/,
        );
        expect(`${error.message}${error.stack}`).not.toContain(url.password);
        await locker.query("ROLLBACK");
        // The pool dropped the dead client: the next call simply works.
        expect((await store.getRun("before"))?.kind).toBe("make");
      } finally {
        await locker.end();
        await store.close();
      }
    });

    it("refuses a database migrated by a newer benchsmith", async () => {
      const url = await server.createSchema();
      await (await openPostgresStore(url)).close();
      const future = POSTGRES_MIGRATIONS.length + 1;
      await withClient(url, (client) =>
        client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')", [
          future,
        ]),
      );
      const error = await errorOf(openPostgresStore(url));
      expect(UserInputError.isInstance(error)).toBe(true);
      expect(error.message).toContain(`schema version ${future} is newer`);
    });

    it.skipIf(passwordless)(
      "names a wrong password and a missing database without showing the password",
      async () => {
        const wrong = new URL(server.url);
        wrong.password = "not-the-password";
        const denied = await errorOf(openStore(wrong.toString()));
        expect(UserInputError.isInstance(denied)).toBe(true);
        expect(denied.message).toMatch(/password authentication failed/);
        expect((denied as UserInputError).hint).toMatch(/user and password/);
        expect(denied.message).not.toContain("not-the-password");

        const missing = new URL(server.url);
        missing.pathname = "/no_such_database";
        const absent = await errorOf(openStore(missing.toString()));
        expect(absent.message).toMatch(/no_such_database/);
        expect((absent as UserInputError).hint).toMatch(/createdb/);
        expect(absent.message).not.toContain(new URL(server.url).password);
      },
    );

    it.skipIf(passwordless)("shows where it lives with the password masked", async () => {
      const url = await server.createSchema();
      const store = await openPostgresStore(url);
      try {
        const password = new URL(url).password;
        expect(password.length).toBeGreaterThan(8);
        expect(store.location).not.toContain(password);
        expect(store.location).toContain("***@127.0.0.1");
      } finally {
        await store.close();
      }
    });

    it.skipIf(passwordless)("masks the password in the stack of a failed statement too", async () => {
      const url = await server.createSchema();
      const store = await openPostgresStore(url);
      try {
        // An item for a run that does not exist violates the foreign key.
        const error = await errorOf(
          store.putItem({
            runId: "ghost",
            slot: 0,
            attempt: 0,
            status: "accepted",
            item: {},
            reason: undefined,
          }),
        );
        expect(error.message).toMatch(/foreign key/);
        expect(`${error.message}${error.stack}`).not.toContain(new URL(url).password);
      } finally {
        await store.close();
      }
    });

    it("looks evaluations up by key with one primary-key probe each, not a scan of the run", async () => {
      const url = await server.createSchema();
      const store = await openPostgresStore(url);
      try {
        await store.createRun({ id: "big", kind: "eval", spec: {} });
        const records = Array.from({ length: 20_000 }, (_, index) => ({
          runId: "big",
          modelRef: `m:${index % 4}`,
          itemId: `q${index}`,
          response: "A",
          extracted: "A",
          correct: true,
          score: 1,
          details: undefined,
        }));
        await store.putEvaluations(records);
        const keys = records.filter((_, index) => index % 40 === 0);
        expect(await store.getEvaluations("big", keys)).toHaveLength(500);
        const plan = await withClient(url, async (client) => {
          await client.query("ANALYZE evaluations");
          const explained = await client.query(`EXPLAIN (FORMAT JSON) ${POSTGRES_SQL.getEvaluations}`, [
            "big",
            keys.map((key) => key.modelRef),
            keys.map((key) => key.itemId),
          ]);
          return explained.rows[0]["QUERY PLAN"][0].Plan as PlanNode;
        });
        const nodes = planNodes(plan);
        const onEvaluations = nodes.filter((node) => node["Relation Name"] === "evaluations");
        expect(onEvaluations.map((node) => [node["Node Type"], node["Index Name"]])).toEqual([
          ["Index Scan", "evaluations_pkey"],
        ]);
        expect(nodes.map((node) => node["Node Type"])).not.toContain("Hash Join");
      } finally {
        await store.close();
      }
    });

    it("copies a SQLite store's cache hits, so a re-run's accounting survives the move", async () => {
      const directory = mkdtempSync(join(tmpdir(), "benchsmith-copy-hits-"));
      try {
        const source = join(directory, "store.sqlite");
        const sqlite = openSqliteStore(source);
        await sqlite.createRun({ id: "paying", kind: "make", spec: {} });
        await sqlite.set({
          cacheKey: "k1",
          runId: "paying",
          provider: "openai",
          modelId: "gpt",
          request: {},
          response: {
            text: "B",
            toolCalls: [],
            finishReason: "stop",
            usage: { inputTokens: 2, outputTokens: 1 },
            warnings: [],
          },
          latencyMs: 40,
          costUsd: 0.125,
          createdAt: "2026-01-01T00:00:00.000Z",
        });
        await sqlite.recordCacheHits("rerun", ["k1"]);
        const expected = await sqlite.callsUsedBy("rerun");
        await sqlite.close();
        const target = await server.createDatabase();
        const counts = await copySqliteToPostgres({ from: source, to: target });
        expect(counts.find((count) => count.table === "llm_cache_hits")).toEqual({
          table: "llm_cache_hits",
          read: 1,
          copied: 1,
        });
        const again = await copySqliteToPostgres({ from: source, to: target });
        expect(again.every((count) => count.copied === 0)).toBe(true);
        const postgres = await openStore(target);
        try {
          expect(await postgres.callsUsedBy("rerun")).toEqual(expected);
          expect(expected).toMatchObject([
            { cacheKey: "k1", cached: true, paidByRunId: "paying", costUsd: 0.125 },
          ]);
        } finally {
          await postgres.close();
        }
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  });
}
