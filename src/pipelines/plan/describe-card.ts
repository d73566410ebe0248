import type { DatasetCard } from "../../sources/dataset-cards/index.js";

const clip = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** One line per card for the design agent: what exists, not every detail. */
export function listCardsBriefly(cards: readonly DatasetCard[]): string {
  if (cards.length === 0) return "(none: every item will be written from scratch)";
  return cards
    .map(
      (card) =>
        `- ${card.name} (${card.rowCount} rows, ${card.answerFormat}): ${clip(card.description, 240)}`,
    )
    .join("\n");
}

/**
 * A candidate as the grounding agent sees it: id (what it must name), size, licence, answer format,
 * fields with examples, and every category value with its count (what a filter may pick).
 */
export function describeCandidate(card: DatasetCard, position: number): string {
  const lines = [
    `Candidate ${position}: id=${card.id} name="${card.name}" rows=${card.rowCount} usable=${card.usableRows} ` +
      `answer=${card.answerFormat}${card.answerField ? ` (field "${card.answerField}")` : " (no answer field)"}` +
      ` license=${card.license ?? "unknown"}`,
    `  description: ${clip(card.description, 400)}`,
    `  fields: ${card.fields
      .map(
        (field) =>
          `${field.name}: ${field.type}${field.examples[0] ? ` e.g. "${clip(field.examples[0], 60)}"` : ""}`,
      )
      .join("; ")}`,
  ];
  if (card.categories !== undefined) {
    const values = card.categories.values.map((entry) => `${entry.value} (${entry.count})`).join(", ");
    lines.push(`  ${card.categories.field} values: ${values}`);
  }
  return lines.join("\n");
}
