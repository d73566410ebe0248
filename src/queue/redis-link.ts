import type { Redis } from "ioredis";
import { UserInputError } from "../core/errors.js";
import { redactRedisUrl } from "./redis-url.js";

/** A Redis connection that knows how long it has been down (ioredis keeps reconnecting meanwhile). */
export interface RedisLink {
  /** Shared by every BullMQ queue, worker and event stream of this process (they duplicate it as needed). */
  client: Redis;
  /** The URL with its password masked, for messages. */
  shownUrl: string;
  /** How long the connection has been lost, in ms (0 while it is up). */
  downForMs(): number;
  /**
   * Called when the connection drops (`lost`) and when it is back (`back`, with the outage in ms);
   * returns the function that stops listening.
   */
  onChange(
    listener: (change: { state: "lost"; error: string } | { state: "back"; afterMs: number }) => void,
  ): () => void;
  close(): Promise<void>;
}

export interface ConnectRedisOptions {
  /** Give up on the first connection after this long (default 5 s). */
  connectTimeoutMs?: number;
  /** Told about a server setting that can lose work (maxmemory-policy other than noeviction). */
  warn?: (message: string) => void;
}

/**
 * Connects to the queue's Redis. An unreachable server at start is one UserInputError line naming the
 * masked URL; later outages are reported through `onChange` and `downForMs`, never thrown.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<RedisLink> {
  // Loaded only with --queue: the in-process path never pays for the Redis client.
  const { Redis } = await import("ioredis");
  const shownUrl = redactRedisUrl(url);
  const client = new Redis(url, {
    // BullMQ requires it: its blocking commands must wait through reconnects instead of failing.
    maxRetriesPerRequest: null,
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 5000,
  });
  let lastError = "";
  client.on("error", (error: Error) => {
    lastError = error.message;
  });
  try {
    await withTimeout(client.connect(), options.connectTimeoutMs ?? 5000);
  } catch (error) {
    client.disconnect();
    const reason = lastError || (error instanceof Error ? error.message : String(error));
    throw new UserInputError(
      `cannot reach the work queue at ${shownUrl}: ${scrub(reason, url, shownUrl)}`,
      "start Redis (redis-server --maxmemory-policy noeviction) or fix --queue",
    );
  }
  await warnAboutEviction(client, options.warn);

  let downSince: number | undefined;
  const listeners: Parameters<RedisLink["onChange"]>[0][] = [];
  client.on("close", () => {
    if (downSince !== undefined) return;
    downSince = Date.now();
    for (const listener of listeners)
      listener({ state: "lost", error: scrub(lastError || "connection closed", url, shownUrl) });
  });
  client.on("ready", () => {
    if (downSince === undefined) return;
    const afterMs = Date.now() - downSince;
    downSince = undefined;
    for (const listener of listeners) listener({ state: "back", afterMs });
  });
  return {
    client,
    shownUrl,
    downForMs: () => (downSince === undefined ? 0 : Date.now() - downSince),
    onChange: (listener) => {
      listeners.push(listener);
      return () => {
        const index = listeners.indexOf(listener);
        if (index >= 0) listeners.splice(index, 1);
      };
    },
    async close() {
      listeners.length = 0;
      // QUIT would wait for a connection that may never come back (commands queue through outages).
      if (client.status !== "ready") {
        client.disconnect();
        return;
      }
      try {
        await withTimeout(client.quit(), 2000);
      } catch {
        client.disconnect();
      }
    },
  };
}

/** Evicted lock or job keys silently stop BullMQ consumers: say so when Redis is set up to evict. */
async function warnAboutEviction(
  client: Redis,
  warn: ((message: string) => void) | undefined,
): Promise<void> {
  if (warn === undefined) return;
  try {
    const reply = await client.config("GET", "maxmemory-policy");
    const policy = Array.isArray(reply) ? String(reply[1] ?? "") : "";
    if (policy !== "" && policy !== "noeviction")
      warn(
        `warning: the queue's Redis has maxmemory-policy ${policy}; set it to noeviction so no job or lock is evicted`,
      );
  } catch {
    // Managed Redis often disables CONFIG: nothing to check then.
  }
}

function scrub(text: string, url: string, shownUrl: string): string {
  let scrubbed = text.replaceAll(url, shownUrl);
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password.length >= 3) scrubbed = scrubbed.replaceAll(password, "***");
  } catch {
    // Not a URL: nothing more to mask.
  }
  return scrubbed;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
