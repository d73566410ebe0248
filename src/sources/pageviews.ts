import { z } from "zod";
import type { JsonClient } from "./http-json.js";
import type { Salience } from "./source.js";
import { SourceRequestError } from "./source-errors.js";

/** Whole calendar months, inclusive, as "YYYYMM". */
export interface PageviewsWindow {
  start: string;
  end: string;
}

/** The 12 complete calendar months before `now` (UTC), so the same day always asks for the same months. */
export function defaultPageviewsWindow(now: Date): PageviewsWindow {
  const endMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const startMonth = new Date(Date.UTC(endMonth.getUTCFullYear(), endMonth.getUTCMonth() - 11, 1));
  return { start: monthKey(startMonth), end: monthKey(endMonth) };
}

/**
 * Mean monthly views mapped to [0, 1] by log10(1 + views) / 7, clipped: monotone, 0 for no views,
 * about 0.43 at 1,000 views a month, 0.71 at 100,000, and 1 from 10 million a month up.
 */
export function salienceFromMonthlyViews(meanMonthlyViews: number): number {
  if (!(meanMonthlyViews > 0)) return 0;
  return Math.min(1, Math.log10(1 + meanMonthlyViews) / 7);
}

const PageviewsResponse = z.object({ items: z.array(z.object({ views: z.number().nonnegative() })) });

/**
 * Salience of one article from the Wikimedia REST pageviews API (user traffic, all access
 * methods, monthly). The mean is over every month of the window, a month without data counting
 * as 0 views. Undefined when the API has no data for the title (HTTP 404).
 */
export async function articleSalience(options: {
  getJson: JsonClient;
  baseURL: string;
  project: string;
  title: string;
  window: PageviewsWindow;
  signal?: AbortSignal | undefined;
}): Promise<Salience | undefined> {
  const { project, title, window } = options;
  const article = encodeURIComponent(title.replaceAll(" ", "_"));
  const url =
    `${options.baseURL.replace(/\/+$/, "")}/metrics/pageviews/per-article/${project}/all-access/user/` +
    `${article}/monthly/${window.start}01/${window.end}${lastDayOf(window.end)}`;
  const response = await options.getJson(url, { signal: options.signal, expectedStatuses: [404] });
  if (response.status === 404) return undefined;
  const parsed = PageviewsResponse.safeParse(response.body);
  if (!parsed.success) {
    throw new SourceRequestError({
      source: "wikipedia",
      url,
      statusCode: response.status,
      message: "wikipedia: the pageviews response does not have the expected shape",
    });
  }
  const total = parsed.data.items.reduce((sum, item) => sum + item.views, 0);
  const months = monthsIn(window);
  const mean = total / months;
  const value = salienceFromMonthlyViews(mean);
  const span = `${window.start.slice(0, 4)}-${window.start.slice(4)}..${window.end.slice(0, 4)}-${window.end.slice(4)}`;
  return {
    value,
    from:
      `${project} pageviews of "${title}" (users, ${span}, ${months} months): ${total} views, ` +
      `${Math.round(mean)}/month; log10(1 + ${Math.round(mean)}) / 7 = ${value.toFixed(3)}`,
  };
}

function monthKey(date: Date): string {
  return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

function lastDayOf(month: string): string {
  const day = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(4)), 0)).getUTCDate();
  return String(day).padStart(2, "0");
}

function monthsIn(window: PageviewsWindow): number {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(4)) - 1;
  return Math.max(1, index(window.end) - index(window.start) + 1);
}
