import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqliteRunStore } from "../index.js";
import { readResultsFile } from "../index.js";
import { artifactsDir, CHROMIUM_MISSING, type Chromium, launchChromium } from "./__fixtures__/chromium.js";
import { type SampleStore, seedSampleStore } from "./__fixtures__/sample-store.js";
import { XSS_PAYLOADS } from "./__fixtures__/synthetic-report.js";
import { type RunningViewer, startViewer } from "./start-viewer.js";

if (CHROMIUM_MISSING) console.warn(`skipping the viewer browser tests: ${CHROMIUM_MISSING}`);

async function rendered(page: Page, pageId: string): Promise<void> {
  await page.waitForSelector(`main[data-page="${pageId}"]:not([aria-busy])`);
}

async function addItem(store: SqliteRunStore, runId: string, slot: number): Promise<void> {
  const item = {
    id: `new-${slot}`,
    format: "open",
    question: "added while the viewer is open",
    answer: "yes",
  };
  await store.putItem({ runId, slot, attempt: 0, status: "accepted", item, reason: undefined });
}

describe.skipIf(CHROMIUM_MISSING !== undefined)("viewer in chromium (127.0.0.1)", () => {
  let directory: string;
  let sample: SampleStore;
  let viewer: RunningViewer;
  let chromium: Chromium;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-view-"));
    sample = await seedSampleStore(directory);
    viewer = await startViewer({ store: sample.store, port: 0 });
    chromium = await launchChromium();
    ({ page, errors } = await chromium.newPage());
  });
  afterAll(async () => {
    await chromium?.close();
    await viewer?.close();
    await sample?.store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("lists every run and refreshes a running run's progress live", async () => {
    await page.goto(viewer.url);
    await page.waitForSelector('[data-testid="runs-table"]');
    expect(await page.locator('[data-testid="runs-table"] tbody tr').count()).toBe(4);
    const makeRow = page.locator('[data-testid="runs-table"] tbody tr', { hasText: sample.runs.makeRun });
    expect(await makeRow.textContent()).toContain("12/40 items");
    expect(await makeRow.textContent()).toContain("running");
    await addItem(sample.store, sample.runs.makeRun, 12);
    await makeRow.filter({ hasText: "13/40 items" }).waitFor({ timeout: 6000 });
    await page.screenshot({ path: join(artifactsDir(), "view-runs.png"), fullPage: true });
  });

  it("opens an eval run on its leaderboard with intervals and the rank heatmap", async () => {
    await page.locator(`a[href="/runs/${sample.runs.evalRun}"]`).click();
    await rendered(page, "leaderboard");
    expect(await page.locator('[data-testid="leaderboard-table"] tbody tr').count()).toBe(5);
    expect(
      await page.locator('[data-testid="leaderboard-intervals"] g[aria-description="interval"] line').count(),
    ).toBe(5);
    expect(await page.locator('[data-testid="rank-heatmap"] g[aria-label="cell"] rect').count()).toBe(9);
    await page.screenshot({ path: join(artifactsDir(), "view-leaderboard.png"), fullPage: true });
  });

  it("fetches filtered items page by page", async () => {
    const results = await readResultsFile(sample.resultsPath);
    const modelB = results.models[1];
    const right = modelB?.correct ?? -1;
    await page.goto(`${viewer.url}runs/${sample.runs.evalRun}#page=items`);
    await rendered(page, "items");
    expect(await page.getByTestId("item-count").textContent()).toBe("300 of 300 items");
    const pageRequests: string[] = [];
    page.on("request", (request) => pageRequests.push(request.url()));
    await page.getByTestId("filter-model").selectOption("model-b");
    await page.getByTestId("filter-outcome").selectOption("correct");
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="item-count"]')?.textContent === text,
      `${right} of 300 items`,
    );
    expect(await page.getByTestId("item-row").count()).toBe(Math.min(50, right));
    expect(
      pageRequests.some(
        (url) => url.includes("/items?") && url.includes("limit=50") && url.includes("model=model-b"),
      ),
    ).toBe(true);
  });

  it("opens an item from its permalink and shows planted XSS as text", async () => {
    await page.goto(`${viewer.url}runs/${sample.runs.evalRun}#item=item-0007`);
    await rendered(page, "items");
    expect(await page.locator('[data-testid="item-detail"] h2').first().textContent()).toBe("Item item-0007");
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    const question = await page.getByTestId("item-question").textContent();
    for (const payload of XSS_PAYLOADS) expect(question).toContain(payload);
    expect(await page.locator('[data-testid="item-answers"]').textContent()).toContain(XSS_PAYLOADS[2]);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    await page.screenshot({ path: join(artifactsDir(), "view-item.png"), fullPage: true });
  });

  it("shows a large run's first items right after a cold open and later pages once indexed", async () => {
    const large = await seedSampleStore(join(directory, "large"), 300);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Every run counts as large here, and its index build waits until the test releases it.
    const cold = await startViewer({
      store: large.store,
      port: 0,
      reportCache: { outlineAboveBytes: 0, beforeIndex: () => held },
    });
    try {
      const runUrl = `${cold.url}runs/${large.runs.evalRun}`;
      await page.goto(`${runUrl}#page=items`);
      await rendered(page, "items");
      expect(await page.getByTestId("item-row").count()).toBe(50);
      expect(await page.getByTestId("item-count").textContent()).toBe("300 of 300 items");
      expect(await page.getByTestId("items-indexing").count()).toBe(1);
      expect(await page.locator('[data-testid="item-row"] td').nth(0).textContent()).toBe("item-0000");
      // Every model's mark is there (3 llm models).
      expect(
        await page.locator('[data-testid="item-row"]').first().locator("td.right, td.wrong").count(),
      ).toBe(3);
      await page.goto(`${runUrl}#page=items&p=4`);
      await rendered(page, "items");
      expect(await page.getByTestId("item-row").count()).toBe(0);
      expect(await page.getByTestId("items-indexing").textContent()).toContain("Indexing 300 items");
      release();
      // The page asks again by itself and shows page 5 once the index is built.
      await page.locator('[data-testid="item-row"]').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-testid="item-row"] td').nth(0).textContent()).toBe("item-0200");
      expect(await page.getByTestId("items-indexing").count()).toBe(0);
      expect(await page.getByTestId("item-count").textContent()).toBe("300 of 300 items");
    } finally {
      release();
      await cold.close();
      await large.store.close();
    }
  });

  it("shows the model-vs-model diff and the tune and audit runs' pages", async () => {
    await page.goto(`${viewer.url}runs/${sample.runs.evalRun}#page=compare&a=model-b&b=model-a`);
    await rendered(page, "compare");
    const heading = await page.locator('[data-testid="diff-a-right"] h3').textContent();
    expect(heading).toMatch(/^model-b right, model-a wrong: \d+$/);
    expect(await page.locator('[data-testid="diff-a-right"] li').count()).toBe(
      Math.min(20, Number(heading?.split(": ")[1])),
    );
    await page.goto(`${viewer.url}runs/${sample.runs.tuneRun}#page=tune`);
    await rendered(page, "tune");
    expect(await page.locator('[data-testid="tune-table"] tbody tr').count()).toBe(3);
    await page.goto(`${viewer.url}runs/${sample.runs.auditRun}#page=audit`);
    await rendered(page, "audit");
    expect(await page.locator('[data-testid="audit-table"] tbody tr').count()).toBe(2);
    // localhost is this viewer's other name.
    await page.goto(`http://localhost:${viewer.port}/`);
    await page.waitForSelector('[data-testid="runs-table"]');
    expect(errors).toEqual([]);
  });
});
