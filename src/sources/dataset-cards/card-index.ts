import MiniSearch from "minisearch";
import type { DatasetCard } from "./dataset-card.js";

/** A full-text (BM25) index over dataset cards. */
export interface CardIndex {
  readonly search: MiniSearch<IndexedCard>;
  readonly cards: ReadonlyMap<string, DatasetCard>;
}

/** A card ranked for a query; `score` is MiniSearch's BM25 score (higher is better, not bounded). */
export interface CardMatch {
  card: DatasetCard;
  score: number;
  /** The query terms found in the card. */
  terms: string[];
}

interface IndexedCard {
  id: string;
  name: string;
  description: string;
  fields: string;
  categories: string;
}

/** The name says most about a dataset; category values (e.g. professional_law) say what is inside. */
const BOOST = { name: 3, categories: 2, description: 1, fields: 1 };

/** Indexes cards by name, description (plus task categories), field names and category values. */
export function buildCardIndex(cards: readonly DatasetCard[]): CardIndex {
  const search = new MiniSearch<IndexedCard>({
    fields: ["name", "description", "fields", "categories"],
    searchOptions: { boost: BOOST, prefix: true, fuzzy: 0.15, combineWith: "OR" },
  });
  search.addAll(
    cards.map((card) => ({
      id: card.id,
      name: card.name,
      description: [card.description, ...(card.taskCategories ?? [])].join(" "),
      fields: card.fields.map((field) => field.name).join(" "),
      categories: [
        card.categories?.field ?? "",
        ...(card.categories?.values.map((entry) => entry.value) ?? []),
      ].join(" "),
    })),
  );
  return { search, cards: new Map(cards.map((card) => [card.id, card])) };
}

/**
 * Cards ranked for a free-text query, best first (ties by id, so the order is stable), at most
 * `limit`. Words match by prefix and with small typos; cards matching no word are left out.
 */
export function searchCards(index: CardIndex, query: string, limit = 10): CardMatch[] {
  const matches: CardMatch[] = [];
  for (const result of index.search.search(query)) {
    const card = index.cards.get(String(result.id));
    if (card !== undefined) matches.push({ card, score: result.score, terms: result.terms });
  }
  return matches
    .sort((a, b) => b.score - a.score || (a.card.id < b.card.id ? -1 : a.card.id > b.card.id ? 1 : 0))
    .slice(0, limit);
}
