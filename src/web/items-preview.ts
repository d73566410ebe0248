import { open } from "node:fs/promises";
import { datasetFormatOf, type Item } from "../index.js";
import { itemViewOf } from "./item-views.js";
import type { ItemView } from "./report-data.js";
import type { ItemOutcome } from "./results-outline.js";
import { appendItemLines } from "./stored-items.js";

/** Items a large run's items list shows while its index is built: the first page at the largest page size. */
export const PREVIEW_ITEMS = 200;

const NEWLINE = 0x0a;
const CHUNK_BYTES = 256 * 1024;

/**
 * The first `count` items of a JSON Lines benchmark, read from the file's start only; undefined
 * when the file is another format or a line among them is not an item in benchsmith's schema
 * (those go through the full read, which converts or reports them).
 */
export async function readBenchmarkHead(
  path: string,
  count: number,
  chunkBytes = CHUNK_BYTES,
): Promise<Item[] | undefined> {
  if (datasetFormatOf(path) !== "jsonl") return undefined;
  const lines: string[] = [];
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(chunkBytes);
    let pending = Buffer.alloc(0);
    const take = (line: Buffer): void => {
      const text = line.toString("utf8").replace(/\r$/, "");
      if (text.trim() !== "") lines.push(text);
    };
    while (lines.length < count) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) {
        take(pending);
        break;
      }
      pending = Buffer.concat([pending, buffer.subarray(0, bytesRead)]);
      let start = 0;
      for (let end = pending.indexOf(NEWLINE); end >= 0; end = pending.indexOf(NEWLINE, start)) {
        take(pending.subarray(start, end));
        start = end + 1;
        if (lines.length >= count) break;
      }
      pending = Buffer.from(pending.subarray(start));
    }
  } finally {
    await handle.close();
  }
  const items: Item[] = [];
  // A line the full read would convert or refuse (a duplicate id): show nothing rather than guess.
  return appendItemLines(lines.slice(0, count), items, new Set()) ? items : undefined;
}

/**
 * The item views of the benchmark's first items with every model's outcome, when each model's first
 * outcomes are those items in the same order (as `eval` writes them); undefined otherwise, since an
 * outcome missing from a model's first ones may still come later in its file.
 */
export function previewItemViews(
  items: readonly Item[],
  firstOutcomes: ReadonlyArray<readonly ItemOutcome[]>,
): ItemView[] | undefined {
  const aligned = firstOutcomes.every((outcomes) =>
    items.every((item, index) => outcomes[index]?.itemId === item.id),
  );
  if (!aligned) return undefined;
  return items.map((item, index) =>
    itemViewOf(
      item,
      firstOutcomes.map((outcomes) => outcomes[index]),
    ),
  );
}
