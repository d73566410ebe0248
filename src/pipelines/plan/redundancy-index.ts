import type { Item } from "../../core/item.js";
import { normalizeAnswer } from "../../evaluate/normalize-answer.js";

/** Word 3-gram shingles of an item's question and options (a text under 3 words is one shingle). */
function shinglesOf(item: Pick<Item, "question" | "options">): Set<string> {
  // Options count: many distinct MCQ items share a question stem ("Which of the following is true?").
  const words = normalizeAnswer([item.question, ...(item.options ?? [])].join(" ")).split(" ");
  if (words.length <= 3) return new Set([words.join(" ")]);
  const shingles = new Set<string>();
  for (let start = 0; start + 3 <= words.length; start++)
    shingles.add(words.slice(start, start + 3).join(" "));
  return shingles;
}

/**
 * The items accepted so far, for the redundancy check: a candidate whose shingles have Jaccard
 * similarity >= threshold with an accepted item's is a near-duplicate. An inverted index keeps the
 * check to items that share a shingle, so it stays fast at thousands of items.
 */
export class RedundancyIndex {
  private readonly shingles = new Map<string, Set<string>>();
  private readonly byShingle = new Map<string, string[]>();

  constructor(private readonly threshold: number) {}

  get size(): number {
    return this.shingles.size;
  }

  /** The most similar accepted item at or above the threshold, if any. */
  nearest(item: Pick<Item, "question" | "options">): { id: string; similarity: number } | undefined {
    const mine = shinglesOf(item);
    const shared = new Map<string, number>();
    for (const shingle of mine)
      for (const id of this.byShingle.get(shingle) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    let best: { id: string; similarity: number } | undefined;
    for (const [id, count] of shared) {
      const theirs = this.shingles.get(id)?.size ?? 0;
      const similarity = count / (mine.size + theirs - count);
      if (similarity >= this.threshold && (best === undefined || similarity > best.similarity))
        best = { id, similarity };
    }
    return best;
  }

  add(item: Pick<Item, "id" | "question" | "options">): void {
    const mine = shinglesOf(item);
    this.shingles.set(item.id, mine);
    for (const shingle of mine) {
      const ids = this.byShingle.get(shingle);
      if (ids === undefined) this.byShingle.set(shingle, [item.id]);
      else ids.push(item.id);
    }
  }
}
