/**
 * The contract of privileged-information sources: what `discover` (and later `plan`) may show a
 * writer model but never the evaluated candidates. Retrieval sources return passages; the code
 * source runs programs instead (see `CodeSource`).
 */

/** One retrievable unit of text. `id` is stable across runs for the same input ("guide.md#3", "Tardigrade#2"). */
export interface Passage {
  id: string;
  title: string;
  text: string;
  url?: string;
}

export interface RetrieveOptions {
  /** At most this many passages come back, best first. */
  limit: number;
  signal?: AbortSignal;
}

/** How prominent a topic is, in [0, 1], and a human-readable account of what the number came from. */
export interface Salience {
  /** Undefined when the source has no data for the topic. */
  value: number | undefined;
  from: string;
}

/** A source that answers a query with passages. */
export interface PrivilegedSource {
  readonly id: string;
  readonly description: string;
  /** Top passages for the query; [] when nothing matches (the caller records that). */
  retrieve(query: string, options: RetrieveOptions): Promise<Passage[]>;
  /** Only sources with a popularity signal (Wikipedia pageviews) implement it. */
  salience?(topic: string, options?: { signal?: AbortSignal }): Promise<Salience>;
}

/** Where sources keep HTTP responses; the run store implements it, tests use `createMemorySourceCache`. */
export interface SourceCache {
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

/** Resource limits of one sandboxed program run. */
export interface SandboxLimits {
  timeLimitMs: number;
  /** Heap the program may allocate, on top of the engine's fixed 16 MiB image. */
  memoryLimitBytes: number;
}

export type SandboxFailureReason = "timeout" | "memory" | "error";

/** What one program run produced: its answer as a string, or why there is none. */
export type SandboxOutcome =
  | { success: true; value: string }
  | { success: false; reason: SandboxFailureReason; message: string };

/** Two or more independently written programs either agree on one answer or the item is rejected. */
export type Agreement =
  | { success: true; value: string; outcomes: SandboxOutcome[] }
  | { success: false; reason: "disagree" | "failed"; message: string; outcomes: SandboxOutcome[] };

/** The `code` source: gold answers come from running programs the writer model wrote. */
export interface CodeSource {
  readonly id: string;
  readonly description: string;
  /** What a writer model must know to write a program this sandbox accepts (paste into the prompt). */
  readonly programRules: string;
  run(code: string): Promise<SandboxOutcome>;
  agree(programs: readonly string[]): Promise<Agreement>;
}

/** Everything a source entry may need to create its source; keys are read only from `env`. */
export interface SourceSettings {
  /** What follows the colon in the CLI spelling: the folder of `docs:<dir>`. */
  argument?: string | undefined;
  env: NodeJS.ProcessEnv;
  cache?: SourceCache;
  fetch?: typeof globalThis.fetch;
  /** Wikipedia: the MediaWiki Action API endpoint (a local mirror in tests). */
  baseURL?: string;
  /** Wikipedia: the Wikimedia REST API root serving pageviews. */
  pageviewsBaseURL?: string;
  /** Code: limits for every program run. */
  limits?: SandboxLimits;
}

/** What an entry needs before it can be created; the CLI parser and help read it. */
export interface SourceNeeds {
  /** Placeholder of the required argument ("<dir>"), or undefined when the source takes none. */
  argument: string | undefined;
  network: boolean;
}

interface SourceEntryBase {
  readonly id: string;
  readonly description: string;
  readonly needs: SourceNeeds;
}

export interface RetrievalSourceEntry extends SourceEntryBase {
  readonly kind: "retrieval";
  create(settings: SourceSettings): Promise<PrivilegedSource>;
}

export interface ExecutionSourceEntry extends SourceEntryBase {
  readonly kind: "execution";
  create(settings: SourceSettings): Promise<CodeSource>;
}

/** One entry of the `SOURCES` map; declares its own metadata beside its factory. */
export type SourceEntry = RetrievalSourceEntry | ExecutionSourceEntry;
