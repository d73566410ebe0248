import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoredDataError, UserInputError } from "../core/errors.js";
import { MIGRATIONS } from "./migrations.js";
import { createRunId } from "./run-id.js";
import { openSqliteStore } from "./sqlite-store.js";

describe("openSqliteStore (SQLite specifics)", () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-sqlite-"));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const inspect = (path: string) => {
    const database = new Database(path, { readonly: true });
    try {
      return {
        version: database.pragma("user_version", { simple: true }),
        journal: database.pragma("journal_mode", { simple: true }),
        tables: (
          database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
            name: string;
          }[]
        ).map((row) => row.name),
      };
    } finally {
      database.close();
    }
  };

  it("migrates an existing empty file, in WAL mode", async () => {
    const path = join(directory, "empty.sqlite");
    writeFileSync(path, "");
    await openSqliteStore(path).close();
    expect(inspect(path)).toEqual({
      version: MIGRATIONS.length,
      journal: "wal",
      tables: ["evaluations", "items", "llm_cache_hits", "llm_calls", "run_state", "runs"],
    });
  });

  it("reopens an up-to-date store without re-running migrations or losing data", async () => {
    const path = join(directory, "store.sqlite");
    const store = openSqliteStore(path);
    const run = await store.createRun({ kind: "make", spec: {} });
    await store.close();
    const again = openSqliteStore(path);
    expect((await again.getRun(run.id))?.kind).toBe("make");
    await again.close();
    expect(inspect(path).version).toBe(MIGRATIONS.length);
  });

  it("refuses a store written by a newer schema", () => {
    const path = join(directory, "future.sqlite");
    const database = new Database(path);
    database.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    database.close();
    expect(() => openSqliteStore(path)).toThrow(UserInputError);
  });

  it("upgrades a version-1 store: its cached calls stay, and a re-run's hits on them are accounted", async () => {
    const path = join(directory, "v1.sqlite");
    const old = new Database(path);
    old.exec(MIGRATIONS[0] ?? "");
    old.pragma("user_version = 1");
    old
      .prepare(
        `INSERT INTO llm_calls (cache_key, run_id, provider, model_id, request_json, response_json, latency_ms,
          cost_usd, input_tokens, output_tokens, created_at) VALUES ('k', 'old-run', 'openai', 'm', '{}', ?, 40, 0.25, 3, 1, ?)`,
      )
      .run(
        JSON.stringify({
          text: "cached",
          toolCalls: [],
          finishReason: "stop",
          usage: { inputTokens: 3, outputTokens: 1 },
          warnings: [],
        }),
        "2025-01-01T00:00:00.000Z",
      );
    old.close();
    const store = openSqliteStore(path);
    try {
      expect(inspect(path).version).toBe(MIGRATIONS.length);
      expect((await store.get("k"))?.text).toBe("cached");
      await store.recordCacheHits("new-run", ["k"]);
      expect(await store.callsUsedBy("new-run")).toMatchObject([
        { cacheKey: "k", cached: true, paidByRunId: "old-run", latencyMs: 40, costUsd: 0.25 },
      ]);
    } finally {
      await store.close();
    }
  });

  it("refuses a damaged cached response with a StoredDataError naming the key, not a wrong result", async () => {
    const path = join(directory, "damaged.sqlite");
    const store = openSqliteStore(path);
    try {
      const writer = new Database(path);
      writer
        .prepare(
          `INSERT INTO llm_calls (cache_key, provider, model_id, request_json, response_json, latency_ms, created_at)
            VALUES ('bad', 'openai', 'm', '{}', '{"text": 3, "toolCalls": []}', 1, '2025-01-01T00:00:00.000Z')`,
        )
        .run();
      writer.close();
      const error = await store.get("bad").catch((caught: unknown) => caught);
      expect(StoredDataError.isInstance(error)).toBe(true);
      expect(String(error)).toContain("cached call bad");
      expect(String(error)).toContain("text");
    } finally {
      await store.close();
    }
  });

  it("enforces foreign keys: items need an existing run", async () => {
    const store = openSqliteStore(join(directory, "fk.sqlite"));
    try {
      await expect(
        store.putItem({
          runId: "ghost",
          slot: 0,
          attempt: 0,
          status: "accepted",
          item: {},
          reason: undefined,
        }),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await store.close();
    }
  });
});

describe("createRunId", () => {
  it("formats kind, UTC date and time, and a suffix, so ids sort by time", () => {
    const now = new Date(Date.UTC(2026, 10, 23, 8, 45, 12));
    expect(createRunId({ kind: "make", now, suffix: "ab12" })).toBe("make-20261123-084512-ab12");
    expect(createRunId({ kind: "Plan Size!", now, suffix: "0000" })).toBe("plan-size-20261123-084512-0000");
    const later = createRunId({
      kind: "make",
      now: new Date(Date.UTC(2026, 10, 23, 9, 0, 0)),
      suffix: "0000",
    });
    expect(later > "make-20261123-084512-ffff").toBe(true);
  });
});
