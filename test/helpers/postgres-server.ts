import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

/**
 * A real PostgreSQL server for tests. BENCHSMITH_TEST_POSTGRES_URL points at an existing one; otherwise a
 * throwaway cluster is made from the local binaries (initdb once into a cached template, copied per
 * cluster; pg_ctl on a free 127.0.0.1 port, sockets in its own temp dir), run as `postgres` when we are root.
 */
export interface PostgresTestServer {
  /** Admin URL (with its password): tests build store URLs from it. */
  readonly url: string;
  /** A new empty database on the server, as a URL. */
  createDatabase(): Promise<string>;
  /** A new empty schema (in one database shared by the file), as a URL whose search_path selects it: cheaper than a database. */
  createSchema(): Promise<string>;
  /** Stops a cluster we started (or drops the databases made on an external server). */
  stop(): Promise<void>;
}

export type PostgresTestSetup =
  | { kind: "external"; url: string }
  | { kind: "cluster"; binDir: string }
  | { kind: "skip"; reason: string };

const run = promisify(execFile);
const USER = "benchsmith";
const TEMPLATE_VERSION = 1;

/**
 * Decided synchronously, so a suite can skip (with this reason) at collection time; under CI a missing
 * install throws instead.
 * `versionsRoot` is where Debian installs each major version (a parameter so the skip path can be tried).
 */
export function postgresTestSetup(
  env: NodeJS.ProcessEnv = process.env,
  versionsRoot = "/usr/lib/postgresql",
): PostgresTestSetup {
  const url = env.BENCHSMITH_TEST_POSTGRES_URL?.trim();
  if (url) return { kind: "external", url };
  const binDir = findBinDir(env, versionsRoot);
  if (binDir === undefined) {
    const reason =
      "no PostgreSQL binaries (initdb, pg_ctl) found via pg_config --bindir or /usr/lib/postgresql/*/bin; install postgresql or set BENCHSMITH_TEST_POSTGRES_URL";
    // .ci/run installs PostgreSQL: there a missing install must fail the run, not skip its tests.
    if (env.CI) throw new Error(`CI is set but ${reason}`);
    return { kind: "skip", reason };
  }
  return { kind: "cluster", binDir };
}

/** Starts (or connects to) the server `setup` names. Throws, never skips: a broken install must fail. */
export async function startPostgresServer(setup: PostgresTestSetup): Promise<PostgresTestServer> {
  if (setup.kind === "skip") throw new Error(setup.reason);
  if (setup.kind === "external") return externalServer(setup.url);
  return startCluster(setup.binDir);
}

function findBinDir(env: NodeJS.ProcessEnv, versionsRoot: string): string | undefined {
  const candidates: string[] = [];
  const pgConfig = (env.PATH ?? "")
    .split(delimiter)
    .map((directory) => join(directory, "pg_config"))
    .find((path) => existsSync(path));
  const fromConfig =
    pgConfig === undefined ? undefined : spawnSync(pgConfig, ["--bindir"], { encoding: "utf8" });
  if (fromConfig?.status === 0) candidates.push(fromConfig.stdout.trim());
  if (existsSync(versionsRoot)) {
    const versions = readdirSync(versionsRoot).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(versionsRoot, version, "bin")));
  }
  return candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
}

async function startCluster(binDir: string): Promise<PostgresTestServer> {
  const owner = clusterOwner();
  const template = await ensureTemplate(binDir, owner);
  const directory = mkdtempSync(join(tmpdir(), "benchsmith-pg-"));
  const data = join(directory, "data");
  if (owner !== undefined) chownSync(directory, owner.uid, owner.gid);
  // cp -a keeps the owner and the 0700 mode PostgreSQL insists on.
  await run("cp", ["-a", template, data]);
  const port = await freePort();
  appendFileSync(
    join(data, "postgresql.conf"),
    [
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${directory}'`,
      // Throwaway data: durability settings only slow the suite down.
      "fsync = off",
      "synchronous_commit = off",
      "full_page_writes = off",
      "",
    ].join("\n"),
  );
  const pgCtl = (args: string[]) => asOwner(owner, join(binDir, "pg_ctl"), ["-D", data, ...args], directory);
  const stopNow = () => {
    spawnSync(...ownerCommand(owner, join(binDir, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]));
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    await pgCtl(["-l", join(directory, "server.log"), "-w", "-t", "60", "start"]);
  } catch (error) {
    const log = existsSync(join(directory, "server.log"))
      ? readFileSync(join(directory, "server.log"), "utf8")
      : "";
    stopNow();
    throw new Error(`pg_ctl start failed: ${String(error)}\n${log.slice(-2000)}`);
  }
  // If the test process dies before stop(), do not leave a server behind.
  process.once("exit", stopNow);

  // Local socket connections are trusted (the socket sits in our private dir): set a random password
  // there, so TCP connections authenticate with scram like a real deployment.
  const password = randomBytes(12).toString("hex");
  const socketAdmin = new pg.Client({ host: directory, port, user: USER, database: "postgres" });
  await socketAdmin.connect();
  await socketAdmin.query(`ALTER USER ${USER} PASSWORD '${password}'`);
  await socketAdmin.end();

  const url = `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`;
  const databases = databaseMaker(url);
  return {
    url,
    createDatabase: databases.create,
    createSchema: databases.createSchema,
    async stop() {
      await databases.end();
      process.removeListener("exit", stopNow);
      await pgCtl(["-m", "fast", "-w", "stop"]).catch(() => undefined);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function externalServer(url: string): PostgresTestServer {
  const databases = databaseMaker(url);
  return {
    url,
    createDatabase: databases.create,
    createSchema: databases.createSchema,
    async stop() {
      // Someone else's server: leave it as we found it.
      await databases.end({ drop: true });
    },
  };
}

function databaseMaker(url: string) {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  admin.on("error", () => undefined);
  const created: string[] = [];
  let schemaHome: { url: string; pool: pg.Pool } | undefined;
  let schemas = 0;
  const create = async (): Promise<string> => {
    const name = `benchsmith_test_${process.pid}_${created.length}_${randomBytes(3).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${name}`);
    created.push(name);
    const databaseUrl = new URL(url);
    databaseUrl.pathname = `/${name}`;
    return databaseUrl.toString();
  };
  return {
    create,
    async createSchema(): Promise<string> {
      if (schemaHome === undefined) {
        const home = await create();
        const pool = new pg.Pool({ connectionString: home, max: 1 });
        pool.on("error", () => undefined);
        schemaHome = { url: home, pool };
      }
      const name = `s${++schemas}`;
      await schemaHome.pool.query(`CREATE SCHEMA ${name}`);
      const schemaUrl = new URL(schemaHome.url);
      schemaUrl.searchParams.set("options", `-c search_path=${name}`);
      return schemaUrl.toString();
    },
    async end(options: { drop?: boolean } = {}) {
      await schemaHome?.pool.end();
      if (options.drop) {
        for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
      await admin.end();
    },
  };
}

/** initdb is the slow part (seconds): run it once per PostgreSQL version and copy the result. */
async function ensureTemplate(binDir: string, owner: Owner | undefined): Promise<string> {
  const version = spawnSync(join(binDir, "initdb"), ["--version"], { encoding: "utf8" }).stdout.trim();
  const slug = /\d+(?:\.\d+)*/.exec(version)?.[0] ?? "unknown";
  const template = join(
    tmpdir(),
    `benchsmith-pg-template-${slug}-v${TEMPLATE_VERSION}-${owner?.uid ?? process.getuid?.() ?? 0}`,
  );
  if (existsSync(join(template, "PG_VERSION"))) return template;
  const building = mkdtempSync(join(tmpdir(), "benchsmith-pg-initdb-"));
  if (owner !== undefined) chownSync(building, owner.uid, owner.gid);
  const data = join(building, "data");
  await asOwner(
    owner,
    join(binDir, "initdb"),
    [
      "-D",
      data,
      "-U",
      USER,
      "-E",
      "UTF8",
      "--locale=C",
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
      "-N",
    ],
    building,
  );
  try {
    // Atomic: a concurrent test file either sees no template or a complete one.
    renameSync(data, template);
  } catch {
    // Another file won the race; its template is as good as ours.
  }
  rmSync(building, { recursive: true, force: true });
  return template;
}

interface Owner {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: then everything runs as the `postgres` user. */
function clusterOwner(): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0)
    throw new Error("running as root, but there is no `postgres` user to run the test cluster as");
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function ownerCommand(owner: Owner | undefined, file: string, args: string[]): [string, string[]] {
  return owner === undefined ? [file, args] : ["runuser", ["-u", "postgres", "--", file, ...args]];
}

async function asOwner(owner: Owner | undefined, file: string, args: string[], cwd: string): Promise<void> {
  const [command, commandArgs] = ownerCommand(owner, file, args);
  await run(command, commandArgs, { cwd, timeout: 120_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
