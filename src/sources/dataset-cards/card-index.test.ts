import { describe, expect, it } from "vitest";
import { buildCardIndex, searchCards } from "./card-index.js";
import type { DatasetCard } from "./dataset-card.js";

function card(id: string, description: string, categories: string[] = [], name = id): DatasetCard {
  return {
    id,
    name,
    path: `/data/${id}`,
    files: [],
    description,
    fields: [{ name: "question", type: "string", examples: [] }],
    rowCount: 10,
    usableRows: 10,
    answerFormat: "choice",
    ...(categories.length > 0
      ? {
          categories: {
            field: "subject",
            distinct: categories.length,
            values: categories.map((value) => ({ value, count: 1 })),
          },
        }
      : {}),
  };
}

const CARDS = [
  card("medqa", "Medical licensing exam questions.", ["clinical_knowledge", "pharmacology"]),
  card("mixed", "Questions from many exams.", ["professional_law", "college_biology"]),
  card("lawbench", "Legal reasoning over statutes.", [], "law bench"),
  card("trivia", "General trivia questions."),
];

describe("searchCards", () => {
  it("ranks by name, then category values, then description; leaves non-matching cards out", () => {
    const index = buildCardIndex(CARDS);
    const law = searchCards(index, "law");
    expect(law.map((match) => match.card.id)).toEqual(["lawbench", "mixed"]);
    expect(law[0]?.score).toBeGreaterThan(law[1]?.score ?? Number.POSITIVE_INFINITY);
    expect(law[1]?.terms).toEqual(["law"]);
    expect(searchCards(index, "pharmacology exam", 1).map((match) => match.card.id)).toEqual(["medqa"]);
    expect(searchCards(index, "astronomy")).toEqual([]);
  });

  it("matches prefixes and small typos, and orders ties by id", () => {
    const index = buildCardIndex(CARDS);
    expect(searchCards(index, "pharmaco")[0]?.card.id).toBe("medqa");
    expect(searchCards(index, "medcal")[0]?.card.id).toBe("medqa");
    const tied = buildCardIndex([card("b", "same words here"), card("a", "same words here")]);
    expect(searchCards(tied, "words").map((match) => match.card.id)).toEqual(["a", "b"]);
  });
});
