import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SampleStore, seedSampleStore } from "./__fixtures__/sample-store.js";
import type { ItemPage } from "./item-filter.js";
import type { ItemView, ReportSummary } from "./report-data.js";
import type { RunListEntry } from "./run-list.js";
import { type RunningViewer, startViewer } from "./start-viewer.js";
import { createViewerApp, VIEWER_CSP } from "./viewer-app.js";

const HOST = "127.0.0.1:4173";

/** A raw HTTP GET with a chosen Host header (fetch would not let a test forge it). */
function rawGet(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request({ host: "127.0.0.1", port, path, headers: { host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    call.on("error", reject);
    call.end();
  });
}

describe("viewer app", () => {
  let directory: string;
  let sample: SampleStore;
  let app: ReturnType<typeof createViewerApp>;
  const get = (path: string, host = HOST) => app.request(`http://${host}${path}`, { headers: { host } });

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-viewer-"));
    sample = await seedSampleStore(directory);
    app = createViewerApp({
      store: sample.store,
      allowedHosts: () => [HOST, "localhost:4173"],
      bundle: async () => "/*bundle*/",
    });
  });
  afterAll(async () => {
    await sample.store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("refuses any Host but its own loopback name and port (DNS rebinding)", async () => {
    expect((await get("/api/runs", "evil.example:4173")).status).toBe(403);
    expect((await get("/api/runs", "127.0.0.1:9999")).status).toBe(403);
    expect((await get("/api/runs", "localhost:4173")).status).toBe(200);
    expect((await get("/api/runs")).status).toBe(200);
  });

  it("is read-only and sends a CSP without inline scripts", async () => {
    const post = await app.request(`http://${HOST}/api/runs`, { method: "POST", headers: { host: HOST } });
    expect(post.status).toBe(405);
    const page = await get("/");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toBe(VIEWER_CSP);
    expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
    expect(await page.text()).toContain('<script src="/assets/app.js"></script>');
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await (await get("/assets/app.js")).text()).toBe("/*bundle*/");
  });

  it("lists every run with its kind, status and progress", async () => {
    const { runs } = (await (await get("/api/runs")).json()) as { runs: RunListEntry[] };
    const byId = new Map(runs.map((run) => [run.id, run]));
    expect(runs).toHaveLength(4);
    expect(byId.get(sample.runs.makeRun)).toMatchObject({
      kind: "make",
      status: "running",
      progress: "12/40 items",
    });
    expect(byId.get(sample.runs.tuneRun)?.progress).toBe("3/10 iterations");
    expect(byId.get(sample.runs.evalRun)?.status).toBe("completed");
  });

  it("serves a run's summary without items, and its items page by page with filters", async () => {
    const summary = (await (await get(`/api/runs/${sample.runs.evalRun}/report`)).json()) as ReportSummary;
    expect(summary).not.toHaveProperty("items");
    expect(summary.itemCount).toBe(300);
    expect(summary.models.map((model) => model.model)).toEqual([
      "model-a",
      "model-b",
      "model-c",
      "random-guess",
      "always-longest",
    ]);
    const first = (await (
      await get(`/api/runs/${sample.runs.evalRun}/items?offset=0&limit=50`)
    ).json()) as ItemPage;
    expect(first.total).toBe(300);
    expect(first.items.map((item) => item.id).slice(0, 2)).toEqual(["item-0000", "item-0001"]);
    const last = (await (
      await get(`/api/runs/${sample.runs.evalRun}/items?offset=290&limit=50`)
    ).json()) as ItemPage;
    expect(last.items).toHaveLength(10);
    const wrong = (await (
      await get(`/api/runs/${sample.runs.evalRun}/items?model=model-a&outcome=wrong&limit=200`)
    ).json()) as ItemPage;
    const modelAWrong = summary.models[0] ? summary.models[0].total - summary.models[0].correct : -1;
    expect(wrong.total).toBe(modelAWrong);
    expect(wrong.items.every((item) => item.answers[0]?.[0] === false)).toBe(true);
  });

  it("serves one item by id and 404s unknown runs and items", async () => {
    const item = (await (await get(`/api/runs/${sample.runs.evalRun}/items/item-0007`)).json()) as ItemView;
    expect(item.question).toContain("<script>window.__xss=1</script>");
    expect((await get(`/api/runs/${sample.runs.evalRun}/items/nope`)).status).toBe(404);
    expect((await get("/api/runs/no-such-run/report")).status).toBe(404);
  });

  it("builds each kind's pages from the store: tune trajectory, audit table, make items", async () => {
    const tune = (await (await get(`/api/runs/${sample.runs.tuneRun}/report`)).json()) as ReportSummary;
    expect(tune.tune?.iterations).toHaveLength(3);
    expect(tune.tune?.stopReason).toBe("converged");
    const audit = (await (await get(`/api/runs/${sample.runs.auditRun}/report`)).json()) as ReportSummary;
    expect(audit.audit?.rows.map((row) => row.criterion)).toEqual(["controllability", "faithfulness"]);
    expect(audit.models).toHaveLength(5);
    const make = (await (await get(`/api/runs/${sample.runs.makeRun}/report`)).json()) as ReportSummary;
    expect(make.itemCount).toBe(12);
    expect(make.run?.status).toBe("running");
  });
});

describe("viewer app on a large run, right after a cold open", () => {
  it("answers the items page's first page before the index is built and later pages as indexing", async () => {
    const directory = mkdtempSync(join(tmpdir(), "benchsmith-viewer-cold-"));
    const sample = await seedSampleStore(directory, 300);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      const app = createViewerApp({
        store: sample.store,
        allowedHosts: () => [HOST],
        bundle: async () => "",
        // Every run counts as large, and its index build waits for the test.
        reportCache: { outlineAboveBytes: 0, beforeIndex: () => held },
      });
      const get = async <T>(path: string): Promise<T> =>
        (
          await app.request(`http://${HOST}/api/runs/${sample.runs.evalRun}${path}`, {
            headers: { host: HOST },
          })
        ).json() as Promise<T>;
      const outline = await get<ReportSummary>("/report");
      expect(outline.pairs).toBeUndefined();
      const first = await get<ItemPage>("/items?offset=0&limit=50");
      expect(first).toMatchObject({ total: 300, offset: 0, indexing: true });
      expect(first.items).toHaveLength(50);
      // Every model's reply and correctness, aligned with the summary's models.
      expect(first.items[0]?.answers).toHaveLength(outline.models.length);
      expect(first.items.every((item) => item.answers.every((answer) => answer !== null))).toBe(true);
      expect(await get<ItemPage>("/items?offset=250&limit=50")).toEqual({
        total: 0,
        offset: 250,
        items: [],
        indexing: true,
      });
      expect((await get<ItemPage>("/items?search=question&limit=50")).indexing).toBe(true);
      release();
      let later = await get<ItemPage>("/items?offset=250&limit=50");
      // Polled as the page does, if more often: each request makes the build give way for a moment.
      for (let attempt = 0; later.indexing && attempt < 100; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        later = await get<ItemPage>("/items?offset=250&limit=50");
      }
      expect(later.indexing).toBeUndefined();
      expect(later.items.map((item) => item.id).slice(0, 1)).toEqual(["item-0250"]);
      const indexed = await get<ItemPage>("/items?offset=0&limit=50");
      expect(indexed.items).toEqual(first.items);
      expect((await get<ReportSummary>("/report")).pairs?.length).toBe(3);
    } finally {
      release();
      await sample.store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("startViewer", () => {
  let directory: string;
  let sample: SampleStore;
  let viewer: RunningViewer;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-viewer-listen-"));
    sample = await seedSampleStore(directory, 20);
    viewer = await startViewer({ store: sample.store, port: 0 });
  });
  afterAll(async () => {
    await viewer.close();
    await sample.store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("binds 127.0.0.1 only and answers to its own Host", async () => {
    expect(viewer.address.address).toBe("127.0.0.1");
    expect(viewer.url).toBe(`http://127.0.0.1:${viewer.port}/`);
    expect((await rawGet(viewer.port, "/api/runs", `127.0.0.1:${viewer.port}`)).status).toBe(200);
    const rebound = await rawGet(viewer.port, "/api/runs", `attacker.example:${viewer.port}`);
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain(sample.runs.evalRun);
  });

  it("is not reachable on this machine's other addresses", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === "IPv4" && !entry.internal)?.address;
    if (external === undefined) return; // no non-loopback interface here: nothing else to reach
    const attempt = new Promise<string>((resolve) => {
      const call = request({ host: external, port: viewer.port, path: "/", timeout: 2000 }, () =>
        resolve("connected"),
      );
      call.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      call.on("timeout", () => {
        call.destroy();
        resolve("timeout");
      });
      call.end();
    });
    expect(await attempt).not.toBe("connected");
  });
});
