import { formatOption, formatOptions } from "../../core/format-options.js";
import { letterFor } from "../../core/item.js";

/** One model reply to an MCQ item with these options. */
export interface BatteryReply {
  description: string;
  reply: string;
  options: readonly string[];
}

const FOUR = ["Paris", "London", "Berlin", "Madrid"];
const TEN = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
const NUMBERS = ["1,000", "2,500", "12", "2"];

// The replies of src/evaluate/extract-answer.test.ts (its TABLE), in the same order.
const EXTRACTOR_TABLE: Array<[string, string, readonly string[]]> = [
  ["bare letter", "C", FOUR],
  ["bare lower-case letter is a clear answer position", "c", FOUR],
  ["letter in parentheses", "(C)", FOUR],
  ["letter with closing parenthesis", "C)", FOUR],
  ["letter with period", "C.", FOUR],
  ["Answer: prefix", "Answer: C", FOUR],
  ["the answer is (C)", "The answer is (C).", FOUR],
  ["markdown bold letter", "**C**", FOUR],
  ["markdown bold answer line", "**Answer:** B", FOUR],
  ["option C", "option C", FOUR],
  ["full option text, exact", "Berlin", FOUR],
  ["full option text, normalised", "  berlin!! ", FOUR],
  ["letter plus option text", "C) Berlin", FOUR],
  ["JSON object", '{"answer": "C"}', FOUR],
  [
    "JSON in a fenced block with prose",
    'Here is my reply:\n```json\n{"answer": "(D)", "confidence": 0.8}\n```',
    FOUR,
  ],
  ["JSON answer given as option text", '{"answer": "London"}', FOUR],
  [
    "chain of thought: conclusion beats letters in the reasoning",
    "Let's look at each option. A is wrong because Paris is in France. B is wrong too, London is in the UK. So the answer is C.",
    FOUR,
  ],
  [
    "chain of thought ending with Answer: X",
    "Germany's capital moved from Bonn to Berlin in 1990 after reunification.\nOption A refers to France.\n\nAnswer: C",
    FOUR,
  ],
  [
    "English article 'a' is not option A",
    "This is a tricky one, but after a careful look the correct answer is B.",
    FOUR,
  ],
  ["'answer is a bit' is not option A", "The answer is a bit unclear to me, so I cannot choose.", FOUR],
  ["refusal", "I'm sorry, but I can't help with that request.", FOUR],
  ["refusal starting with capital A", "A question like this needs more context; I cannot answer it.", FOUR],
  ["two answers joined by or", "The answer is A or C, I am not sure which.", FOUR],
  ["two different marked letters with no conclusion", "Maybe (A), but (C) is also plausible.", FOUR],
  [
    "later conclusion overrides an earlier one",
    "Answer: A\n\nWait, I misread the question. The correct answer is D.",
    FOUR,
  ],
  ["C is correct form", "Looking again, (B) is wrong and C is the correct answer.", FOUR],
  ["I choose form", "After weighing both, I choose option B.", FOUR],
  ["10 options, letter J", "Answer: J", TEN],
  ["10 options, letter I is an option", "The answer is (I).", TEN],
  ["pronoun I is not option I", "I think the answer is H.", TEN],
  ["letter outside the option range is not an answer", "Answer: E", FOUR],
  ["LaTeX boxed", "We compute the value and get $\\boxed{B}$.", FOUR],
  [
    "reasoning model think block",
    "<think>A seems right at first... no, it must be B.</think>\nThe answer is B.",
    FOUR,
  ],
  ["numbers with thousands separator match option text", "The answer is 1000.", NUMBERS],
  ["option '2' does not match inside '12'", "12", NUMBERS],
  ["lower-case answer after a colon", "final answer: d", FOUR],
  ["Therefore, X.", "Berlin has been the seat of government since 1999. Therefore, C.", FOUR],
  ["so-lead needs the letter to close the sentence", "So A is wrong and we keep thinking.", FOUR],
  ["heading then letter", "## Answer\nB", FOUR],
  ["answer stated as option text in prose", "After considering all of them, the answer is Madrid.", FOUR],
  ["last line is the letter alone", "Reasoning: London is the capital of the UK, not Germany.\n\nC", FOUR],
  ["empty reply", "   ", FOUR],
  ["capital A as the answer, followed by a reason", "The answer is A because Paris is in France.", FOUR],
  ["upper-case ANSWER lead", "ANSWER: B", FOUR],
  ["'answer is A car' reads A as an article", "The answer is A car, not a bus.", FOUR],
  ["two options only", "The answer is B", ["True", "False"]],
];

// extract-answer.test.ts's second block: every answer form our prompts ask for, every letter.
function everyAnswerForm(): BatteryReply[] {
  return [FOUR, TEN].flatMap((options) =>
    options.flatMap((text, index) => {
      const letter = letterFor(index);
      const replies = [
        letter,
        `Checking each option in turn.\nAnswer: ${letter}`,
        JSON.stringify({ reasoning: "step by step", answer: letter }),
        formatOption(index, text),
        `Answer: ${formatOption(index, text)}`,
        `${formatOptions(options)}\n\nAnswer: ${letter}`,
      ];
      return replies.map((reply) => ({
        description: `${options.length} options, ${letter}`,
        reply,
        options,
      }));
    }),
  );
}

// The kinds of reply a side-by-side run with promptfoo 0.121 graded differently (issue 11), and
// more chain-of-thought endings seen from real models.
const HARNESS_DISAGREEMENTS: Array<[string, string, readonly string[]]> = [
  ["lower-case letter after Answer:", "Berlin became the capital again in 1990.\n\nAnswer: c", FOUR],
  ["bold letter after Answer:", "Paris is in France, London in the UK.\n\nAnswer: **C**", FOUR],
  ["the correct option is C", "Considering the history of reunification, the correct option is C.", FOUR],
  ["boxed letter", "The capital of Germany is Berlin, so the result is \\boxed{C}.", FOUR],
  ["boxed text letter", "Final: $\\boxed{\\text{C}}$", FOUR],
  ["option text after Answer:", "Germany's seat of government is Berlin.\n\nAnswer: Berlin", FOUR],
  ["option text alone on the last line", "Let me think about which city it is.\n\nBerlin", FOUR],
  [
    "two answers, the last one counts",
    "Answer: B\n\nActually, London is the capital of the UK, not Germany. The final answer is C.",
    FOUR,
  ],
  ["two Answer: lines, the last counts", "Answer: A\nLet me double-check.\nAnswer: C", FOUR],
  ["answer with the option restated", "The answer is C. Berlin", FOUR],
  ["answer is option (D)", "So the answer is option (D).", FOUR],
  ["I would go with", "Both B and C are cities, but I would go with C.", FOUR],
  ["bold final line", "Reasoning goes here.\n\n**Final answer: B**", FOUR],
  ["answer on the line below its heading", "### Final Answer\n\n**D**", FOUR],
  ["the answer is I among ten", "Counting up, the answer is I.", TEN],
  ["letter I closes a sentence", "Thus, I.", TEN],
  ["refusal with a colon", "Note: I cannot determine this from the question.", FOUR],
  ["A is wrong, no conclusion", "A is wrong, and so is B.", FOUR],
  ["letters in a restated option block only", "A. Paris\nB. London\nC. Berlin\nD. Madrid", FOUR],
  ["JSON with reasoning first", '{"reasoning": "Berlin is the capital.", "answer": "C"}', FOUR],
  ["option text inside a long explanation", `${"Berlin ".repeat(40)}\nI am not sure.`, FOUR],
  [
    "long chain of thought ending in Answer: X",
    `${"Consider the history of each city carefully. ".repeat(12)}\n\nAnswer: D`,
    FOUR,
  ],
  ["think block then bare letter", "<think>Maybe (A)? No.</think>\nB", FOUR],
  ["answer as 'choice B'", "My choice: B", FOUR],
];

const rows = (table: Array<[string, string, readonly string[]]>): BatteryReply[] =>
  table.map(([description, reply, options]) => ({ description, reply, options }));

/** The battery every exported grader is checked on against extractChoice. */
export const REPLY_BATTERY: readonly BatteryReply[] = [
  ...rows(EXTRACTOR_TABLE),
  ...everyAnswerForm(),
  ...rows(HARNESS_DISAGREEMENTS),
];

/** Open-answer replies with their reference answers, checked against gradeOpenAnswer. */
export const OPEN_BATTERY: ReadonlyArray<{ reply: string; reference: string }> = [
  { reply: "1000", reference: "1,000" },
  { reply: "Let me convert.\nAnswer: 1,000 metres.", reference: "1,000" },
  { reply: "Answer: one thousand", reference: "1,000" },
  { reply: "The answer is: The Nile", reference: "Nile" },
  { reply: "**Answer:** Paris.", reference: "paris" },
  { reply: "Answer: 5.0", reference: "5" },
  { reply: "   ", reference: "x" },
  { reply: "Answer: A\nAnswer: B", reference: "B" },
  { reply: "answer:\nBerlin", reference: "Berlin" },
  // Numbers: equal within gradeOpenAnswer's relative tolerance once both read as plain numbers.
  { reply: "2.50", reference: "2.5" },
  { reply: "3358", reference: "3,357" },
  { reply: "Answer: -1,234.50", reference: "-1234.5" },
  { reply: "The answer is: 0.5", reference: ".5" },
  { reply: "Answer: -0", reference: "0" },
  { reply: "Answer: 1000000.5", reference: "1,000,000.4" },
  // Either side of the tolerance: 1/1000001 is within 1e-6, 2/1000002 is not.
  { reply: "Answer: 1000001", reference: "1,000,000" },
  { reply: "Answer: 1000002", reference: "1,000,000" },
  { reply: "Answer: 3.14159", reference: "3.14" },
  { reply: "Adding the two parts gives twelve and a half.\nAnswer: 12.50.", reference: "12.5" },
  { reply: "Answer: 12.50 apples", reference: "12.5" },
  { reply: "Answer: 1e3", reference: "1000" },
  { reply: "Answer: 1,23", reference: "123" },
  { reply: "Answer: +7.00", reference: "7" },
];
