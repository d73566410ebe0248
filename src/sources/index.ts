import { codeSource } from "./code-source.js";
import { docsSource } from "./docs-corpus.js";
import type { CodeSource, PrivilegedSource, SourceEntry, SourceSettings } from "./source.js";
import { parseSourceSpec, type SourceSpec } from "./source-spec.js";
import { wikipediaSource } from "./wikipedia.js";

/** Every privileged-information source, keyed by the id used on the command line. */
export const SOURCES = {
  docs: docsSource,
  wikipedia: wikipediaSource,
  code: codeSource,
} as const satisfies Record<string, SourceEntry>;

export type SourceId = keyof typeof SOURCES;

/** A created source, tagged with its entry's kind so the caller knows whether to retrieve or run. */
export type CreatedSource =
  | { kind: "retrieval"; id: SourceId; source: PrivilegedSource }
  | { kind: "execution"; id: SourceId; source: CodeSource };

/** Parses the CLI spelling `docs:<dir> | wikipedia | code`; a bad spelling is a UserInputError. */
export function parseSource(text: string): SourceSpec<SourceId> {
  return parseSourceSpec<SourceId>(text, SOURCES);
}

/** Creates the source a spec names; `settings.argument` is taken from the spec. */
export async function createSource(
  spec: SourceSpec<SourceId>,
  settings: Omit<SourceSettings, "argument">,
): Promise<CreatedSource> {
  const entry: SourceEntry = SOURCES[spec.id];
  const full: SourceSettings = { ...settings, argument: spec.argument };
  return entry.kind === "retrieval"
    ? { kind: "retrieval", id: spec.id, source: await entry.create(full) }
    : { kind: "execution", id: spec.id, source: await entry.create(full) };
}

export { type AgreementOptions, agreeingAnswer, answersAgree } from "./agreeing-answer.js";
export { type ChunkOptions, chunkText } from "./chunk-passages.js";
export { runSandboxed, SANDBOX_PROGRAM_RULES } from "./code-sandbox.js";
export { createCodeSource, DEFAULT_SANDBOX_LIMITS } from "./code-source.js";
export * from "./dataset-cards/index.js";
export { type DocsCorpus, openDocsCorpus } from "./docs-corpus.js";
export { createMemorySourceCache, type MemorySourceCache } from "./memory-source-cache.js";
export { defaultPageviewsWindow, type PageviewsWindow, salienceFromMonthlyViews } from "./pageviews.js";
export type * from "./source.js";
export { SourceRequestError } from "./source-errors.js";
export { type SourceSpec, sourceSpellings } from "./source-spec.js";
export {
  createWikipediaSource,
  DEFAULT_PAGEVIEWS_API,
  DEFAULT_WIKIPEDIA_API,
  defaultUserAgent,
  type WikipediaOptions,
} from "./wikipedia.js";
