/// <reference lib="dom" />
import { type ItemFilter, paramsFromFilter } from "../item-filter.js";

/** The state in the URL hash: `#page=items&model=a`, and the permalink form `#item=<id>`. */
export function readRoute(): URLSearchParams {
  return new URLSearchParams(window.location.hash.replace(/^#/, ""));
}

/** A hash href for these parameters (undefined and empty values are left out). */
export function hrefFor(params: Readonly<Record<string, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== "") search.set(name, value);
  return `#${search.toString()}`;
}

/** Moves to another route; the app re-renders on `hashchange`. */
export function navigate(params: Readonly<Record<string, string | undefined>>): void {
  window.location.hash = hrefFor(params);
}

/** The page a route shows: explicit `page`, else the items page for a permalink, else the first page. */
export function pageIdOf(route: URLSearchParams, fallback: string): string {
  return route.get("page") ?? (route.has("item") ? "items" : fallback);
}

/** The route for the items page with a filter, page number and opened item. */
export function itemsRoute(
  filter: ItemFilter,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return { page: "items", ...Object.fromEntries(paramsFromFilter(filter).entries()), ...extra };
}
