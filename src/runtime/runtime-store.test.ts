import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PostgresTestServer,
  postgresTestSetup,
  startPostgresServer,
} from "../../test/helpers/postgres-server.js";
import { ConfigError } from "../core/errors.js";
import { openStore } from "../store/open-store.js";
import { openRuntime } from "./runtime.js";

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "benchsmith-runtime-store-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("the runtime's store location", () => {
  it("refuses a URL scheme no backend opens, naming the field and hiding the password", async () => {
    const config = join(directory, "mysql.config.json");
    writeFileSync(config, JSON.stringify({ store: "mysql://root:hunter22@db/bench" }));
    const error = await openRuntime({
      cwd: directory,
      env: {},
      configPath: config,
      handleInterrupts: false,
    }).catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    const issues = (error as ConfigError).issues;
    expect(issues).toEqual([expect.stringMatching(/^store: "mysql:\/\/" stores are not supported/)]);
    expect(JSON.stringify(issues)).not.toContain("hunter22");
  });
});

const setup = postgresTestSetup();
if (setup.kind === "skip") {
  console.warn(`runtime on a PostgreSQL store SKIPPED: ${setup.reason}`);
  describe("the runtime on a PostgreSQL store", () => {
    it.skip(`skipped: ${setup.reason}`, () => {});
  });
} else {
  describe("the runtime on a PostgreSQL store", () => {
    let server: PostgresTestServer;
    beforeAll(async () => {
      server = await startPostgresServer(setup);
    });
    afterAll(async () => server?.stop());

    it("opens BENCHSMITH_STORE=postgres://... as the PostgreSQL backend, URL kept as given", async () => {
      const url = await server.createSchema();
      const runtime = await openRuntime({
        cwd: directory,
        env: { BENCHSMITH_STORE: url },
        handleInterrupts: false,
      });
      try {
        expect(runtime.config.store).toBe(url);
        const run = await runtime.store.createRun({ id: "from-env", kind: "eval", spec: { n: 1 } });
        const other = await openStore(url);
        expect((await other.getRun(run.id))?.spec).toEqual({ n: 1 });
        await other.close();
      } finally {
        await runtime.close();
      }
    });

    it("reads `store: postgres://...` from a config file (not resolved against the file's folder)", async () => {
      const url = await server.createSchema();
      const config = join(directory, "benchsmith.config.json");
      writeFileSync(config, JSON.stringify({ store: url }));
      const runtime = await openRuntime({
        cwd: directory,
        env: {},
        configPath: config,
        handleInterrupts: false,
      });
      try {
        expect(runtime.config.store).toBe(url);
        await runtime.store.createRun({ id: "from-file", kind: "make", spec: {} });
        expect((await runtime.store.listRuns()).map((run) => run.id)).toEqual(["from-file"]);
      } finally {
        await runtime.close();
      }
    });
  });
}
