import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../index.js";
import { artifactsDir, CHROMIUM_MISSING, type Chromium, launchChromium } from "./__fixtures__/chromium.js";
import {
  SAMPLE_AUDIT,
  SAMPLE_DISCOVER,
  SAMPLE_TUNE,
  sampleProjectionRow,
  seedPipelineRuns,
} from "./__fixtures__/sample-store.js";
import { syntheticReport, XSS_PAYLOADS } from "./__fixtures__/synthetic-report.js";
import { buildReportData } from "./build-report-data.js";
import { discoverRunView, planRunView } from "./pipeline-views.js";
import type { ReportData } from "./report-data.js";
import { writeReport } from "./write-report.js";

if (CHROMIUM_MISSING) console.warn(`skipping the report browser tests: ${CHROMIUM_MISSING}`);

/** Waits until the app has rendered `pageId` and no render is in flight. */
async function rendered(page: Page, pageId: string): Promise<void> {
  await page.waitForSelector(`main[data-page="${pageId}"]:not([aria-busy])`);
}

describe.skipIf(CHROMIUM_MISSING !== undefined)("static report in chromium (file://)", () => {
  let directory: string;
  let chromium: Chromium;
  let data: ReportData;
  let url: string;
  let page: Page;
  let errors: string[];
  let messages: string[];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-report-"));
    const { items, results } = syntheticReport({ items: 300, abilities: [0.85, 0.7, 0.55], xss: true });
    const second = syntheticReport({ items: 300, abilities: [0.85, 0.7, 0.55], shift: -0.1 }).results;
    data = buildReportData({
      items,
      results,
      compare: [{ label: "second.results.json", results: second }],
      audit: { ...SAMPLE_AUDIT, rows: [...SAMPLE_AUDIT.rows, sampleProjectionRow(items)] },
      tune: { input: SAMPLE_TUNE, template: "arithmetic", targetAccuracy: 0.5, tolerance: 0.05 },
      generatedAt: "2026-01-01T00:00:00.000Z",
    });
    const written = await writeReport({ data, out: join(directory, "report.html") });
    url = pathToFileURL(written.path).href;
    chromium = await launchChromium();
    ({ page, errors, console: messages } = await chromium.newPage());
  });
  afterAll(async () => {
    await chromium?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("shows the leaderboard rows with their intervals, the flags and the rank heatmap", async () => {
    await page.goto(url);
    await rendered(page, "leaderboard");
    const rows = await page.$$eval('[data-testid="leaderboard-table"] tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent)),
    );
    const best = [...data.models]
      .filter((model) => model.kind === "llm")
      .sort((a, b) => b.accuracy - a.accuracy)[0];
    expect(rows).toHaveLength(5);
    expect(rows[0]?.slice(1, 5)).toEqual([
      best?.model,
      "llm",
      best?.accuracy.toFixed(3),
      `[${best?.interval.low.toFixed(3)}, ${best?.interval.high.toFixed(3)}]`,
    ]);
    expect(
      await page.locator('[data-testid="leaderboard-intervals"] g[aria-description="interval"] line').count(),
    ).toBe(5);
    expect(
      await page.locator('[data-testid="leaderboard-intervals"] g[aria-description="chance"] line').count(),
    ).toBe(1);
    expect(await page.locator('[data-testid="flags"] li').allTextContents()).toEqual(data.flags);
    expect(await page.locator('[data-testid="rank-heatmap"] g[aria-label="cell"] rect').count()).toBe(9);
    const labels = await page
      .locator('[data-testid="rank-heatmap"] g[aria-label="text"] text')
      .allTextContents();
    const matrix = data.rankConfidence?.matrix ?? [];
    expect(labels.sort()).toEqual(
      matrix
        .flat()
        .map((p) => p.toFixed(2))
        .sort(),
    );
    await page.screenshot({ path: join(artifactsDir(), "report-leaderboard.png"), fullPage: true });
  });

  it("filters the item list and pages through it", async () => {
    await page.goto(`${url}#page=items`);
    await rendered(page, "items");
    const count = page.getByTestId("item-count");
    expect(await count.textContent()).toBe("300 of 300 items");
    expect(await page.getByTestId("item-row").count()).toBe(50);
    const modelA = data.models[0];
    const wrong = (modelA?.total ?? 0) - (modelA?.correct ?? 0);
    await page.getByTestId("filter-model").selectOption("model-a");
    await page.getByTestId("filter-outcome").selectOption("wrong");
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="item-count"]')?.textContent === text,
      `${wrong} of 300 items`,
    );
    const marks = await page.$$eval('[data-testid="item-row"] td:nth-child(5)', (cells) =>
      cells.map((cell) => cell.textContent),
    );
    expect(marks.length).toBe(Math.min(50, wrong));
    expect(new Set(marks)).toEqual(new Set(["✗"]));
    await page.getByTestId("filter-search").fill("question 12 on");
    await page.getByTestId("filter-search").press("Enter");
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="item-count"]')?.textContent?.split(" ")[0]) <= 1,
    );
    await page.goto(`${url}#page=items&p=5`);
    await rendered(page, "items");
    expect(await page.getByTestId("pager").textContent()).toContain("page 6 of 6");
  });

  it("opens an item from its permalink with its provenance and every model's reply", async () => {
    await page.goto(`${url}#item=item-0042`);
    await rendered(page, "items");
    const detail = page.getByTestId("item-detail");
    expect(await detail.locator("h2").first().textContent()).toBe("Item item-0042");
    const item = data.items.find((entry) => entry.id === "item-0042");
    expect(await page.getByTestId("item-question").textContent()).toBe(item?.question);
    expect(await page.getByTestId("item-key").textContent()).toBe(`Key: ${item?.answer}`);
    const replies = await page.$$eval('[data-testid="item-answers"] tbody tr', (trs) =>
      trs.map((tr) => tr.querySelector("pre")?.textContent),
    );
    expect(replies).toEqual(item?.answers.map((answer) => answer?.[2] ?? ""));
    expect(await page.getByTestId("item-provenance").textContent()).toContain("reasoning path for item 42");
  });

  it("compares two models (A right, B wrong, McNemar p) and two runs", async () => {
    await page.goto(`${url}#page=compare`);
    await rendered(page, "compare");
    const pair = data.pairs?.find((entry) => entry.modelA === "model-a" && entry.modelB === "model-b");
    expect(await page.getByTestId("mcnemar").textContent()).toContain(`Only model-a right: ${pair?.onlyA}`);
    expect(await page.locator('[data-testid="diff-a-right"] h3').textContent()).toBe(
      `model-a right, model-b wrong: ${pair?.onlyA}`,
    );
    expect(await page.locator('[data-testid="diff-a-right"] li').count()).toBe(
      Math.min(20, pair?.onlyA ?? 0),
    );
    await page.getByTestId("compare-b").selectOption("model-c");
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="diff-a-right"] h3')?.textContent?.includes("model-c"),
    );
    const versusC = data.pairs?.find((entry) => entry.modelA === "model-a" && entry.modelB === "model-c");
    expect(await page.locator('[data-testid="diff-a-right"] h3').textContent()).toBe(
      `model-a right, model-c wrong: ${versusC?.onlyA}`,
    );
    const runRows = await page.locator('[data-testid="run-vs-run"] tbody tr').count();
    expect(runRows).toBe(data.runComparisons?.[0]?.models.length);
  });

  it("draws the difficulty, audit and tune pages", async () => {
    for (const [pageId, figures] of [
      ["difficulty", ["difficulty-lines", "difficulty-calibration", "difficulty-histogram"]],
      ["audit", ["audit-probe-intervals", "irt-item-map", "audit-projection"]],
      ["tune", ["tune-trajectory"]],
    ] as const) {
      await page.goto(`${url}#page=${pageId}`);
      await rendered(page, pageId);
      for (const figure of figures)
        expect(await page.locator(`[data-testid="${figure}"] svg`).count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(artifactsDir(), `report-${pageId}.png`), fullPage: true });
    }
    expect(await page.locator('[data-testid="tune-table"] tbody tr').count()).toBe(3);
  });

  it("plots the audit's embedding map, one dot per sampled item, coloured by difficulty label", async () => {
    await page.goto(`${url}#page=audit`);
    await rendered(page, "audit");
    const projection = data.audit?.projection;
    expect(projection?.points).toHaveLength(200);
    expect(await page.locator('[data-testid="audit-projection"] g[aria-label="dot"] circle').count()).toBe(
      200,
    );
    const fills = await page.$$eval(
      '[data-testid="audit-projection"] g[aria-label="dot"] circle',
      (circles) => circles.map((circle) => circle.getAttribute("fill")),
    );
    // More than one label, more than one colour.
    expect(new Set(projection?.points.map((point) => point.label)).size).toBeGreaterThan(1);
    expect(new Set(fills).size).toBeGreaterThan(1);
    expect(await page.getByTestId("audit-projection-section").textContent()).toContain(
      "200 of 300 items shown",
    );
  });

  it("shows planted XSS payloads as text and runs none of them", async () => {
    await page.goto(`${url}#item=item-0007`);
    await rendered(page, "items");
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    const question = await page.getByTestId("item-question").textContent();
    for (const payload of XSS_PAYLOADS) expect(question).toContain(payload);
    expect(await page.getByTestId("item-options").textContent()).toContain(XSS_PAYLOADS[0]);
    expect(await page.locator('[data-testid="item-answers"]').textContent()).toContain(XSS_PAYLOADS[1]);
    expect(await page.getByTestId("item-reasoning").textContent()).toBe(XSS_PAYLOADS[2]);
    // The payloads made no elements: no <img src=x>, no script beyond the two data blocks and the bundle.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator("script").count()).toBe(3);
    await page.screenshot({ path: join(artifactsDir(), "report-xss-item.png"), fullPage: true });
    expect(errors).toEqual([]);
    expect(messages.filter((message) => /Content Security Policy|Refused/i.test(message))).toEqual([]);
  });
});

describe.skipIf(CHROMIUM_MISSING !== undefined)("discover and plan reports in chromium (file://)", () => {
  let directory: string;
  let chromium: Chromium;
  let page: Page;
  let errors: string[];
  let discoverUrl: string;
  let planUrl: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "benchsmith-pipeline-report-"));
    const store = openSqliteStore(join(directory, "store.sqlite"));
    const runs = await seedPipelineRuns(store, directory);
    const discoverRun = await store.getRun(runs.discoverRun);
    const planRun = await store.getRun(runs.planRun);
    if (!discoverRun || !planRun) throw new Error("the seeded runs are missing");
    const discover = buildReportData({
      ...(await discoverRunView.inputs(store, discoverRun)),
      // An audit without --embedder: the map says what it needs instead of plotting nothing.
      audit: SAMPLE_AUDIT,
      generatedAt: "2026-01-01T00:00:00.000Z",
    });
    const plan = buildReportData({
      ...(await planRunView.inputs(store, planRun)),
      generatedAt: "2026-01-01T00:00:00.000Z",
    });
    await store.close();
    discoverUrl = pathToFileURL(
      (await writeReport({ data: discover, out: join(directory, "discover.html") })).path,
    ).href;
    planUrl = pathToFileURL((await writeReport({ data: plan, out: join(directory, "plan.html") })).path).href;
    chromium = await launchChromium();
    ({ page, errors } = await chromium.newPage());
  });
  afterAll(async () => {
    await chromium?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("shows the discover page: objective per iteration, every description's scores, the winner marked", async () => {
    await page.goto(`${discoverUrl}#page=discover`);
    await rendered(page, "discover");
    expect(await page.locator("nav.tabs a", { hasText: "Discover" }).count()).toBe(1);
    // Three scored descriptions are dots; the winner gets a ring on top.
    const dots = page.locator('[data-testid="discover-trajectory"] g[aria-label="dot"]');
    expect(await dots.nth(0).locator("circle").count()).toBe(3);
    expect(await dots.nth(1).locator("circle").count()).toBe(1);
    expect(await page.locator('[data-testid="discover-scores"] svg').count()).toBeGreaterThan(0);
    const rows = page.locator('[data-testid="discover-table"] tbody tr');
    expect(await rows.count()).toBe(SAMPLE_DISCOVER.length);
    expect(
      await page.locator('[data-testid="discover-table"] tbody tr.winner td').first().textContent(),
    ).toBe("d4 ★ winner");
    expect(await page.getByTestId("discover-winner").textContent()).toContain(
      "Hanseatic trade routes in the 1400s",
    );
    await page.screenshot({ path: join(artifactsDir(), "report-discover.png"), fullPage: true });
  });

  it("shows a description's XSS payload as text and runs none of it", async () => {
    await page.goto(`${discoverUrl}#page=discover`);
    await rendered(page, "discover");
    const payload = SAMPLE_DISCOVER[2]?.description ?? "";
    expect(payload).toContain("onerror");
    expect(await page.locator('[data-testid="discover-table"] tbody tr').nth(2).textContent()).toContain(
      payload,
    );
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("says the embedding map needs --embedder when the audit had none", async () => {
    await page.goto(`${discoverUrl}#page=audit`);
    await rendered(page, "audit");
    expect(await page.getByTestId("audit-projection-section").textContent()).toContain(
      "n/a — needs --embedder",
    );
    expect(await page.locator('[data-testid="audit-projection"]').count()).toBe(0);
  });

  it("shows the plan page: quotas planned vs realized per subtask and QC verdicts by reason", async () => {
    await page.goto(`${planUrl}#page=plan`);
    await rendered(page, "plan");
    // Two subtasks x (planned, realized).
    expect(await page.locator('[data-testid="plan-quotas"] g[aria-label="bar"] rect').count()).toBe(4);
    const subtasks = await page.$$eval('[data-testid="plan-table"] tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent)),
    );
    expect(subtasks.map((row) => [row[0], row[2], row[5]])).toEqual([
      ["trade routes", "4", "3"],
      ["guild law", "2", "1"],
    ]);
    const reasons = await page.$$eval('[data-testid="plan-qc-table"] tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent)),
    );
    expect(reasons).toEqual([
      ["ambiguity", "2"],
      ["leakage", "1"],
    ]);
    expect(await page.locator('[data-testid="plan-qc-reasons"] g[aria-label="bar"] rect').count()).toBe(2);
    await page.screenshot({ path: join(artifactsDir(), "report-plan.png"), fullPage: true });
    expect(errors).toEqual([]);
  });
});
