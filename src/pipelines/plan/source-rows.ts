import type { Rng } from "../../core/rng.js";
import { type CardRow, type DatasetCard, readDatasetRowsFor } from "../../sources/dataset-cards/index.js";
import type { PlannedSource } from "./plan-document.js";
import { segmentsOf } from "./source-segments.js";

/** A stable key of a row across sources: its card and its position in the card's dataset. */
export const rowKey = (card: string, index: number): string => `${card}#${index}`;

/**
 * The rows a plan draws from. Each card's rows are read once per run; a source's rows come in a
 * fixed order for the seed (each segment shuffled, segments interleaved so items spread over the
 * category values), and a row taken by any source is never handed out again.
 */
export class SourceRows {
  private readonly rowsByCard = new Map<string, Promise<CardRow[]>>();
  private readonly orders = new Map<string, Promise<CardRow[]>>();
  private readonly cursors = new Map<string, number>();
  private readonly taken = new Set<string>();

  constructor(
    private readonly cards: ReadonlyMap<string, DatasetCard>,
    private readonly rng: Rng,
  ) {}

  /** Marks rows as used (resume: the rows earlier sessions already turned into candidates). */
  markTaken(keys: Iterable<string>): void {
    for (const key of keys) this.taken.add(key);
  }

  /** The next `count` rows of `source` no source has taken yet (fewer when it runs out); they are taken. */
  async next(source: PlannedSource, count: number): Promise<CardRow[]> {
    const order = await this.orderOf(source);
    const key = sourceKey(source);
    let cursor = this.cursors.get(key) ?? 0;
    const rows: CardRow[] = [];
    while (rows.length < count && cursor < order.length) {
      const row = order[cursor++] as CardRow;
      const taken = rowKey(source.card, row.index);
      if (this.taken.has(taken)) continue;
      this.taken.add(taken);
      rows.push(row);
    }
    this.cursors.set(key, cursor);
    return rows;
  }

  /** Rows of `source` not taken yet. */
  async remaining(source: PlannedSource): Promise<number> {
    const order = await this.orderOf(source);
    return order.filter((row) => !this.taken.has(rowKey(source.card, row.index))).length;
  }

  private rowsOf(card: DatasetCard): Promise<CardRow[]> {
    let rows = this.rowsByCard.get(card.id);
    if (rows === undefined) {
      rows = readDatasetRowsFor(card).then((page) => page.rows);
      this.rowsByCard.set(card.id, rows);
    }
    return rows;
  }

  private orderOf(source: PlannedSource): Promise<CardRow[]> {
    const key = sourceKey(source);
    let order = this.orders.get(key);
    if (order === undefined) {
      order = this.buildOrder(source);
      this.orders.set(key, order);
    }
    return order;
  }

  private async buildOrder(source: PlannedSource): Promise<CardRow[]> {
    const card = this.cards.get(source.card);
    if (card === undefined) return [];
    const rows = await this.rowsOf(card);
    const lanes = segmentsOf(source, card).map((segment) => {
      const field = segment.field;
      const matching =
        field === undefined
          ? rows
          : rows.filter((row) => String(row.values[field] ?? "").trim() === segment.value);
      // Keyed by segment, so two sources sharing a segment see its rows in the same order.
      return this.rng.fork(`rows:${segment.key}`).shuffle(matching);
    });
    const order: CardRow[] = [];
    for (let position = 0; lanes.some((lane) => position < lane.length); position++)
      for (const lane of lanes) if (position < lane.length) order.push(lane[position] as CardRow);
    return order;
  }
}

function sourceKey(source: Pick<PlannedSource, "card" | "filter">): string {
  return `${source.card}|${source.filter === undefined ? "*" : `${source.filter.field}=${source.filter.values.join(",")}`}`;
}
