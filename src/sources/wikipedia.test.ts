import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMemorySourceCache } from "./memory-source-cache.js";
import { defaultPageviewsWindow, salienceFromMonthlyViews } from "./pageviews.js";
import { SourceRequestError } from "./source-errors.js";
import { createWikipediaSource, defaultUserAgent, type WikipediaOptions } from "./wikipedia.js";

interface Recorded {
  path: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
}
type Override = { status: number; headers?: Record<string, string>; body: string };

const EXTRACTS: Record<string, string> = {
  Tardigrade:
    "Tardigrades are eight-legged micro-animals, also called water bears.\n" +
    "They survive the vacuum of space and extreme radiation.\n\n\n" +
    "== Ecology ==\n" +
    "Tardigrades live in mosses and lichens all over the world.\n" +
    "=== Cryptobiosis ===\n" +
    "In the tun state their metabolism nearly stops.",
  Cryptobiosis: "Cryptobiosis is a state in which metabolic activity becomes undetectable.",
};
const SEARCH: Record<string, string[]> = {
  "tardigrade vacuum": ["Tardigrade", "Cryptobiosis"],
  "water bears": ["Tardigrade"],
  "bear tardigrade": ["Water bear", "Tardigrade"],
};
const REDIRECTS: Record<string, string> = { "Water bear": "Tardigrade" };
const MONTHLY_VIEWS: Record<string, number> = { Tardigrade: 10_000 };

let server: Server;
let base: string;
const requests: Recorded[] = [];
const overrides: Override[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push({ path: url.pathname, params: url.searchParams, headers: request.headers });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    const override = overrides.shift();
    if (override !== undefined) return send(override.status, override.body, override.headers);
    if (url.pathname === "/w/api.php" && url.searchParams.get("list") === "search") {
      const titles = SEARCH[url.searchParams.get("srsearch") ?? ""] ?? [];
      const limit = Number(url.searchParams.get("srlimit"));
      return send(200, {
        batchcomplete: true,
        query: { search: titles.slice(0, limit).map((title) => ({ ns: 0, title })) },
      });
    }
    if (url.pathname === "/w/api.php" && url.searchParams.get("prop") === "extracts|info") {
      const asked = url.searchParams.get("titles") ?? "";
      const title = REDIRECTS[asked] ?? asked;
      const extract = EXTRACTS[title];
      const page =
        extract === undefined
          ? { ns: 0, title, missing: true }
          : { pageid: 1, ns: 0, title, extract, fullurl: `https://en.wikipedia.org/wiki/${title}` };
      return send(200, { batchcomplete: true, query: { pages: [page] } });
    }
    const pageviews =
      /^\/api\/rest_v1\/metrics\/pageviews\/per-article\/en\.wikipedia\/all-access\/user\/([^/]+)\/monthly\/(\d{8})\/(\d{8})$/.exec(
        url.pathname,
      );
    const views = MONTHLY_VIEWS[decodeURIComponent(pageviews?.[1] ?? "")];
    if (pageviews !== null && views !== undefined) {
      const items = Array.from({ length: 12 }, (_, month) => ({
        project: "en.wikipedia",
        article: pageviews[1],
        granularity: "monthly",
        timestamp: `2024${String(month + 1).padStart(2, "0")}0100`,
        access: "all-access",
        agent: "user",
        views,
      }));
      return send(200, { items });
    }
    return send(404, {
      type: "https://mediawiki.org/wiki/HyperSwitch/errors/not_found",
      title: "Not found.",
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests.length = 0;
  overrides.length = 0;
});

const source = (options: WikipediaOptions = {}) =>
  createWikipediaSource({
    baseURL: `${base}/w/api.php`,
    pageviewsBaseURL: `${base}/api/rest_v1`,
    env: {},
    pagesPerQuery: 2,
    pageviewsWindow: { start: "202401", end: "202412" },
    ...options,
  });

describe("wikipedia retrieve", () => {
  it("searches, fetches extracts and returns paragraphs ranked for the query", async () => {
    const passages = await source().retrieve("tardigrade vacuum", { limit: 5 });
    expect(passages[0]).toEqual({
      id: "Tardigrade#2",
      title: "Tardigrade",
      text: "They survive the vacuum of space and extreme radiation.",
      url: "https://en.wikipedia.org/wiki/Tardigrade",
    });
    // Headings are dropped; ids count the remaining paragraphs of each page; the paragraph that
    // matches neither query term comes last.
    expect(
      passages
        .map((passage) => passage.id)
        .slice(1, 4)
        .sort(),
    ).toEqual(["Tardigrade#1", "Tardigrade#3", "Tardigrade#4"]);
    expect(passages[4]?.id).toBe("Cryptobiosis#1");
    expect(passages[3]?.text).toBe("In the tun state their metabolism nearly stops.");
    expect(passages.some((passage) => passage.text.startsWith("=="))).toBe(false);

    expect(requests.map((request) => request.path)).toEqual(["/w/api.php", "/w/api.php", "/w/api.php"]);
    const [search, firstExtract, secondExtract] = requests;
    expect(Object.fromEntries(search?.params ?? [])).toEqual({
      action: "query",
      format: "json",
      formatversion: "2",
      list: "search",
      srsearch: "tardigrade vacuum",
      srlimit: "2",
      srnamespace: "0",
      srprop: "",
    });
    expect(firstExtract?.params.get("titles")).toBe("Tardigrade");
    expect(firstExtract?.params.get("explaintext")).toBe("1");
    expect(secondExtract?.params.get("titles")).toBe("Cryptobiosis");
    for (const request of requests) {
      expect(request.headers["user-agent"]).toBe(defaultUserAgent());
      expect(request.headers.authorization).toBeUndefined();
    }
    expect(defaultUserAgent()).toMatch(
      /^benchsmith\/\d+\.\d+\.\d+\S* \(https:\/\/github\.com\/benchsmith; benchmark generation\)$/,
    );
  });

  it("serves a second identical retrieve from the cache with zero requests", async () => {
    const cache = createMemorySourceCache();
    const wikipedia = source({ cache });
    const first = await wikipedia.retrieve("tardigrade vacuum", { limit: 2 });
    expect(requests).toHaveLength(3);
    expect([...cache.entries.keys()].every((key) => key.startsWith(`${base}/w/api.php?`))).toBe(true);
    expect(cache.entries.size).toBe(3);
    const second = await source({ cache }).retrieve("tardigrade vacuum", { limit: 2 });
    expect(second).toEqual(first);
    expect(requests).toHaveLength(3);
  });

  it("counts an article reached through a redirect once", async () => {
    const passages = await source().retrieve("bear tardigrade", { limit: 10 });
    expect(passages.map((passage) => passage.id).sort()).toEqual([
      "Tardigrade#1",
      "Tardigrade#2",
      "Tardigrade#3",
      "Tardigrade#4",
    ]);
    expect(requests.map((request) => request.params.get("titles"))).toEqual([
      null,
      "Water bear",
      "Tardigrade",
    ]);
  });

  it("returns [] when the search finds nothing", async () => {
    expect(await source().retrieve("no such thing", { limit: 5 })).toEqual([]);
    expect(await source().retrieve("   ", { limit: 5 })).toEqual([]);
  });

  it("sends the bearer token only when the environment variable is set, and never echoes it", async () => {
    const token = "wm-token-1f2e3d";
    await source({ env: { WIKIMEDIA_TOKEN: token } }).retrieve("water bears", { limit: 1 });
    expect(requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${token}`,
      `Bearer ${token}`,
    ]);

    overrides.push({ status: 503, body: "upstream down" });
    const error = await source({ env: { WIKIMEDIA_TOKEN: token } })
      .retrieve("water bears", { limit: 1 })
      .catch((caught: unknown) => caught);
    expect(SourceRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 503, source: "wikipedia", responseBody: "upstream down" });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(token);
  });
});

describe("wikipedia HTTP errors", () => {
  it("honours Retry-After once on a 429, then succeeds", async () => {
    overrides.push({ status: 429, headers: { "retry-after": "0.3" }, body: "{}" });
    const started = Date.now();
    const passages = await source().retrieve("water bears", { limit: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(passages).toHaveLength(1);
    expect(requests).toHaveLength(3);
  });

  it("fails with the status after a second 429, and does not cache errors", async () => {
    overrides.push(
      { status: 429, headers: { "retry-after": "0" }, body: "{}" },
      { status: 429, headers: { "retry-after": "7" }, body: "slow down" },
    );
    const cache = createMemorySourceCache();
    await expect(source({ cache }).retrieve("water bears", { limit: 1 })).rejects.toMatchObject({
      name: "SourceRequestError",
      statusCode: 429,
      retryAfterMs: 7000,
    });
    expect(cache.entries.size).toBe(0);
  });

  it("turns a MediaWiki error body into a SourceRequestError", async () => {
    overrides.push({
      status: 200,
      body: JSON.stringify({ error: { code: "maxlag", info: "Waiting for a database" } }),
    });
    await expect(source().retrieve("water bears", { limit: 1 })).rejects.toThrow(
      "wikipedia: API error maxlag: Waiting for a database",
    );
  });
});

describe("wikipedia salience", () => {
  it("maps the mean monthly pageviews through log10(1 + views) / 7", async () => {
    const salience = await source().salience("Tardigrade");
    expect(salience.value).toBeCloseTo(Math.log10(10_001) / 7, 12);
    expect(salience.from).toContain(
      'en.wikipedia pageviews of "Tardigrade" (users, 2024-01..2024-12, 12 months): 120000 views',
    );
    expect(requests[0]?.path).toBe(
      "/api/rest_v1/metrics/pageviews/per-article/en.wikipedia/all-access/user/Tardigrade/monthly/20240101/20241231",
    );
    expect(requests[0]?.headers["user-agent"]).toBe(defaultUserAgent());
  });

  it("falls back to the search's top title, then to undefined", async () => {
    const viaSearch = await source().salience("water bears");
    expect(viaSearch.from).toContain('"Tardigrade"');
    const article = (path: string) => (path.includes("/per-article/") ? path.split("/").at(-4) : path);
    expect(requests.map((request) => article(request.path))).toEqual([
      "water_bears",
      "/w/api.php",
      "Tardigrade",
    ]);
    expect(await source().salience("Zzyzx")).toEqual({
      value: undefined,
      from: 'no en.wikipedia pageviews for "Zzyzx"',
    });
  });

  it("has a monotone, clipped transform and a default window of the 12 full months before today", () => {
    const values = [0, 1, 1_000, 100_000, 10_000_000, 1e9].map(salienceFromMonthlyViews);
    expect(values[0]).toBe(0);
    expect(values[2]).toBeCloseTo(0.4286, 4);
    expect(values[3]).toBeCloseTo(0.7143, 4);
    expect(values.slice(4)).toEqual([1, 1]);
    expect(values.every((value, index) => index === 0 || value >= (values[index - 1] ?? 0))).toBe(true);
    expect(defaultPageviewsWindow(new Date("2026-03-15T12:00:00Z"))).toEqual({
      start: "202503",
      end: "202602",
    });
    expect(defaultPageviewsWindow(new Date("2026-01-01T00:00:00Z"))).toEqual({
      start: "202501",
      end: "202512",
    });
  });
});
