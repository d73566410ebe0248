import { describe, expect, it } from "vitest";
import { formatOption, formatOptions } from "../core/format-options.js";
import { letterFor } from "../core/item.js";
import { extractChoice, extractChoiceDetailed } from "./extract-answer.js";

const FOUR = ["Paris", "London", "Berlin", "Madrid"];
const TEN = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
const NUMBERS = ["1,000", "2,500", "12", "2"];

// [description, reply, options, expected letter or null]
const TABLE: Array<[string, string, readonly string[], string | null]> = [
  ["bare letter", "C", FOUR, "C"],
  ["bare lower-case letter is a clear answer position", "c", FOUR, "C"],
  ["letter in parentheses", "(C)", FOUR, "C"],
  ["letter with closing parenthesis", "C)", FOUR, "C"],
  ["letter with period", "C.", FOUR, "C"],
  ["Answer: prefix", "Answer: C", FOUR, "C"],
  ["the answer is (C)", "The answer is (C).", FOUR, "C"],
  ["markdown bold letter", "**C**", FOUR, "C"],
  ["markdown bold answer line", "**Answer:** B", FOUR, "B"],
  ["option C", "option C", FOUR, "C"],
  ["full option text, exact", "Berlin", FOUR, "C"],
  ["full option text, normalised", "  berlin!! ", FOUR, "C"],
  ["letter plus option text", "C) Berlin", FOUR, "C"],
  ["JSON object", '{"answer": "C"}', FOUR, "C"],
  [
    "JSON in a fenced block with prose",
    'Here is my reply:\n```json\n{"answer": "(D)", "confidence": 0.8}\n```',
    FOUR,
    "D",
  ],
  ["JSON answer given as option text", '{"answer": "London"}', FOUR, "B"],
  [
    "chain of thought: conclusion beats letters in the reasoning",
    "Let's look at each option. A is wrong because Paris is in France. B is wrong too, London is in the UK. So the answer is C.",
    FOUR,
    "C",
  ],
  [
    "chain of thought ending with Answer: X",
    "Germany's capital moved from Bonn to Berlin in 1990 after reunification.\nOption A refers to France.\n\nAnswer: C",
    FOUR,
    "C",
  ],
  [
    "English article 'a' is not option A",
    "This is a tricky one, but after a careful look the correct answer is B.",
    FOUR,
    "B",
  ],
  ["'answer is a bit' is not option A", "The answer is a bit unclear to me, so I cannot choose.", FOUR, null],
  ["refusal", "I'm sorry, but I can't help with that request.", FOUR, null],
  [
    "refusal starting with capital A",
    "A question like this needs more context; I cannot answer it.",
    FOUR,
    null,
  ],
  ["two answers joined by or", "The answer is A or C, I am not sure which.", FOUR, null],
  ["two different marked letters with no conclusion", "Maybe (A), but (C) is also plausible.", FOUR, null],
  [
    "later conclusion overrides an earlier one",
    "Answer: A\n\nWait, I misread the question. The correct answer is D.",
    FOUR,
    "D",
  ],
  ["C is correct form", "Looking again, (B) is wrong and C is the correct answer.", FOUR, "C"],
  ["I choose form", "After weighing both, I choose option B.", FOUR, "B"],
  ["10 options, letter J", "Answer: J", TEN, "J"],
  ["10 options, letter I is an option", "The answer is (I).", TEN, "I"],
  ["pronoun I is not option I", "I think the answer is H.", TEN, "H"],
  ["letter outside the option range is not an answer", "Answer: E", FOUR, null],
  ["LaTeX boxed", "We compute the value and get $\\boxed{B}$.", FOUR, "B"],
  [
    "reasoning model think block",
    "<think>A seems right at first... no, it must be B.</think>\nThe answer is B.",
    FOUR,
    "B",
  ],
  ["numbers with thousands separator match option text", "The answer is 1000.", NUMBERS, "A"],
  ["option '2' does not match inside '12'", "12", NUMBERS, "C"],
  ["lower-case answer after a colon", "final answer: d", FOUR, "D"],
  ["Therefore, X.", "Berlin has been the seat of government since 1999. Therefore, C.", FOUR, "C"],
  ["so-lead needs the letter to close the sentence", "So A is wrong and we keep thinking.", FOUR, null],
  ["heading then letter", "## Answer\nB", FOUR, "B"],
  [
    "answer stated as option text in prose",
    "After considering all of them, the answer is Madrid.",
    FOUR,
    "D",
  ],
  [
    "last line is the letter alone",
    "Reasoning: London is the capital of the UK, not Germany.\n\nC",
    FOUR,
    "C",
  ],
  ["empty reply", "   ", FOUR, null],
  ["capital A as the answer, followed by a reason", "The answer is A because Paris is in France.", FOUR, "A"],
  ["upper-case ANSWER lead", "ANSWER: B", FOUR, "B"],
  ["'answer is A car' reads A as an article", "The answer is A car, not a bus.", FOUR, null],
  ["two options only", "The answer is B", ["True", "False"], "B"],
];

describe("extractChoice", () => {
  it("has at least 30 real-looking cases", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
  });

  for (const [description, reply, options, expected] of TABLE) {
    it(description, () => {
      expect(extractChoice(reply, options)).toBe(expected);
    });
  }

  it("reports how the letter was found", () => {
    expect(extractChoiceDetailed('{"answer":"B"}', FOUR).method).toBe("json");
    expect(extractChoiceDetailed("So the answer is C.", FOUR).method).toBe("conclusion");
    expect(extractChoiceDetailed("Berlin", FOUR).method).toBe("option-text");
    expect(extractChoiceDetailed("no idea", FOUR)).toEqual({ letter: null, method: "none" });
  });
});

// Every prompt shows options through core/format-options.ts ("A. text") and asks for a bare letter
// (eval direct, audit probe), an "Answer: X" last line (eval chain of thought, lm-eval/promptfoo
// exports) or JSON with an "answer" field (make's test-taker): each must read back as that letter.
describe("extractChoice reads every answer form our prompts ask for", () => {
  for (const options of [FOUR, TEN]) {
    it(`${options.length} options, every letter`, () => {
      for (const [index, text] of options.entries()) {
        const letter = letterFor(index);
        const replies = [
          letter,
          `Checking each option in turn.\nAnswer: ${letter}`,
          JSON.stringify({ reasoning: "step by step", answer: letter }),
          formatOption(index, text),
          `Answer: ${formatOption(index, text)}`,
          // A reply that restates the whole option block before concluding.
          `${formatOptions(options)}\n\nAnswer: ${letter}`,
        ];
        for (const reply of replies) expect([reply, extractChoice(reply, options)]).toEqual([reply, letter]);
      }
    });
  }
});
