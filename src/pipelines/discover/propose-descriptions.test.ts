import { describe, expect, it } from "vitest";
import { MockLanguageModel } from "../../testing/index.js";
import { proposeDescriptions } from "./propose-descriptions.js";

const earlier = [{ id: "D1", iteration: 0, description: "Byzantine coinage" }];
const common = { domain: "world history", desiderata: "Desiderata: hard questions.", seed: 4 };

describe("proposeDescriptions", () => {
  it("shows the trajectory, continues the ids, keeps parents and rejects duplicates and extras", async () => {
    const proposer = new MockLanguageModel({
      respond: JSON.stringify({
        proposals: [
          { description: "Byzantine coinage — exact dates", parent: "D1", requirement: "exact dates" },
          { description: "byzantine COINAGE", parent: null, requirement: null },
          { description: "Hanseatic trade" },
          { description: "Inca roads" },
        ],
      }),
    });
    const step = await proposeDescriptions({
      ...common,
      proposer,
      trajectory: 'D1 "Byzantine coinage" | accuracies: a 0.90 [0.70, 0.97] | n=20',
      count: 2,
      earlier,
      firstIteration: 3,
      perIteration: 2,
    });
    expect(step).toEqual({
      descriptions: [
        {
          id: "D2",
          iteration: 3,
          description: "Byzantine coinage — exact dates",
          parent: "D1",
          requirement: "exact dates",
        },
        { id: "D3", iteration: 3, description: "Hanseatic trade" },
      ],
      rejected: [
        { description: "byzantine COINAGE", reason: "duplicate of D1" },
        { description: "Inca roads", reason: "more than the 2 asked for" },
      ],
    });
    const prompt = proposer.lastUserMessage(0);
    expect(prompt).toMatch(/^### propose\n/);
    expect(prompt).toContain('D1 "Byzantine coinage" | accuracies: a 0.90 [0.70, 0.97]');
    expect(prompt).toContain("Propose 2 new dataset descriptions");
    expect(proposer.calls[0]?.seed).toBe(4);
  });

  it("without a trajectory asks for everything at once and spreads the proposals over iterations", async () => {
    const proposer = new MockLanguageModel({
      respond: JSON.stringify({
        proposals: ["a", "b", "c", "d", "e"].map((description) => ({ description })),
      }),
    });
    const step = await proposeDescriptions({
      ...common,
      proposer,
      trajectory: undefined,
      count: 4,
      earlier: [],
      firstIteration: 0,
      perIteration: 2,
    });
    expect(step.descriptions.map((entry) => [entry.id, entry.iteration])).toEqual([
      ["D1", 0],
      ["D2", 0],
      ["D3", 1],
      ["D4", 1],
    ]);
    expect(proposer.lastUserMessage(0)).toMatch(/^### propose-all\n/);
    expect(proposer.lastUserMessage(0)).not.toContain("Trajectory");
  });

  it("an unusable reply is a failure with the reason, not a throw", async () => {
    const proposer = new MockLanguageModel({ respond: "Here are some ideas: history!" });
    const step = await proposeDescriptions({
      ...common,
      proposer,
      trajectory: "(nothing explored yet)",
      count: 3,
      earlier: [],
      firstIteration: 0,
      perIteration: 3,
    });
    expect(step.descriptions).toEqual([]);
    expect(step.failure).toMatch(/^proposer: model output did not match the schema after one repair attempt/);
    expect(proposer.calls).toHaveLength(2);
  });
});
