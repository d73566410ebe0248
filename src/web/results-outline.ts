import { open } from "node:fs/promises";
import { z } from "zod";
import { notResultsFile } from "../audit/load-results.js";
import { type EvalResults, EvalResultsSchema, parseJson, UserInputError } from "../index.js";

/** A results file without its per-item outcomes: what the leaderboard reads. */
const ResultsOutlineSchema = EvalResultsSchema.extend({
  models: z.array(
    EvalResultsSchema.shape.models.element.omit({ outcomes: true }).extend({ outcomes: z.tuple([]) }),
  ),
});
export type ResultsOutline = z.infer<typeof ResultsOutlineSchema>;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COLON = 0x3a;
const COMMA = 0x2c;
const OUTCOMES_KEY = Buffer.from('"outcomes"');
const CHUNK_BYTES = 1 << 20;

/**
 * Takes a results file's bytes chunk by chunk and keeps everything but the elements of each
 * `models[i].outcomes` array, which are skipped (strings and nesting respected) without being
 * decoded or parsed; the bytes of each array's first `firstOutcomes` elements are kept apart.
 */
class OutlineScanner {
  private readonly kept: Buffer[] = [];
  /** Per outcomes array met (models order): the bytes of its first elements, without the brackets. */
  readonly heads: Buffer[][] = [];
  /** Inside an outcomes array whose first elements are still being kept. */
  private capturing = false;
  /** Elements of the current outcomes array ended so far (commas at its top level). */
  private elementsEnded = 0;

  constructor(private readonly firstOutcomes = 0) {}

  /** Container kinds from the root down: OPEN_OBJECT or OPEN_ARRAY. */
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  /** The next backslash at or after the search position in this chunk (-1: none left; -2: not searched). */
  private backslashAt = -2;
  /** Where the open string began in this chunk (-1: in an earlier one). */
  private stringStart = -1;
  /** The open string's first bytes from earlier chunks, and how many bytes it had there. */
  private carried = Buffer.alloc(0);
  private carriedLength = 0;
  /** Depth inside a skipped outcomes array (0: not skipping). */
  private skipDepth = 0;
  /** After the "outcomes" key of a model: waiting for its colon, then its array. */
  private pending: "none" | "colon" | "array" = "none";

  push(chunk: Buffer): void {
    let keepFrom = this.skipDepth > 0 ? -1 : 0;
    let headFrom = this.capturing ? 0 : -1;
    this.backslashAt = -2;
    for (let index = 0; index < chunk.length; index++) {
      if (this.inString) {
        const close = this.closingQuote(chunk, index);
        if (close < 0) break;
        index = close;
        this.inString = false;
        if (this.skipDepth === 0) this.endString(chunk, index);
        continue;
      }
      const byte = chunk[index] as number;
      if (byte === QUOTE) {
        this.inString = true;
        this.stringStart = index;
        this.carriedLength = 0;
        continue;
      }
      if (this.skipDepth > 0) {
        if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) this.skipDepth++;
        else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
          this.skipDepth--;
          // The closing bracket is kept: the outline holds `"outcomes":[]`.
          if (this.skipDepth === 0) {
            keepFrom = index;
            this.stack.pop();
            if (this.capturing) this.endHead(chunk, headFrom, index);
            headFrom = -1;
          }
        } else if (byte === COMMA && this.skipDepth === 1 && this.capturing) {
          this.elementsEnded++;
          if (this.elementsEnded >= this.firstOutcomes) {
            this.endHead(chunk, headFrom, index);
            headFrom = -1;
          }
        }
        continue;
      }
      if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
        this.stack.push(byte);
        if (this.pending === "array" && byte === OPEN_ARRAY) {
          this.kept.push(Buffer.from(chunk.subarray(Math.max(0, keepFrom), index + 1)));
          keepFrom = -1;
          this.skipDepth = 1;
          this.heads.push([]);
          this.elementsEnded = 0;
          this.capturing = this.firstOutcomes > 0;
          headFrom = index + 1;
        }
        this.pending = "none";
      } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
        this.stack.pop();
        this.pending = "none";
      } else if (byte === COLON && this.pending === "colon") this.pending = "array";
      else if (byte > 0x20) this.pending = "none";
    }
    if (this.inString && this.skipDepth === 0) {
      const tail = chunk.subarray(Math.max(0, this.stringStart));
      if (this.carriedLength <= OUTCOMES_KEY.length)
        this.carried = Buffer.concat([this.carried.subarray(0, this.carriedLength), tail]).subarray(
          0,
          OUTCOMES_KEY.length + 1,
        );
      this.carriedLength += tail.length;
      this.stringStart = -1;
    }
    if (keepFrom >= 0) this.kept.push(Buffer.from(chunk.subarray(keepFrom)));
    if (this.capturing && headFrom >= 0) this.heads.at(-1)?.push(Buffer.from(chunk.subarray(headFrom)));
  }

  /** The kept head of the current outcomes array ends before `end`. */
  private endHead(chunk: Buffer, from: number, end: number): void {
    if (from >= 0 && end > from) this.heads.at(-1)?.push(Buffer.from(chunk.subarray(from, end)));
    this.capturing = false;
  }

  /**
   * Where the open string closes in `chunk`, searching from `from` with native indexOf (string
   * contents are most of a results file's bytes); -1 when it runs past the chunk.
   */
  private closingQuote(chunk: Buffer, from: number): number {
    let index = from;
    if (this.escaped) {
      this.escaped = false;
      index++;
    }
    for (;;) {
      const quote = chunk.indexOf(QUOTE, index);
      // Cached per chunk: searching afresh for each string would rescan a chunk without backslashes.
      if (this.backslashAt !== -1 && this.backslashAt < index)
        this.backslashAt = chunk.indexOf(BACKSLASH, index);
      const backslash = this.backslashAt;
      if (backslash >= 0 && (quote < 0 || backslash < quote)) {
        // The escaped character may be the next chunk's first byte.
        if (backslash + 1 >= chunk.length) {
          this.escaped = true;
          return -1;
        }
        index = backslash + 2;
        continue;
      }
      return quote;
    }
  }

  /** True once the input ended outside any string and container (a truncated file does not). */
  get complete(): boolean {
    return !this.inString && this.stack.length === 0 && this.skipDepth === 0;
  }

  text(): string {
    return Buffer.concat(this.kept).toString("utf8");
  }

  /** A string just closed at `end`: is it the "outcomes" key of a model object (root.models[i])? */
  private endString(chunk: Buffer, end: number): void {
    const inModel = this.stack.length === 3 && this.stack[1] === OPEN_ARRAY && this.stack[2] === OPEN_OBJECT;
    if (!inModel) return;
    const fromEarlier = this.stringStart < 0 ? this.carriedLength : 0;
    if (fromEarlier + end + 1 - Math.max(0, this.stringStart) !== OUTCOMES_KEY.length) return;
    const bytes =
      this.stringStart >= 0
        ? chunk.subarray(this.stringStart, end + 1)
        : Buffer.concat([this.carried.subarray(0, this.carriedLength), chunk.subarray(0, end + 1)]);
    if (bytes.equals(OUTCOMES_KEY)) this.pending = "colon";
  }
}

/** One model's outcome as the results file records it. */
export type ItemOutcome = EvalResults["models"][number]["outcomes"][number];

const OutcomesSchema = EvalResultsSchema.shape.models.element.shape.outcomes;

/**
 * The leaderboard part of a results file (models without outcomes, rank confidence, flags), read
 * without parsing its per-item outcomes; validated by the results schema. A file that is not
 * complete JSON or not a results file is a UserInputError, like readResultsFile. `chunkBytes`: read
 * size (tests make it tiny, so strings and keys straddle chunks).
 */
export async function readResultsOutline(
  path: string,
  options: { chunkBytes?: number } = {},
): Promise<ResultsOutline> {
  return (await readResultsHead(path, { ...options, firstOutcomes: 0 })).outline;
}

/**
 * The outline, plus the first `firstOutcomes` outcomes of each model (in `models` order), parsed and
 * validated in the same pass; `firstOutcomes` is undefined when those elements are not valid outcomes
 * (the full read reports why).
 */
export async function readResultsHead(
  path: string,
  options: { chunkBytes?: number; firstOutcomes: number },
): Promise<{ outline: ResultsOutline; firstOutcomes: ItemOutcome[][] | undefined }> {
  const scanner = new OutlineScanner(options.firstOutcomes);
  const outline = await scan(path, scanner, options.chunkBytes ?? CHUNK_BYTES);
  return { outline, firstOutcomes: headsOf(scanner.heads, outline.models.length) };
}

/** Feeds the file to the scanner and validates what it kept as a results outline. */
async function scan(path: string, scanner: OutlineScanner, chunkBytes: number): Promise<ResultsOutline> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : undefined;
    throw new UserInputError(
      `cannot read ${path}${code ? ` (${code})` : ""}`,
      "pass the file `benchsmith eval` wrote",
    );
  }
  try {
    const buffer = Buffer.alloc(chunkBytes);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      scanner.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  const json = scanner.complete ? parseJson(scanner.text()) : undefined;
  if (!json?.success)
    throw new UserInputError(`${path} is not valid JSON`, "pass the results.json `benchsmith eval` wrote");
  const parsed = ResultsOutlineSchema.safeParse(json.value);
  if (!parsed.success) throw notResultsFile(path, parsed.error);
  return parsed.data;
}

/**
 * A whole results file, as readResultsFile reads and validates it (same errors), but one model's
 * outcomes at a time, awaiting `pause` between models: no step holds the file's text or all its
 * outcomes as parsed JSON at once, and none blocks for longer than one model's outcomes take.
 */
export async function readResultsPausing(path: string, pause: () => Promise<void>): Promise<EvalResults> {
  const scanner = new OutlineScanner(Number.POSITIVE_INFINITY);
  const outline = await scan(path, scanner, CHUNK_BYTES);
  const models: EvalResults["models"] = [];
  for (const [index, model] of outline.models.entries()) {
    await pause();
    const outcomes = parseOutcomes(scanner.heads[index] ?? []);
    // What is parsed is let go as it goes: the buffers, then the JSON once validated.
    scanner.heads[index] = [];
    if (outcomes === undefined)
      throw new UserInputError(`${path} is not valid JSON`, "pass the results.json `benchsmith eval` wrote");
    if (!outcomes.success) {
      const [issue] = outcomes.error.issues;
      const issues = issue ? [{ ...issue, path: ["models", index, "outcomes", ...issue.path] }] : [];
      throw notResultsFile(path, new z.ZodError(issues));
    }
    models.push({ ...model, outcomes: outcomes.data });
  }
  return { ...outline, models };
}

function headsOf(heads: readonly Buffer[][], models: number): ItemOutcome[][] | undefined {
  if (heads.length !== models) return undefined;
  const parsed: ItemOutcome[][] = [];
  for (const parts of heads) {
    const outcomes = parseOutcomes(parts);
    if (!outcomes?.success) return undefined;
    parsed.push(outcomes.data);
  }
  return parsed;
}

/** A kept outcomes array's bytes (without its brackets), parsed and validated; undefined when not JSON. */
function parseOutcomes(parts: readonly Buffer[]) {
  const json = parseJson(`[${Buffer.concat(parts).toString("utf8")}]`);
  return json.success ? OutcomesSchema.safeParse(json.value) : undefined;
}
