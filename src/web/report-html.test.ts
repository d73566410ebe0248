import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildReportData } from "./build-report-data.js";
import { embedJson } from "./embed-json.js";
import { renderStaticReport, staticReportCsp } from "./report-html.js";

const HOSTILE = "</script><script>window.__xss=1</script><!-- \u2028";

describe("embedJson", () => {
  it("writes no '<' at all, and parses back to the same value", () => {
    const value = { question: HOSTILE, nested: ["<img src=x onerror=alert(1)>"] };
    const text = embedJson(value);
    expect(text).not.toContain("<");
    expect(text).not.toContain("\u2028");
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("renderStaticReport", () => {
  const data = buildReportData({
    title: `report <b>${HOSTILE}</b>`,
    items: [{ id: "x1", format: "open", question: HOSTILE, answer: "</script>" }],
    generatedAt: "2026-01-01T00:00:00.000Z",
  });
  const script = "document.body.dataset.ran = '1';";
  const html = renderStaticReport(data, script);

  it("has exactly three script elements: the inert summary, the bundle and the inert items", () => {
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    const summary = /<script type="application\/json" id="report-summary">([^<]*)<\/script>/.exec(html);
    expect(JSON.parse(summary?.[1] ?? "null").title).toBe(data.title);
    const items = /<script type="application\/json" id="report-items">([^<]*)<\/script>/.exec(html);
    expect(JSON.parse(items?.[1] ?? "null")[0].question).toBe(HOSTILE);
    expect(html.indexOf('id="report-summary"')).toBeLessThan(html.indexOf(`<script>${script}`));
    expect(html.indexOf(`<script>${script}`)).toBeLessThan(html.indexOf('id="report-items"'));
  });

  it("allows the bundle by its sha256 and nothing else to run", () => {
    const hash = createHash("sha256").update(script).digest("base64");
    const csp = staticReportCsp(script);
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    const scriptSources = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSources).not.toContain("unsafe-inline");
    expect(csp).toContain("default-src 'none'");
    expect(html.replaceAll("&#39;", "'")).toContain(
      `content="default-src 'none'; script-src 'sha256-${hash}'`,
    );
  });

  it("escapes the title it writes into the head", () => {
    expect(html).toContain("<title>report &lt;b&gt;&lt;/script&gt;");
  });
});

describe("renderStaticReport of a discover run", () => {
  it("embeds a hostile description as inert data that parses back to the same text", () => {
    const data = buildReportData({
      items: [],
      discover: {
        winner: "d1",
        trajectory: [
          {
            id: "d1",
            iteration: 0,
            description: HOSTILE,
            status: "failed",
            failures: [HOSTILE],
            items: 0,
            rejected: 0,
            accuracies: [],
            salience: { from: "judge" },
          },
        ],
      },
      generatedAt: "2026-01-01T00:00:00.000Z",
    });
    const html = renderStaticReport(data, "void 0;");
    expect(html.match(/<script/g)).toHaveLength(3);
    const summary = /<script type="application\/json" id="report-summary">([^<]*)<\/script>/.exec(html);
    const parsed = JSON.parse(summary?.[1] ?? "null");
    expect(parsed.discover.descriptions[0]).toMatchObject({
      description: HOSTILE,
      salience: null,
      difficulty: null,
    });
    expect(parsed.discover.winner).toBe("d1");
  });
});
