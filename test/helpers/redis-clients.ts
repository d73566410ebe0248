import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { type RedisTestServer, type RedisTestSetup, startRedisServer } from "./redis-server.js";

/**
 * Inside a describe: one throwaway redis-server and `count` separate connections to it (as several
 * processes would have), opened before the tests and closed after. `client(i)` is the i-th connection.
 */
export function useRedisClients(setup: RedisTestSetup, count = 3) {
  let redis: RedisTestServer | undefined;
  let clients: Redis[] = [];
  beforeAll(async () => {
    const server = await startRedisServer(setup);
    redis = server;
    clients = Array.from({ length: count }, () => new Redis(server.url));
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
    await redis?.stop();
  });
  return {
    get clients(): readonly Redis[] {
      return clients;
    },
    client(index = 0): Redis {
      const found = clients[index];
      if (found === undefined) throw new Error(`no client ${index}`);
      return found;
    },
  };
}
