import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A real, throwaway redis-server for tests: a free 127.0.0.1 port, its own temp dir, no persistence
 * (`--save "" --appendonly no`, so a restart loses every key, as the worst case needs) and
 * `maxmemory-policy noeviction` (what the docs tell operators to run).
 */
export interface RedisTestServer {
  /** redis://127.0.0.1:<port> (redis://:<password>@… when started with one) */
  readonly url: string;
  readonly port: number;
  /** The server's process id (benches read its CPU time), undefined while it is down. */
  readonly pid: number | undefined;
  /** Kills the server (SIGKILL): every key is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export type RedisTestSetup = { kind: "binary"; path: string } | { kind: "skip"; reason: string };

export const REDIS_SERVER_PATH = "/usr/bin/redis-server";

/**
 * Decided synchronously so a suite can skip at collection time. Without the binary the suite is skipped
 * with the reason, except under CI (process.env.CI set), where a missing Redis must fail the run.
 */
export function redisTestSetup(
  env: NodeJS.ProcessEnv = process.env,
  path = REDIS_SERVER_PATH,
): RedisTestSetup {
  if (existsSync(path)) return { kind: "binary", path };
  const reason = `no ${path}: install redis-server (Debian: apt-get install redis-server) to run the queue tests`;
  if (env.CI) throw new Error(`CI is set but ${reason}`);
  return { kind: "skip", reason };
}

/** `password`: the server requires it (`--requirepass`) and `url` carries it, as a user's URL would. */
export async function startRedisServer(
  setup: RedisTestSetup,
  options: { password?: string } = {},
): Promise<RedisTestServer> {
  if (setup.kind === "skip") throw new Error(setup.reason);
  const directory = mkdtempSync(join(tmpdir(), "benchsmith-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      setup.path,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        directory,
        "--save",
        "",
        "--appendonly",
        "no",
        "--maxmemory-policy",
        "noeviction",
        ...(options.password === undefined ? [] : ["--requirepass", options.password]),
      ],
      { stdio: "ignore" },
    );
    await waitForPort(port, 5000);
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGKILL");
    await exited;
  };
  await launch();
  return {
    url:
      options.password === undefined
        ? `redis://127.0.0.1:${port}`
        : `redis://:${encodeURIComponent(options.password)}@127.0.0.1:${port}`,
    port,
    get pid() {
      return child?.pid;
    },
    kill,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: async () => {
      await kill();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function freePort(): Promise<number> {
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
