import { fillTemplate, type TemplateSlots } from "../../core/fill-template.js";
import type { ChatMessage } from "../../core/language-model.js";

/**
 * Every prompt of the make pipeline, as templates with named `{{slot}}`s filled by
 * core/fill-template.ts; `{{options}}` is always core/format-options.ts's "A. text" block, the
 * one eval shows. The first line of each user template is a `### <step>` heading: it tells the
 * model what the message is for and lets scripted test models recognise the step.
 */
export interface PromptTemplate {
  readonly step: string;
  readonly system: string;
  /** The first user message; with a `tail`, the prefix every call of the step shares byte for byte. */
  readonly template: string;
  /** What one call adds after the shared prefix, sent as a second user message (absent: one message). */
  readonly tail?: string;
}

const WRITER_SYSTEM =
  "You are an expert author of evaluation benchmarks for language models. You write precise, " +
  "self-contained, unambiguous questions and always answer in the exact JSON format requested.";

const SOLVER_SYSTEM = "You are a careful expert. Solve the question and reply in the exact format requested.";

export const MAKE_PROMPTS = {
  paraphraseDemand: {
    step: "paraphrase-demand",
    system: WRITER_SYSTEM,
    template: `### paraphrase-demand
Rewrite the following assessment demand in different words while keeping exactly the same meaning,
scope and difficulty. Do not add or drop requirements.

Demand: {{demand}}

Reply with JSON: {"paraphrase": "<the rewritten demand>"}`,
  },
  expandDemand: {
    step: "expand-demand",
    system: WRITER_SYSTEM,
    template: `### expand-demand
A user wants a benchmark for this assessment demand:
"{{demand}}"

Describe precisely what the benchmark items must look like:
- task: what ability the benchmark measures and what is in and out of scope;
- query: what a good question looks like (content, length, required reasoning, self-containedness);
- options: what the {{optionCount}} answer options look like (one correct, plausible distractors, similar length).

Reply with JSON: {"task": "...", "query": "...", "options": "..."}`,
  },
  generateAttributes: {
    step: "generate-attributes",
    system: WRITER_SYSTEM,
    template: `### generate-attributes
Benchmark demand: {{demand}}
Task description: {{task}}

List the attributes along which questions for this benchmark should vary so the benchmark covers
the whole demand (for example sub-topic, context, question type, required skill). Give 3 to 6
attributes, each with 4 to 10 distinct values.

Reply with JSON: {"attributes": [{"name": "...", "values": ["...", "..."]}]}`,
  },
  generateStrategies: {
    step: "generate-strategies",
    system: WRITER_SYSTEM,
    template: `### generate-strategies
Benchmark demand: {{demand}}
Task description: {{task}}

Identify the attributes of a question that most affect how difficult it is for this benchmark
(for example the number of reasoning steps, how familiar the knowledge is, how subtle the
distractors are, how long the context is). Give 4 to 8 such difficulty dimensions. For each, list
2 to 5 mutually exclusive values ordered from easiest to hardest, each with a difficulty
coefficient from 1 (adds no difficulty) to 10 (adds the most), compared across all dimensions.
Any combination of one value per dimension must describe a possible question.

Reply with JSON: {"dimensions": [{"name": "...", "values": [{"value": "...", "difficulty": 1}, {"value": "...", "difficulty": 4}]}]}`,
  },
  generateItem: {
    step: "generate-item",
    system: WRITER_SYSTEM,
    // Only run-wide slots here: this message is the cached prefix of every attempt of the run.
    template: `### generate-item
Write one new multiple-choice question for this benchmark.

Demand: {{demand}}
Task: {{task}}
Query: {{query}}
Options: {{optionsDescription}}

Requirements: exactly {{optionCount}} options, exactly one of them correct, the question must be
self-contained, and the explanation must name options by their text, not by letter (options are shuffled later).
{{procedure}}{{rating}}
Reply with JSON only, with the fields in this order:
{{format}}`,
    tail: `{{attributes}}{{strategy}}{{references}}
Now write the question, following the requirements and the reply format above.`,
  },
  directItem: {
    step: "direct-item",
    system: WRITER_SYSTEM,
    template: `### direct-item
Write one multiple-choice question for a benchmark on: {{demand}}
Task: {{task}}
Query: {{query}}
Options: {{optionsDescription}}
Give exactly {{optionCount}} options with exactly one correct; in the explanation name options by their text.
{{rating}}
Reply with JSON only, with the fields in this order:
{{format}}`,
  },
  testTaker: {
    step: "test-taker",
    system: SOLVER_SYSTEM,
    template: `### test-taker
Answer the multiple-choice question. Think step by step, then give the letter of the one correct option.

Question: {{question}}
{{options}}

Reply with JSON: {"reasoning": "<your step-by-step solution>", "answer": "<one letter from {{letters}}>"}`,
  },
  testTakerOpen: {
    step: "test-taker-open",
    system: SOLVER_SYSTEM,
    template: `### test-taker-open
Answer the question. Think step by step, then give your final answer, as short as possible.

Question: {{question}}

Reply with JSON: {"reasoning": "<your step-by-step solution>", "answer": "<your short final answer>"}`,
  },
  discriminate: {
    step: "discriminate",
    system: SOLVER_SYSTEM,
    template: `### discriminate
Two solutions of the same multiple-choice question reach different answers. Check each solution
step by step on its own merits (neither its position nor its length says anything), find where
the wrong one goes wrong, and decide which option is correct. If no option is correct, more than
one is, or the question is ambiguous or flawed, say so.

Question: {{question}}
{{options}}

Solution 1 (answer {{firstAnswer}}):
{{firstRationale}}

Solution 2 (answer {{secondAnswer}}):
{{secondRationale}}

Reply with JSON: {"comparison": "<where the two solutions diverge and why>", "verdict": "<the letter of the correct option ({{letters}}), or flawed>"}`,
  },
  convertOpen: {
    step: "convert-open",
    system: WRITER_SYSTEM,
    template: `### convert-open
Convert this multiple-choice question into an open-ended question that has one short, checkable
reference answer. The open question must ask for the same thing without listing options; rewrite
wording such as "which of the following" so it stands alone.

Question: {{question}}
{{options}}
Correct answer: {{answer}}

Reply with JSON: {"question": "<open-ended question>", "answer": "<short reference answer>"}`,
  },
} as const satisfies Record<string, PromptTemplate>;

export type MakePromptName = keyof typeof MAKE_PROMPTS;

/** Pieces of the generation templates that depend on the switches (self-correction, references, rating). */
export const GENERATE_ITEM_PARTS = {
  stepwiseProcedure: `Work stepwise and correct yourself before writing the item (the fields come in this order):
1. analysis: what this question must test, given the demand and any attributes and difficulty attributes below;
2. draft: a first draft of the question;
3. solution: solve your draft step by step and determine the correct answer;
4. distractors: write plausible wrong options, each based on a specific mistake, and check each is really wrong;
5. recheck: verify there is exactly one correct option, the question is unambiguous and self-contained
   (and harder than and different from the references, if any); fix any problem in the final version.
`,
  rating: `Rate the difficulty of your question from 1 (the simplest: lower-grade elementary school) to
10 (the hardest: top human level or beyond) in the "difficulty" field.
`,
  attributes: `Attributes you may draw on (the question should ideally reflect them; you may disregard an
attribute that conflicts with the demand or with another attribute):
{{list}}
`,
  strategy: `Difficulty attributes the question should meet (if some of them conflict, you may selectively
ignore them):
{{list}}
`,
  references: `Here are existing questions of this benchmark:
{{list}}
Write a question that is HARDER than all of them and DIFFERENT from them (another sub-topic, angle or form).
`,
} as const;

const STEPWISE_FORMAT =
  '"analysis": "...", "draft": "...", "solution": "...", "distractors": "...", "recheck": "...", ';
const ITEM_FORMAT =
  '"question": "...", "options": ["...", "..."], "answer": "<letter>", "explanation": "..."';

/** The reply format line, fields in schema order (stepwise first, rating last, as candidate.ts builds it). */
export function replyFormat(options: { stepwise: boolean; rated: boolean }): string {
  const rating = options.rated ? ', "difficulty": <1-10>' : "";
  return `{${options.stepwise ? STEPWISE_FORMAT : ""}${ITEM_FORMAT}${rating}}`;
}

// Kept for callers outside this pipeline's prompt files until they import core/fill-template.ts.
export { fillTemplate as renderTemplate } from "../../core/fill-template.js";

/** Renders one of MAKE_PROMPTS as prompt + system input for the generate helpers (throws on a slot mismatch). */
export function renderPrompt(name: MakePromptName, slots: TemplateSlots): { system: string; prompt: string } {
  const entry: PromptTemplate = MAKE_PROMPTS[name];
  return { system: entry.system, prompt: fillTemplate(entry.template, slots) };
}

/** A prompt in its parts: the system message, the shared prefix and what this call adds ("" for nothing). */
export interface SplitPrompt {
  system: string;
  prefix: string;
  tail: string;
}

/** The prompts that have a per-call tail after their shared prefix. */
export type SplitPromptName = {
  [Name in MakePromptName]: (typeof MAKE_PROMPTS)[Name] extends { tail: string } ? Name : never;
}[MakePromptName];

/**
 * Renders a prompt with a tail: `shared` fills the prefix (run-wide values only, so it is the same
 * bytes for every call), `perCall` the tail; an empty tail is dropped (throws on a slot mismatch).
 */
export function renderSplitPrompt(
  name: SplitPromptName,
  slots: { shared: TemplateSlots; perCall: TemplateSlots },
): SplitPrompt {
  const entry = MAKE_PROMPTS[name];
  const tail = fillTemplate(entry.tail, slots.perCall);
  const hasContent = Object.values(slots.perCall).some((value) => String(value) !== "");
  return {
    system: entry.system,
    prefix: fillTemplate(entry.template, slots.shared),
    tail: hasContent ? tail : "",
  };
}

/** The messages of a split prompt: system, the prefix as the first user message, the tail as a second. */
export function splitPromptMessages(prompt: SplitPrompt): ChatMessage[] {
  return [
    { role: "system", content: prompt.system },
    { role: "user", content: prompt.prefix },
    ...(prompt.tail === "" ? [] : [{ role: "user" as const, content: prompt.tail }]),
  ];
}
