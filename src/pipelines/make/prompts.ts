import { fillTemplate, type TemplateSlots } from "../../core/fill-template.js";

/**
 * Every prompt of the make pipeline, as templates with named `{{slot}}`s filled by
 * core/fill-template.ts; `{{options}}` is always core/format-options.ts's "A. text" block, the
 * one eval shows. The first line of each user template is a `### <step>` heading: it tells the
 * model what the message is for and lets scripted test models recognise the step.
 */
export interface PromptTemplate {
  readonly step: string;
  readonly system: string;
  readonly template: string;
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

Write strategies that make questions for this benchmark harder, grouped into {{levels}} difficulty
levels (level 1 = mildly harder, level {{levels}} = hardest). Give 2 to 5 concrete strategies per level
(e.g. require an extra reasoning step, combine two concepts, add a plausible trap).

Reply with JSON: {"levels": [{"level": 1, "strategies": ["...", "..."]}]}`,
  },
  generateItem: {
    step: "generate-item",
    system: WRITER_SYSTEM,
    template: `### generate-item
Write one new multiple-choice question for this benchmark.

Demand: {{demand}}
Task: {{task}}
Query: {{query}}
Options: {{optionsDescription}}
{{attributes}}{{strategy}}{{references}}
Requirements: exactly {{optionCount}} options, exactly one of them correct, the question must be
self-contained, and the explanation must name options by their text, not by letter (options are shuffled later).
{{procedure}}
Reply with JSON only:
{{format}}`,
  },
  directItem: {
    step: "direct-item",
    system: WRITER_SYSTEM,
    template: `### direct-item
Write one multiple-choice question for a benchmark on: {{demand}}
Give exactly {{optionCount}} options with exactly one correct; in the explanation name options by their text.

Reply with JSON only: {"question": "...", "options": ["...", "..."], "answer": "<letter>", "explanation": "..."}`,
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
  discriminate: {
    step: "discriminate",
    system: SOLVER_SYSTEM,
    template: `### discriminate
Two solutions of the same multiple-choice question disagree. Compare their reasoning step by step,
find where one of them goes wrong, and decide which answer is correct. If neither is correct, or the
question is ambiguous or flawed, say so.

Question: {{question}}
{{options}}

Solution 1 (answer {{labelAnswer}}):
{{labelRationale}}

Solution 2 (answer {{majorityAnswer}}):
{{majorityRationale}}

Reply with JSON: {"comparison": "<where the two solutions diverge and why>", "verdict": "<{{labelAnswer}}, {{majorityAnswer}}, or flawed>"}`,
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

/** Pieces of the generate-item template that depend on the switches (self-correction, references). */
export const GENERATE_ITEM_PARTS = {
  stepwiseProcedure: `Work stepwise and correct yourself before answering:
1. analysis: what this question must test, given the demand, attributes and strategy;
2. draft: a first draft of the question;
3. solution: solve your draft step by step and determine the correct answer;
4. distractors: write plausible wrong options, each based on a specific mistake, and check each is really wrong;
5. recheck: verify there is exactly one correct option, the question is unambiguous and self-contained
   (and harder than and different from the references, if any); fix any problem in the final version.
`,
  stepwiseFormat:
    '{"analysis": "...", "draft": "...", "solution": "...", "distractors": "...", "recheck": "...", ' +
    '"question": "...", "options": ["...", "..."], "answer": "<letter>", "explanation": "..."}',
  plainFormat: '{"question": "...", "options": ["...", "..."], "answer": "<letter>", "explanation": "..."}',
  attributes: "The question must have these attributes:\n{{list}}\n",
  strategy: "Make it harder with this strategy: {{strategy}}\n",
  references: `Here are existing questions of this benchmark:
{{list}}
Write a question that is HARDER than all of them and DIFFERENT from them (another sub-topic, angle or form).
`,
} as const;

// Kept for callers outside this pipeline's prompt files until they import core/fill-template.ts.
export { fillTemplate as renderTemplate } from "../../core/fill-template.js";

/** Renders one of MAKE_PROMPTS as prompt + system input for the generate helpers (throws on a slot mismatch). */
export function renderPrompt(name: MakePromptName, slots: TemplateSlots): { system: string; prompt: string } {
  const entry: PromptTemplate = MAKE_PROMPTS[name];
  return { system: entry.system, prompt: fillTemplate(entry.template, slots) };
}
