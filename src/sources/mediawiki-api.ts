import { z } from "zod";
import type { JsonClient } from "./http-json.js";
import type { Passage } from "./source.js";
import { SourceRequestError } from "./source-errors.js";

const SearchResponse = z.object({
  query: z.object({ search: z.array(z.object({ title: z.string() })) }).optional(),
});
const ExtractResponse = z.object({
  query: z
    .object({
      pages: z.array(
        z.object({ title: z.string(), extract: z.string().optional(), fullurl: z.string().optional() }),
      ),
    })
    .optional(),
});

interface ApiCall {
  getJson: JsonClient;
  /** The Action API endpoint, e.g. https://en.wikipedia.org/w/api.php. */
  baseURL: string;
  signal?: AbortSignal | undefined;
}

/** Titles of the top `limit` articles (main namespace) for a full-text search, best first. */
export async function searchTitles(call: ApiCall & { query: string; limit: number }): Promise<string[]> {
  const url = apiURL(call.baseURL, {
    list: "search",
    srsearch: call.query,
    srlimit: String(call.limit),
    srnamespace: "0",
    srprop: "",
  });
  const body = parseBody(SearchResponse, (await call.getJson(url, { signal: call.signal })).body, url);
  return (body.query?.search ?? []).map((hit) => hit.title);
}

/**
 * The plain-text extract of one article as passages, one per paragraph, with section headings
 * ("== History ==") dropped; ids are "<title>#<n>", n from 1. `title` is the article's title after
 * redirects, undefined when the page does not exist.
 */
export async function pageParagraphs(
  call: ApiCall & { title: string },
): Promise<{ title: string | undefined; passages: Passage[] }> {
  // One title per request: the API returns at most one full-page extract per query.
  const url = apiURL(call.baseURL, {
    prop: "extracts|info",
    explaintext: "1",
    exsectionformat: "wiki",
    inprop: "url",
    redirects: "1",
    titles: call.title,
  });
  const body = parseBody(ExtractResponse, (await call.getJson(url, { signal: call.signal })).body, url);
  const page = body.query?.pages.find((candidate) => candidate.extract !== undefined);
  if (page === undefined) return { title: undefined, passages: [] };
  const passages = (page.extract ?? "")
    .split(/\n+/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "" && !/^=+[^=].*=+$/.test(paragraph))
    .map((text, index) => ({
      id: `${page.title}#${index + 1}`,
      title: page.title,
      text,
      ...(page.fullurl === undefined ? {} : { url: page.fullurl }),
    }));
  return { title: page.title, passages };
}

function apiURL(baseURL: string, params: Record<string, string>): string {
  const search = new URLSearchParams({ action: "query", format: "json", formatversion: "2", ...params });
  return `${baseURL}?${search.toString()}`;
}

/** MediaWiki reports errors inside a 200 body (`{ error: { code, info } }`); both that and a wrong shape throw. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown, url: string): T {
  const apiError = (body as { error?: { code?: unknown; info?: unknown } } | null)?.error;
  if (apiError !== undefined) {
    throw new SourceRequestError({
      source: "wikipedia",
      url,
      message: `wikipedia: API error ${String(apiError.code)}: ${String(apiError.info)}`,
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new SourceRequestError({
      source: "wikipedia",
      url,
      message: "wikipedia: the API response does not have the expected shape",
    });
  }
  return parsed.data;
}
