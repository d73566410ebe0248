import { UserInputError } from "../core/errors.js";
import { readPackageVersion } from "../runtime/provenance.js";
import { createJsonClient } from "./http-json.js";
import { pageParagraphs, searchTitles } from "./mediawiki-api.js";
import { createMemorySourceCache } from "./memory-source-cache.js";
import { articleSalience, defaultPageviewsWindow, type PageviewsWindow } from "./pageviews.js";
import { buildPassageIndex } from "./passage-index.js";
import type { Passage, PrivilegedSource, RetrievalSourceEntry, Salience, SourceCache } from "./source.js";

export const DEFAULT_WIKIPEDIA_API = "https://en.wikipedia.org/w/api.php";
export const DEFAULT_PAGEVIEWS_API = "https://wikimedia.org/api/rest_v1";

export interface WikipediaOptions {
  /** MediaWiki Action API endpoint; a local mirror works the same. */
  baseURL?: string;
  /** Wikimedia REST API root for pageviews. */
  pageviewsBaseURL?: string;
  /** Pageviews project. Default "en.wikipedia". */
  project?: string;
  fetch?: typeof globalThis.fetch;
  /** Every HTTP response is kept here, keyed by URL. Default: an in-memory cache for this source. */
  cache?: SourceCache;
  /** Where the optional bearer token is read from (never from config or code). */
  env?: NodeJS.ProcessEnv;
  /** Name of the token variable. Default "WIKIMEDIA_TOKEN". */
  tokenEnv?: string;
  userAgent?: string;
  /** Search hits whose extracts are split into passages. Default 3. */
  pagesPerQuery?: number;
  /** Months the salience is computed over. Default: the 12 full months before `now()`. */
  pageviewsWindow?: PageviewsWindow;
  now?: () => Date;
  maxRetryAfterMs?: number;
}

/** "benchsmith/<version> (<url>; benchmark generation)", as Wikimedia's User-Agent policy asks. */
export function defaultUserAgent(): string {
  return `benchsmith/${readPackageVersion() ?? "dev"} (https://github.com/benchsmith; benchmark generation)`;
}

/**
 * Wikipedia through the MediaWiki Action API: `retrieve` searches (`list=search`), fetches the
 * plain-text extract of each of the top `pagesPerQuery` pages (`prop=extracts&explaintext=1`) and
 * splits it into paragraphs (ids "<title>#<n>", n from 1, section headings dropped); paragraphs are
 * ranked by BM25 against the query, then the unmatched ones follow in page order. `salience` is
 * the article's pageviews (see `articleSalience`), trying the search's top title when the topic
 * itself is not an article.
 */
export function createWikipediaSource(options: WikipediaOptions = {}): PrivilegedSource & {
  salience(topic: string, options?: { signal?: AbortSignal }): Promise<Salience>;
} {
  const baseURL = options.baseURL ?? DEFAULT_WIKIPEDIA_API;
  const project = options.project ?? "en.wikipedia";
  const window = options.pageviewsWindow ?? defaultPageviewsWindow((options.now ?? (() => new Date()))());
  if (!/^\d{6}$/.test(window.start) || !/^\d{6}$/.test(window.end) || window.start > window.end) {
    throw new UserInputError(
      `pageviews window ${window.start}..${window.end} is not two months YYYYMM in order`,
    );
  }
  const token = (options.env ?? process.env)[options.tokenEnv ?? "WIKIMEDIA_TOKEN"]?.trim();
  const getJson = createJsonClient({
    source: "wikipedia",
    fetch: options.fetch ?? globalThis.fetch,
    cache: options.cache ?? createMemorySourceCache(),
    headers: {
      "User-Agent": options.userAgent ?? defaultUserAgent(),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(options.maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs: options.maxRetryAfterMs }),
  });
  const pagesPerQuery = options.pagesPerQuery ?? 3;
  const search = (query: string, limit: number, signal: AbortSignal | undefined) =>
    searchTitles({ getJson, baseURL, query, limit, signal });

  return {
    id: "wikipedia",
    description: `Wikipedia articles via ${baseURL}`,
    async retrieve(query, retrieveOptions) {
      if (retrieveOptions.limit <= 0 || query.trim() === "") return [];
      const passages: Passage[] = [];
      const seen = new Set<string>();
      for (const title of await search(query, pagesPerQuery, retrieveOptions.signal)) {
        const page = await pageParagraphs({ getJson, baseURL, title, signal: retrieveOptions.signal });
        // Two hits can redirect to one article; its paragraphs count once.
        if (page.title === undefined || seen.has(page.title)) continue;
        seen.add(page.title);
        passages.push(...page.passages);
      }
      const ranked = buildPassageIndex(passages).search(query, retrieveOptions.limit);
      const rankedIds = new Set(ranked.map((passage) => passage.id));
      const rest = passages.filter((passage) => !rankedIds.has(passage.id));
      return [...ranked, ...rest].slice(0, retrieveOptions.limit);
    },
    async salience(topic, salienceOptions = {}) {
      const lookup = (title: string) =>
        articleSalience({
          getJson,
          baseURL: options.pageviewsBaseURL ?? DEFAULT_PAGEVIEWS_API,
          project,
          title,
          window,
          signal: salienceOptions.signal,
        });
      const direct = await lookup(topic);
      if (direct !== undefined) return direct;
      const [topHit] = await search(topic, 1, salienceOptions.signal);
      const viaSearch = topHit === undefined || topHit === topic ? undefined : await lookup(topHit);
      return viaSearch ?? { value: undefined, from: `no ${project} pageviews for "${topic}"` };
    },
  };
}

/** `wikipedia`: articles from the MediaWiki API; the token, when any, comes from WIKIMEDIA_TOKEN. */
export const wikipediaSource = {
  id: "wikipedia",
  description: "Wikipedia articles (MediaWiki Action API search + extracts), pageviews as salience",
  kind: "retrieval",
  needs: { argument: undefined, network: true },
  async create(settings) {
    return createWikipediaSource({
      env: settings.env,
      ...(settings.baseURL === undefined ? {} : { baseURL: settings.baseURL }),
      ...(settings.pageviewsBaseURL === undefined ? {} : { pageviewsBaseURL: settings.pageviewsBaseURL }),
      ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
      ...(settings.cache === undefined ? {} : { cache: settings.cache }),
    });
  },
} as const satisfies RetrievalSourceEntry;
