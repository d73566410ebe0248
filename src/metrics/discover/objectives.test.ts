import { describe, expect, it } from "vitest";
import { UserInputError } from "../../core/errors.js";
import { OBJECTIVES, objectiveById } from "./objectives.js";

describe("OBJECTIVES", () => {
  it("every entry is complete and scores its own default terms", () => {
    for (const [id, objective] of Object.entries(OBJECTIVES)) {
      expect(objective.id).toBe(id);
      expect(objective.description.length).toBeGreaterThan(10);
      const names = Object.keys(objective.defaultWeights);
      expect(names.length).toBeGreaterThan(0);
      for (const weight of Object.values(objective.defaultWeights)) expect(weight).toBeGreaterThanOrEqual(0);
      const inputs = { difficulty: 0.5, separability: 0.25, novelty: 0.5, salience: 1 };
      const result = objective.score({ ...inputs, accuracies: [{ model: "m", accuracy: 0.5, n: 4 }] }, {});
      expect(Number.isFinite(result.value)).toBe(true);
      expect(result.terms.map((term) => term.name).sort()).toEqual(names.sort());
    }
  });

  it("looks objectives up by id and names the known ones otherwise", () => {
    expect(objectiveById("autobencher")).toBe(OBJECTIVES.autobencher);
    expect(() => objectiveById("toString")).toThrow(UserInputError);
    try {
      objectiveById("safety");
    } catch (error) {
      expect(UserInputError.isInstance(error) && error.hint).toBe("choose one of: autobencher");
    }
  });
});
