import { describe, expect, it } from "vitest";
import { UnavailableError, UserInputError } from "../core/errors.js";
import { cacheMarkingOutages, StoreOutageError, throughStore } from "./store-outage.js";
import { isUnrecoverable } from "./unit-failure.js";

const lostConnection = () =>
  new UnavailableError(
    "lost the connection to the PostgreSQL store postgres://db: ECONNRESET",
    "check the server",
  );

describe("store outages on a worker", () => {
  it("a store call's UnavailableError becomes a StoreOutageError the queue retries, same code and text", async () => {
    const error = await throughStore(() => Promise.reject(lostConnection())).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StoreOutageError);
    expect(UnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "unavailable", hint: "check the server" });
    expect(isUnrecoverable(error)).toBe(false);
  });

  it("a missing local runtime or a failed download stays unrecoverable; other errors pass through unchanged", async () => {
    expect(isUnrecoverable(new UnavailableError("could not download https://x/model.gguf: HTTP 404"))).toBe(
      true,
    );
    const userError = new UserInputError("run r is not in this worker's store");
    await expect(throughStore(() => Promise.reject(userError))).rejects.toBe(userError);
    expect(isUnrecoverable(userError)).toBe(true);
  });

  it("the response cache's reads and writes are marked too (the worker's cache is its store)", async () => {
    const cache = cacheMarkingOutages({
      get: () => Promise.reject(lostConnection()),
      set: () => Promise.reject(lostConnection()),
    });
    await expect(cache.get("key")).rejects.toBeInstanceOf(StoreOutageError);
    expect(cache.recordCacheHits).toBeUndefined();
  });
});
