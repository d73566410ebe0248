import { describe, expect, it } from "vitest";
import { fillTemplate, templateSlotNames } from "../core/fill-template.js";
import type { Item } from "../core/item.js";
import { buildChoicePrompt, buildEvalPrompt } from "./build-prompt.js";
import { EVAL_PROMPTS } from "./prompts.js";

const MCQ: Item = {
  id: "q1",
  format: "mcq",
  question: "Which is a prime?",
  options: ["4", "7", "9"],
  answer: "B",
};

describe("buildEvalPrompt", () => {
  it("direct MCQ: the question, the lettered options and the letters to reply with", () => {
    expect(buildEvalPrompt(MCQ, { chainOfThought: false })).toEqual({
      system: "You are taking a multiple-choice test. Answer accurately.",
      prompt:
        "Question: Which is a prime?\n\nOptions:\nA. 4\nB. 7\nC. 9\n\n" +
        "Reply with only the letter of the correct option (A, B or C) and nothing else.",
    });
  });

  it('chain of thought asks for a last line "Answer: X"', () => {
    const { prompt } = buildEvalPrompt(MCQ, { chainOfThought: true });
    expect(prompt).toContain("Options:\nA. 4\nB. 7\nC. 9\n\n");
    expect(prompt).toMatch(/exactly in the form "Answer: X", where X is one of A, B or C\.$/);
  });

  it("open items show no options", () => {
    const open: Item = { id: "o", format: "open", question: "2+2?", answer: "4" };
    expect(buildEvalPrompt(open, { chainOfThought: false }).prompt).toBe(
      "Question: 2+2?\n\nReply with only the final answer, as short as possible, no explanation.",
    );
  });

  it("the loglikelihood prompt ends in 'Answer:' after the same option block", () => {
    expect(buildChoicePrompt(MCQ)).toBe("Question: Which is a prime?\nA. 4\nB. 7\nC. 9\nAnswer:");
  });

  it("every eval template fills exactly its named slots", () => {
    for (const entry of Object.values(EVAL_PROMPTS)) {
      const names = templateSlotNames(entry.user);
      const filled = fillTemplate(entry.user, Object.fromEntries(names.map((name) => [name, `<${name}>`])));
      expect(filled).not.toMatch(/\{\{/);
      expect(templateSlotNames(entry.system)).toEqual([]);
    }
  });
});
