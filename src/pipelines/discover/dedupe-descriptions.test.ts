import { describe, expect, it } from "vitest";
import { dedupeProposals, descriptionKey } from "./dedupe-descriptions.js";

describe("dedupeProposals", () => {
  const earlier = [
    { id: "D1", description: "Byzantine coinage" },
    { id: "D2", description: "Inca roads — exact dates" },
  ];

  it("rejects duplicates of earlier descriptions and within the batch, whatever the word order or case", () => {
    const { fresh, rejected } = dedupeProposals({
      earlier,
      proposals: [
        { description: "coinage, BYZANTINE" },
        { description: "Hanseatic trade" },
        { description: "hanseatic   trade!" },
        { description: "  " },
        {
          description: "Inca roads — exact dates; minor officials",
          parent: "D2",
          requirement: " minor officials ",
        },
      ],
    });
    expect(fresh).toEqual([
      { description: "Hanseatic trade", parent: undefined, requirement: undefined },
      {
        description: "Inca roads — exact dates; minor officials",
        parent: "D2",
        requirement: "minor officials",
      },
    ]);
    expect(rejected).toEqual([
      { description: "coinage, BYZANTINE", reason: "duplicate of D1" },
      { description: "hanseatic   trade!", reason: "duplicate of another proposal of the same batch" },
      { description: "", reason: "empty description" },
    ]);
  });

  it("drops a parent id that names no earlier description but keeps the description", () => {
    const { fresh } = dedupeProposals({
      earlier,
      proposals: [{ description: "Mughal gardens", parent: "D9" }],
    });
    expect(fresh).toEqual([{ description: "Mughal gardens", parent: undefined, requirement: undefined }]);
    expect(descriptionKey("The Mughal, gardens")).toBe("gardens mughal");
  });
});
