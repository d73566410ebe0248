import { describe, expect, it } from "vitest";
import { buildDatasetCard } from "./build-dataset-card.js";
import { inferAnswerShape } from "./infer-answer-shape.js";
import { describeFields, findCategories } from "./infer-card-fields.js";

const file = { path: "/d/x.jsonl", format: "jsonl", rowCount: 0 };

describe("inferAnswerShape", () => {
  it("choice when rows carry options (lists or letter columns), whatever the answer looks like", () => {
    expect(inferAnswerShape([{ question: "q", choices: ["a", "b"], answer: 1 }])).toMatchObject({
      answerFormat: "choice",
      optionsField: "choices",
    });
    expect(inferAnswerShape([{ Question: "q", A: "x", B: "y", Answer: "B" }])).toMatchObject({
      answerFormat: "choice",
      questionField: "Question",
      optionsField: "A, B",
      answerField: "Answer",
    });
  });

  it("number at >= 90% numeric answers (GSM8K '#### n' counts), short below, unknown without an answer", () => {
    const numeric = Array.from({ length: 9 }, (_, index) => ({
      problem: "p",
      answer: index % 2 ? `${index}` : `so #### ${index}`,
    }));
    expect(inferAnswerShape([...numeric, { problem: "p", answer: "seven" }]).answerFormat).toBe("number");
    expect(
      inferAnswerShape([...numeric.slice(0, 8), { problem: "p", answer: "x" }, { problem: "p", answer: "y" }])
        .answerFormat,
    ).toBe("short");
    expect(inferAnswerShape([{ text: "no answer here" }])).toEqual({ answerFormat: "unknown" });
  });

  it("a field counts only when at least half of the rows have it", () => {
    const rows = [{ question: "a", answer: "x" }, { question: "b" }, { question: "c" }];
    expect(inferAnswerShape(rows).answerField).toBeUndefined();
  });
});

describe("describeFields and findCategories", () => {
  it("types in order of first appearance, mixed types joined, examples distinct and truncated", () => {
    const long = "word ".repeat(40);
    const fields = describeFields([
      { id: 1, text: long, tags: ["a"], score: 0.5, extra: null },
      { id: "two", text: "short", tags: ["b", "c"], score: 1 },
      { id: 3, text: "short", tags: [], score: 2, flag: true },
    ]);
    expect(fields.map((field) => [field.name, field.type])).toEqual([
      ["id", "integer|string"],
      ["text", "string"],
      ["tags", "list|list<string>"],
      ["score", "integer|number"],
      ["extra", "null"],
      ["flag", "boolean"],
    ]);
    const text = fields[1]?.examples ?? [];
    expect(text).toHaveLength(2);
    expect(text[0]).toHaveLength(80);
    expect(text[0]?.endsWith("…")).toBe(true);
    expect(fields[0]?.examples).toEqual(["1", "two", "3"]);
  });

  it("categories: most frequent first, ties by value, capped; unique-per-row fields are not categories", () => {
    const rows = ["b", "a", "c", "a", "b", "d"].map((topic, index) => ({ topic, type: `t${index}` }));
    expect(findCategories(rows, { exclude: new Set(), maxValues: 3 })).toEqual({
      field: "topic",
      distinct: 4,
      values: [
        { value: "a", count: 2 },
        { value: "b", count: 2 },
        { value: "c", count: 1 },
      ],
    });
    expect(findCategories(rows, { exclude: new Set(["topic"]), maxValues: 3 })).toBeUndefined();
  });
});

describe("buildDatasetCard", () => {
  it("counts rows importRows accepts, and writes a description from the rows when there is no README", () => {
    const card = buildDatasetCard({
      id: "x",
      name: "x",
      path: "/d/x.jsonl",
      files: [{ ...file, rowCount: 3 }],
      rows: [
        { question: "Q1?", options: ["a", "b"], answer: "A", subject: "law" },
        { question: "Q2?", options: ["a", "b"], answer: "Z", subject: "law" },
        { question: "Q3?", options: ["a", "b"], answer: 1, subject: "medicine" },
      ],
    });
    expect(card).toMatchObject({ rowCount: 3, usableRows: 2, answerFormat: "choice" });
    expect(card.description).toBe(
      '3 rows (jsonl) with fields question, options, answer, subject. multiple-choice question in "question", options in "options", answer in "answer". 2 subject values, e.g. law (2), medicine (1).',
    );
  });
});
