import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserInputError } from "../../core/errors.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { openDiscoverSource } from "./open-discover-source.js";

let directory: string;
let server: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "discover-source-"));
  // A loopback server speaking the bits of the MediaWiki Action API and the pageviews API in use.
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(`${url.pathname}?${url.searchParams.get("list") ?? url.searchParams.get("prop") ?? ""}`);
    response.setHeader("content-type", "application/json");
    if (url.pathname.includes("/pageviews/")) {
      response.end(JSON.stringify({ items: [{ views: 120_000 }, { views: 80_000 }] }));
    } else if (url.searchParams.get("list") === "search") {
      response.end(JSON.stringify({ query: { search: [{ title: "Etna" }] } }));
    } else {
      const extract = "Etna is a volcano in Sicily.\n\n== Height ==\nThe height of Etna is 3357 metres.";
      response.end(JSON.stringify({ query: { pages: [{ title: "Etna", extract }] } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(directory, { recursive: true, force: true });
});

describe("openDiscoverSource", () => {
  it("an empty or missing corpus is a user error before any model is called", async () => {
    const store = openSqliteStore(":memory:");
    const open = (spelling: string) => openDiscoverSource({ spelling, store, runId: "r", env: {} });
    await expect(open(`docs:${directory}`)).rejects.toThrow(/holds no document/);
    await expect(open(`docs:${join(directory, "missing")}`)).rejects.toThrow(UserInputError);
    await writeFile(
      join(directory, "etna.md"),
      "# Etna\n\nEtna is a volcano. The height of Etna is 3357 metres.\n",
    );
    const docs = await open(`docs:${directory}`);
    expect(docs).toMatchObject({ kind: "retrieval", spelling: `docs:${directory}`, warnings: [] });
    expect(await open("code")).toMatchObject({ kind: "execution", spelling: "code" });
    expect(await openDiscoverSource({ spelling: undefined, store, runId: "r", env: {} })).toEqual({
      kind: "none",
      spelling: "none",
    });
    await store.close();
  });

  it("wikipedia keeps its responses in the run store: a resumed run asks the API nothing again", async () => {
    const path = join(directory, "store.sqlite");
    const first = openSqliteStore(path);
    await first.createRun({ id: "run-w", kind: "discover", spec: {} });
    const options = {
      spelling: "wikipedia",
      runId: "run-w",
      env: {},
      baseURL: `${base}/w/api.php`,
      pageviewsBaseURL: base,
    };
    const opened = await openDiscoverSource({ ...options, store: first });
    if (opened.kind !== "retrieval") throw new Error("wikipedia is a retrieval source");
    const passages = await opened.source.retrieve("Etna height", { limit: 5 });
    expect(passages.map((passage) => passage.id)).toEqual(["Etna#2", "Etna#1"]);
    const salience = await opened.source.salience?.("Etna");
    expect(salience?.value).toBeCloseTo(Math.log10(1 + 200_000 / 12) / 7, 12);
    const asked = requests.length;
    expect(asked).toBe(3);
    await first.close();

    const second = openSqliteStore(path);
    const reopened = await openDiscoverSource({ ...options, store: second });
    if (reopened.kind !== "retrieval") throw new Error("wikipedia is a retrieval source");
    expect(await reopened.source.retrieve("Etna height", { limit: 5 })).toEqual(passages);
    expect(await reopened.source.salience?.("Etna")).toEqual(salience);
    expect(requests).toHaveLength(asked);
    await second.close();
  });
});
