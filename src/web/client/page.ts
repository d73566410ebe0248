import type { ReportSummary } from "../report-data.js";
import type { ItemSource } from "./item-source.js";

/** What a page renders from: the summary, the items (in memory or fetched) and the hash route. */
export interface PageContext {
  summary: ReportSummary;
  items: ItemSource;
  route: URLSearchParams;
  /** Renders this page again if it is still the one shown (a page waiting for the viewer's index polls with it). */
  refresh?: () => void;
}

/** The summary fields a page can ask for. */
export type SummaryKey = keyof ReportSummary;

/** One page of a report: it declares which summary fields it needs and is shown only when they hold data. */
export interface PageDefinition {
  id: string;
  title: string;
  needs: readonly SummaryKey[];
  render(context: PageContext): Node | Promise<Node>;
}

/** Whether the summary holds what a page needs (present, and a non-empty list or an item count above 0). */
export function pageApplies(page: Pick<PageDefinition, "needs">, summary: ReportSummary): boolean {
  return page.needs.every((key) => {
    const value = summary[key];
    if (value === undefined || value === null) return false;
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === "number") return value > 0;
    return true;
  });
}
