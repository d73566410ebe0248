import type { RunStore } from "../../core/store-spec.js";
import { createSource, parseSource } from "../../sources/index.js";
import type { CodeSource, PrivilegedSource } from "../../sources/source.js";
import { createStoreSourceCache } from "./store-source-cache.js";

/** The privileged information a discover run writes from, whichever kind of source it is. */
export type DiscoverSource =
  | { kind: "none"; spelling: string }
  | { kind: "retrieval"; spelling: string; source: PrivilegedSource; warnings: readonly string[] }
  | { kind: "execution"; spelling: string; source: CodeSource };

/**
 * Opens the `--source` a run names (nothing when it names none). Wikipedia's responses are cached in
 * the run store. A corpus that cannot be used at all (missing, empty, unreadable) throws its
 * UserInputError here, before any model is called.
 */
export async function openDiscoverSource(options: {
  spelling: string | undefined;
  store: RunStore;
  runId: string;
  env: NodeJS.ProcessEnv;
  baseURL?: string | undefined;
  pageviewsBaseURL?: string | undefined;
}): Promise<DiscoverSource> {
  if (options.spelling === undefined) return { kind: "none", spelling: "none" };
  const created = await createSource(parseSource(options.spelling), {
    env: options.env,
    cache: createStoreSourceCache(options.store, options.runId),
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    ...(options.pageviewsBaseURL === undefined ? {} : { pageviewsBaseURL: options.pageviewsBaseURL }),
  });
  if (created.kind === "execution")
    return { kind: "execution", spelling: options.spelling, source: created.source };
  return {
    kind: "retrieval",
    spelling: options.spelling,
    source: created.source,
    // A corpus names the documents it had to skip (corrupt, no text); other sources have none.
    warnings: (created.source as { warnings?: readonly string[] }).warnings ?? [],
  };
}
