import { describe, expect, it } from "vitest";
import { buildReportData } from "../../build-report-data.js";
import { ReportSummarySchema } from "../../report-data.js";
import { pageApplies } from "../page.js";
import { PAGES } from "./index.js";

describe("PAGES", () => {
  const summaryKeys = Object.keys(ReportSummarySchema.shape);

  it("declares every entry completely, keyed by its own id, needing only summary fields", () => {
    for (const [key, page] of Object.entries(PAGES)) {
      expect(page.id).toBe(key);
      expect(page.title.length).toBeGreaterThan(0);
      expect(page.needs.length).toBeGreaterThan(0);
      for (const need of page.needs) expect(summaryKeys).toContain(need);
      expect(typeof page.render).toBe("function");
    }
  });

  it("shows a page only when the summary holds what it needs", () => {
    const itemsOnly = buildReportData({ items: [{ id: "a", format: "open", question: "q", answer: "x" }] });
    const shown = Object.values(PAGES)
      .filter((page) => pageApplies(page, itemsOnly))
      .map((page) => page.id);
    // One unlabelled item, no results: nothing to plot, only the list.
    expect(shown).toEqual(["items"]);
    const empty = buildReportData({ items: [] });
    expect(Object.values(PAGES).filter((page) => pageApplies(page, empty))).toEqual([]);
  });
});
