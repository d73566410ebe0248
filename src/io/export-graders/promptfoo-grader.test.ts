import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letterFor } from "../../core/item.js";
import { extractChoiceDetailed } from "../../evaluate/extract-answer.js";
import { gradeOpenAnswer } from "../../evaluate/grade-open-answer.js";
import { RANDOM_REPLY_OPTIONS, randomReplies } from "../__fixtures__/random-replies.js";
import { OPEN_BATTERY, REPLY_BATTERY } from "../__fixtures__/reply-battery.js";
import {
  PROMPTFOO_GRADER_FILE,
  type PromptfooGraderConfig,
  promptfooGraderSource,
} from "./promptfoo-grader.js";

type Grade = { pass: boolean; score: number; reason: string };
type Grader = (output: unknown, context: { config?: PromptfooGraderConfig; vars: object }) => Grade;

let directory: string;
let grade: Grader;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-promptfoo-grader-"));
  const path = join(directory, PROMPTFOO_GRADER_FILE);
  await writeFile(path, promptfooGraderSource());
  // How promptfoo loads a file:// assertion: a dynamic import, then the module's default export.
  const loaded = (await import(pathToFileURL(path).href)) as { default: Grader };
  grade = loaded.default;
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Pass/fail for every possible key, as promptfoo would record them. */
const verdicts = (reply: string, options: readonly string[]): boolean[] =>
  options.map(
    (_, index) =>
      grade(reply, { config: { format: "mcq", options, answer: letterFor(index) }, vars: {} }).pass,
  );

const expected = (reply: string, options: readonly string[]): boolean[] => {
  const letter = extractChoiceDetailed(reply, options).letter;
  return options.map((_, index) => letter === letterFor(index));
};

describe("promptfoo grader", () => {
  it("gives extractChoice's verdict on every reply of the battery, for every key", () => {
    const disagreements = REPLY_BATTERY.filter(
      ({ reply, options }) =>
        JSON.stringify(verdicts(reply, options)) !== JSON.stringify(expected(reply, options)),
    ).map(({ description }) => description);
    expect(disagreements).toEqual([]);
  });

  it("agrees with extractChoice on 2,000 random chain-of-thought replies", () => {
    const replies = randomReplies(2000, { seed: 11, withOptionText: true });
    const disagreements = replies.filter(
      (reply) =>
        JSON.stringify(verdicts(reply, RANDOM_REPLY_OPTIONS)) !==
        JSON.stringify(expected(reply, RANDOM_REPLY_OPTIONS)),
    );
    expect(disagreements).toEqual([]);
  });

  it("says what it read and how, and fails the wrong key", () => {
    const options = ["Paris", "London", "Berlin", "Madrid"];
    const right = grade("Berlin it is.\n\nAnswer: **c**", {
      config: { format: "mcq", options, answer: "C" },
      vars: {},
    });
    expect(right).toEqual({ pass: true, score: 1, reason: "read option C (conclusion); the key is C" });
    const wrong = grade("The answer is A or C.", {
      config: { format: "mcq", options, answer: "C" },
      vars: {},
    });
    expect(wrong).toMatchObject({ pass: false, score: 0, reason: "read no single option; the key is C" });
  });

  it("grades open answers as gradeOpenAnswer does", () => {
    for (const { reply, reference } of OPEN_BATTERY) {
      const graded = grade(reply, { config: { format: "open", answer: reference }, vars: {} });
      expect([reply, graded.pass]).toEqual([reply, gradeOpenAnswer(reply, reference).correct]);
    }
    expect(
      OPEN_BATTERY.filter(({ reply, reference }) => gradeOpenAnswer(reply, reference).correct).length,
    ).toBe(14);
  });

  it("says when it compared the answer as a number", () => {
    const close = grade("Answer: 2.50", { config: { format: "open", answer: "2.5" }, vars: {} });
    expect(close).toEqual({
      pass: true,
      score: 1,
      reason: 'read "2.50"; the reference is "2.5" (compared as numbers)',
    });
    const off = grade("3358", { config: { format: "open", answer: "3,357" }, vars: {} });
    expect(off).toMatchObject({
      pass: false,
      reason: 'read "3358"; the reference is "3,357" (compared as numbers)',
    });
  });

  it("fails, with a reason, an assertion without its config", () => {
    expect(grade("C", { vars: {} })).toMatchObject({ pass: false, score: 0 });
  });
});
