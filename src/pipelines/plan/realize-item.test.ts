import { describe, expect, it } from "vitest";
import { createRng } from "../../core/rng.js";
import { MockLanguageModel } from "../../testing/index.js";
import { scriptedPlanner } from "./__fixtures__/scripted-planner.js";
import { allowedTransformations, chooseTransformation } from "./choose-transformation.js";
import type { Subtask, Transformation } from "./plan-document.js";
import { realizeItem } from "./realize-item.js";

const subtask = (answerType: Subtask["answerType"]): Subtask => ({
  name: "s",
  description: "d",
  answerType,
  schema: { question: "q", answer: "a" },
  rationale: "",
  importance: 1,
});
const mcqRow = { index: 7, values: { question: "2 + 2 = ?", options: ["3", "4", "5"], answer: "B" } };
const openRow = { index: 3, values: { question: "Capital of Fiji?", answer: "Suva" } };
const gsmRow = {
  index: 9,
  values: { question: "Tom has 3 apples and buys 4. How many?", answer: "3 + 4 = 7\n#### 7" },
};

const realize = (
  row: typeof mcqRow | typeof openRow | typeof gsmRow,
  type: Subtask["answerType"],
  kind: Transformation["kind"],
  executor = scriptedPlanner(),
) =>
  realizeItem({
    row,
    cardId: "c",
    subtask: subtask(type),
    transformation: { kind, instructions: "" },
    executor,
    optionCount: 4,
    rng: createRng(1),
  });

describe("chooseTransformation", () => {
  it("allows only the transformations that keep the row's answer for the subtask's answer type", () => {
    expect(allowedTransformations("choice", "choice")).toEqual(["as-is", "rewrite"]);
    expect(allowedTransformations("short", "choice")).toEqual(["add-options"]);
    expect(allowedTransformations("choice", "number")).toEqual(["to-open"]);
    expect(allowedTransformations("unknown", "short")).toEqual([]);
    expect(
      chooseTransformation({
        rows: "choice",
        subtask: "short",
        proposed: { kind: "as-is", instructions: "x" },
      }),
    ).toEqual({
      kind: "to-open",
      instructions: "x",
    });
    expect(
      chooseTransformation({
        rows: "short",
        subtask: "short",
        proposed: { kind: "rewrite", instructions: " reword " },
      }),
    ).toEqual({
      kind: "rewrite",
      instructions: "reword",
    });
  });
});

describe("realizeItem", () => {
  it("as-is keeps the row's item and needs no call", async () => {
    const executor = new MockLanguageModel({ respond: "{}" });
    const realized = await realize(mcqRow, "choice", "as-is", executor);
    expect(realized).toEqual({
      success: true,
      value: {
        item: expect.objectContaining({ question: "2 + 2 = ?", options: ["3", "4", "5"], answer: "B" }),
        sourceAnswer: "4",
      },
    });
    expect(executor.calls).toHaveLength(0);
  });

  it("rewrite rewords the question and keeps options and key", async () => {
    const realized = await realize(mcqRow, "choice", "rewrite");
    expect(realized.success && realized.value.item).toMatchObject({
      question: "Rewritten: 2 + 2 = ?",
      options: ["3", "4", "5"],
      answer: "B",
    });
  });

  it("add-options places the row's answer among the executor's distractors at a seeded position", async () => {
    const realized = await realize(openRow, "choice", "add-options");
    if (!realized.success) throw new Error(realized.error.note);
    const { item } = realized.value;
    expect(item.format).toBe("mcq");
    expect(item.options).toHaveLength(4);
    expect(item.options?.["ABCD".indexOf(item.answer)]).toBe("Suva");
    expect(item.options?.filter((option) => option.startsWith("distractor"))).toHaveLength(3);
  });

  it("to-open drops the options and keeps the correct one's text; number subtasks take GSM8K's final number", async () => {
    const open = await realize(mcqRow, "number", "to-open");
    expect(open.success && open.value.item).toMatchObject({
      format: "open",
      answer: "4",
      question: "2 + 2 = ? (answer in a few words)",
    });
    expect(open.success && open.value.item.options).toBeUndefined();
    const gsm = await realize(gsmRow, "number", "as-is");
    expect(gsm.success && gsm.value).toMatchObject({ item: { answer: "7" }, sourceAnswer: "7" });
  });

  it("too few distractors or unusable output is a rejection with its reason, never a throw", async () => {
    const stingy = new MockLanguageModel({
      respond: JSON.stringify({ question: "Q", distractors: ["one"] }),
    });
    expect(await realize(openRow, "choice", "add-options", stingy)).toEqual({
      success: false,
      error: { check: "invalid-output", pass: false, note: "executor wrote 1 distractors, 3 were asked" },
      rawText: undefined,
    });
    const broken = new MockLanguageModel({ respond: "no json" });
    const failed = await realize(openRow, "choice", "add-options", broken);
    expect(failed.success === false && failed.error.note).toMatch(
      /^executor: model output did not match the schema/,
    );
    const unusable = await realize({ index: 1, values: { prompt: "" } } as never, "choice", "as-is");
    expect(unusable.success === false && unusable.error.check).toBe("unusable-row");
  });
});
