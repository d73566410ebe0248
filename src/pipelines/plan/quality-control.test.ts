import { describe, expect, it } from "vitest";
import type { Item } from "../../core/item.js";
import { MockLanguageModel } from "../../testing/index.js";
import { mechanicalFix, parseShownItem, scriptedPlanner } from "./__fixtures__/scripted-planner.js";
import { checkItem } from "./check-item.js";
import type { Subtask } from "./plan-document.js";
import { controlItem } from "./quality-control.js";

const subtask: Subtask = {
  name: "pharmacology",
  description: "drug mechanisms",
  answerType: "choice",
  schema: { question: "a question", answer: "a letter" },
  rationale: "",
  importance: 1,
};

const item = (overrides: Partial<Item>): Item => ({
  id: "x",
  format: "mcq",
  question: "Which drug class does metformin belong to?",
  options: ["Sulfonylureas", "Biguanides", "Statins", "Beta blockers"],
  answer: "B",
  ...overrides,
});

const origin = { description: 'dataset "pharm", row 3', answer: "Biguanides" };

describe("checkItem (the inspector's deterministic checks)", () => {
  const failures = (
    candidate: Item,
    answerType: Subtask["answerType"] = "choice",
    sourceAnswer: string | undefined = "Biguanides",
  ) =>
    checkItem({ item: candidate, answerType, sourceAnswer })
      .filter((verdict) => !verdict.pass)
      .map((verdict) => `${verdict.check}: ${verdict.note}`);

  it("passes a clean item", () => {
    expect(failures(item({}))).toEqual([]);
  });

  it("flags a leaked answer, duplicate options, a wrong key, the wrong answer type and a broken schema", () => {
    expect(failures(item({ question: "Biguanides such as metformin: which class is metformin?" }))).toEqual([
      "leakage: the question contains the correct option's text",
    ]);
    expect(failures(item({ question: "Which class is metformin? (the answer is B)" }))).toEqual([
      "leakage: the question names the key B",
    ]);
    expect(failures(item({ options: ["Statins", "Biguanides", "statins.", "Beta blockers"] }))).toEqual([
      "option-uniqueness: options A and C are the same",
    ]);
    expect(failures(item({ answer: "C" }))).toEqual([
      'answer-source: the keyed answer is not the source\'s answer "Biguanides"',
    ]);
    expect(failures(item({}), "short")).toEqual(["answer-type: a short-answer subtask takes no options"]);
    expect(
      failures(item({ format: "open", options: undefined, answer: "about five" }), "number", "about five"),
    ).toEqual(['answer-type: the answer "about five" is not a number']);
    expect(failures(item({ answer: "F" }))).toEqual([
      'schema: answer "F" is not the letter of one of the options',
    ]);
  });

  it("does not flag an option text the question shares with the distractors", () => {
    const shared = item({ question: "Statins or biguanides: which class is metformin?" });
    expect(failures(shared)).toEqual([]);
  });
});

describe("controlItem (inspect -> repair plan -> fix -> inspect)", () => {
  it("repairs a leaked answer by rewording the question, keeping the answer", async () => {
    const model = scriptedPlanner();
    const leaked = item({ question: "Metformin is one of the Biguanides. Which class is it?" });
    const outcome = await controlItem({
      item: leaked,
      subtask,
      origin,
      verifier: model,
      executor: model,
      maxFixes: 1,
    });
    expect(outcome.status).toBe("accepted");
    expect(outcome.repaired).toEqual(["leakage"]);
    expect(outcome.item.question).toBe("Metformin is one of the the term in question. Which class is it?");
    expect(outcome.item.answer).toBe("B");
    expect(outcome.item.options).toEqual(leaked.options);
    expect(outcome.inspections).toHaveLength(2);
  });

  it("repairs duplicate options by rewriting the repeated distractor", async () => {
    const model = scriptedPlanner();
    const twice = item({ options: ["Statins", "Biguanides", "Statins", "Beta blockers"] });
    const outcome = await controlItem({
      item: twice,
      subtask,
      origin,
      verifier: model,
      executor: model,
      maxFixes: 1,
    });
    expect(outcome.status).toBe("accepted");
    expect(outcome.item.options).toEqual(["Statins", "Biguanides", "Statins (variant 2)", "Beta blockers"]);
    expect(outcome.item.answer).toBe("B");
  });

  it("rejects a wrong key without asking the verifier or the fixer", async () => {
    const model = scriptedPlanner();
    const outcome = await controlItem({
      item: item({ answer: "A" }),
      subtask,
      origin,
      verifier: model,
      executor: model,
      maxFixes: 1,
    });
    expect(outcome).toMatchObject({
      status: "rejected",
      reason: 'answer-source: the keyed answer is not the source\'s answer "Biguanides"',
    });
    expect(model.calls).toHaveLength(0);
  });

  it("rejects an item the verifier finds wrong (no repair for the answer)", async () => {
    const model = scriptedPlanner({
      inspect: () => ({ correct: false, notes: "metformin is a biguanide, but the key disagrees" }),
    });
    const scratch = { description: "written from scratch", answer: undefined };
    const outcome = await controlItem({
      item: item({}),
      subtask,
      origin: scratch,
      verifier: model,
      executor: model,
      maxFixes: 1,
    });
    expect(outcome).toMatchObject({
      status: "rejected",
      reason: "correct: metformin is a biguanide, but the key disagrees",
    });
    expect(model.calls.map((call) => /^### (\S+)/.exec(call.messages[1]?.content ?? "")?.[1])).toEqual([
      "plan-inspect",
    ]);
  });

  it("refuses a fixer that changes the answer", async () => {
    const sneaky = scriptedPlanner({
      fix: (shown) => ({
        ...(mechanicalFix(shown) as object),
        options: ["Sulfonylureas", "Statins", "Biguanides", "Beta blockers"],
      }),
    });
    const twice = item({ options: ["Statins", "Biguanides", "Statins", "Beta blockers"] });
    const outcome = await controlItem({
      item: twice,
      subtask,
      origin,
      verifier: sneaky,
      executor: sneaky,
      maxFixes: 1,
    });
    expect(outcome).toMatchObject({
      status: "rejected",
      reason: "fix-refused: the fixer changed the correct option's text",
    });
    const keyChanger = scriptedPlanner({
      fix: (shown) => ({ ...(mechanicalFix(shown) as object), answer: "C" }),
    });
    const second = await controlItem({
      item: twice,
      subtask,
      origin,
      verifier: keyChanger,
      executor: keyChanger,
      maxFixes: 1,
    });
    expect(second.reason).toBe('fix-refused: the fixer changed the answer from "B" to "C"');
  });

  it("rejects with the reason when a repaired item still fails and no fix is left", async () => {
    const stubborn = scriptedPlanner({ fix: (shown) => shown });
    const twice = item({ options: ["Statins", "Biguanides", "Statins", "Beta blockers"] });
    const outcome = await controlItem({
      item: twice,
      subtask,
      origin,
      verifier: stubborn,
      executor: stubborn,
      maxFixes: 1,
    });
    expect(outcome).toMatchObject({
      status: "rejected",
      reason: "option-uniqueness: options A and C are the same",
    });
    expect(outcome.inspections).toHaveLength(2);
  });

  it("counts invalid verifier JSON (after its repair attempt) as a rejection with its reason", async () => {
    const broken = new MockLanguageModel({ respond: "not json at all" });
    const outcome = await controlItem({
      item: item({}),
      subtask,
      origin,
      verifier: broken,
      executor: broken,
      maxFixes: 1,
    });
    expect(outcome.status).toBe("rejected");
    expect(outcome.reason).toMatch(
      /^invalid-output: verifier: model output did not match the schema after one repair attempt/,
    );
    expect(broken.calls).toHaveLength(2);
  });

  it("shows the verifier the item as the scripted parser reads it", () => {
    const prompt =
      "### plan-inspect\nSubtask: s\n\nQuestion: Q?\nOptions:\nA. one\nB. two\nAnswer: B\nSource: x";
    expect(parseShownItem(prompt)).toEqual({ question: "Q?", options: ["one", "two"], answer: "B" });
  });
});
