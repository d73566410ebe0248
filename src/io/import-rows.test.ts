import { describe, expect, it } from "vitest";
import { formatCsv, parseCsv } from "./csv.js";
import { importRows, rowFieldNames } from "./import-rows.js";

describe("importRows", () => {
  it("reads HF-style rows: choices list with a 0-based index answer", () => {
    const { items } = importRows([{ question: "2+2?", choices: ["3", "4"], answer: 1, subject: "math" }]);
    expect(items[0]).toMatchObject({
      id: "row-1",
      format: "mcq",
      options: ["3", "4"],
      answer: "B",
      category: "math",
    });
  });

  it("reads ARC-style {label, text} choices with answerKey, and answers given as option text", () => {
    const { items } = importRows([
      {
        id: "arc-1",
        question: "Q?",
        choices: { label: ["A", "B", "C"], text: ["x", "y", "z"] },
        answerKey: "C",
      },
      { id: "t-1", question: "Q?", options: ["red", "blue"], answer: "blue" },
    ]);
    expect(items.map((item) => item.answer)).toEqual(["C", "B"]);
    expect(items[0]?.options).toEqual(["x", "y", "z"]);
  });

  it("reads letter columns (original MMLU CSV layout) and keeps unknown scalar fields as metadata", () => {
    const { items } = importRows([
      { question: "Q?", A: "a", B: "b", C: "c", D: "", answer: "(b)", src: "x" },
    ]);
    expect(items[0]).toMatchObject({ options: ["a", "b", "c"], answer: "B", metadata: { src: "x" } });
  });

  it("rows without options become open items; invalid rows are rejected with a reason", () => {
    const { items, rejected } = importRows([
      { question: "Capital of France?", answer: "Paris", difficulty: "0.3" },
      { question: "Q?", options: ["a", "b"], answer: "E" },
    ]);
    expect(items).toEqual([
      { id: "row-1", format: "open", question: "Capital of France?", answer: "Paris", difficulty: 0.3 },
    ]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.row).toBe(2);
  });
});

describe("importRows: spellings seen on the hub", () => {
  it("ARC rows labelled 1..4 map the answer by label, not as a 0-based index", () => {
    const { items } = importRows([
      {
        id: "arc-n",
        question: "Q?",
        choices: { label: ["1", "2", "3", "4"], text: ["w", "x", "y", "z"] },
        answerKey: "1",
      },
    ]);
    expect(items[0]?.answer).toBe("A");
  });

  it("open answers given as alias lists or SQuAD {text: [...]} take the first; a 1-5 level is metadata", () => {
    const { items } = importRows([
      { question: "Q1?", answer: ["Paris", "paris"] },
      { question: "Q2?", answers: { text: ["x"] }, target: { text: ["Lima"], answer_start: [3] } },
      { question: "Q3?", answer: "42", difficulty: 3, level: "hard" },
    ]);
    expect(items.map((item) => item.answer)).toEqual(["Paris", "Lima", "42"]);
    expect(items[2]).toMatchObject({ metadata: { difficulty: 3, level: "hard" } });
    expect(items[2]?.difficulty).toBeUndefined();
    // Parquet's nullable cells: no difficulty 0 from Number(null), no null metadata.
    const nulls = importRows([{ question: "Q?", answer: "a", difficulty: null, note: null, kept: 0 }])
      .items[0];
    expect(nulls).toEqual({
      id: "row-1",
      format: "open",
      question: "Q?",
      answer: "a",
      metadata: { kept: 0 },
    });
  });

  it("uses given row numbers for fallback ids and rejections, and keeps unused known spellings", () => {
    const { items, itemRows, rejected } = importRows(
      [
        { question: "Q?", answer: "a", category: "c1", subject: "s1" },
        { question: "", answer: "b" },
      ],
      { rowNumbers: [10, 12] },
    );
    expect(items[0]).toMatchObject({ id: "row-10", category: "c1", metadata: { subject: "s1" } });
    expect(itemRows).toEqual([10]);
    expect(rejected).toEqual([{ row: 12, reason: expect.stringMatching(/^no question/) }]);
  });

  it("rowFieldNames reports the keys it reads, case-insensitively, and letter columns", () => {
    expect(rowFieldNames({ Question: "q", A: "1", B: "2", Answer: "A", Subject: "law", qid: 4 })).toEqual({
      question: "Question",
      options: "A, B",
      answer: "Answer",
      category: "Subject",
      id: "qid",
    });
  });
});

describe("csv", () => {
  it("round-trips quotes, commas, line breaks and edge spaces", () => {
    const rows = [
      ["a", "b,c", 'say "hi"'],
      ["line\nbreak", " padded ", ""],
    ];
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
  });
});
