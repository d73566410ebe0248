import MiniSearch from "minisearch";
import type { Passage } from "./source.js";

/** A BM25 index over passages, built once and searched many times. */
export interface PassageIndex {
  readonly size: number;
  /** Best-scoring passages first (ties keep corpus order); [] when no query term occurs anywhere. */
  search(query: string, limit: number): Passage[];
}

// Function words would make every passage match a query; BM25's IDF alone does not rule them out.
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can did do does for from had has have he her his how i if in into is it " +
    "its me my no not of on or our she so than that the their them then there these they this those to was we " +
    "were what when where which who whom why will with would you your"
  ).split(" "),
);

/** Lower-cases terms and drops stop words and one-character terms, for documents and queries alike. */
function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return lower.length < 2 || STOP_WORDS.has(lower) ? null : lower;
}

interface IndexedPassage {
  id: number;
  title: string;
  text: string;
}

/** Indexes title and text (title matches count 1.5x); BM25+ scoring is MiniSearch's default. */
export function buildPassageIndex(passages: readonly Passage[]): PassageIndex {
  const index = new MiniSearch<IndexedPassage>({ fields: ["title", "text"], processTerm });
  index.addAll(
    passages.map((passage, position) => ({ id: position, title: passage.title, text: passage.text })),
  );
  return {
    size: passages.length,
    search(query: string, limit: number): Passage[] {
      if (limit <= 0) return [];
      const results = index.search(query, {
        boost: { title: 1.5 },
        combineWith: "OR",
        prefix: false,
        fuzzy: false,
      });
      return results
        .map((result) => ({ position: result.id as number, score: result.score }))
        .sort((left, right) => right.score - left.score || left.position - right.position)
        .slice(0, limit)
        .flatMap(({ position }) => {
          const passage = passages[position];
          return passage === undefined ? [] : [passage];
        });
    },
  };
}
