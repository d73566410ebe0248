import { fillTemplate, type TemplateSlots } from "../../core/fill-template.js";

/**
 * Every prompt of the plan pipeline, as templates with named `{{slot}}`s filled by
 * core/fill-template.ts; `{{options}}` is always core/format-options.ts's "A. text" block. The
 * first line of each user template is a `### plan-<step>` heading: it tells the model what the
 * message is for and lets scripted test models recognise the step.
 */
export interface PlanPromptTemplate {
  readonly step: string;
  readonly system: string;
  readonly template: string;
}

const PLANNER_SYSTEM =
  "You are an expert designer of evaluation benchmarks for language models. You decompose needs into " +
  "testable capabilities, judge datasets soberly, and always answer in the exact JSON format requested.";

const EXECUTOR_SYSTEM =
  "You turn dataset rows into precise, self-contained benchmark items. You never change a ground-truth " +
  "answer, and you answer in the exact JSON format requested.";

const VERIFIER_SYSTEM =
  "You are a strict reviewer of benchmark items. You check each item on its own merits and answer in " +
  "the exact JSON format requested.";

export const PLAN_PROMPTS = {
  design: {
    step: "plan-design",
    system: PLANNER_SYSTEM,
    template: `### plan-design
A user needs a benchmark: "{{query}}"

Decompose the need into 1 to {{maxSubtasks}} subtasks. Each subtask tests one core capability the
need names (no micro-skill fragments, no overlap), and together they cover the need. For each give a
name, a description of what its items test, an answer type (choice, short or number; prefer choice),
a minimal item schema (a question, at most one context, an answer: say what each holds), a rationale,
and an importance from 1 to 5 (its share of the benchmark).

Datasets the user has (items may be built from them, or written from scratch):
{{datasets}}

Your previous design: {{previous}}
Feedback on it: {{feedback}}

Check your design against this checklist and report it honestly: coreCapabilities (each subtask tests
a core capability of the need), noMicroSkills, distinct (no two overlap), coversQuery (together they
cover the need), minimalSchema (question + at most one context -> answer).
If the need cannot be decomposed into testable subtasks, leave "subtasks" empty and say why in
"cannotDecompose".

Reply with JSON: {"subtasks": [{"name": "...", "description": "...", "answerType": "choice",
"schema": {"question": "...", "context": "...", "answer": "..."}, "rationale": "...", "importance": 3}],
"checklist": {"coreCapabilities": true, "noMicroSkills": true, "distinct": true, "coversQuery": true,
"minimalSchema": true}, "cannotDecompose": ""}`,
  },
  ground: {
    step: "plan-ground",
    system: PLANNER_SYSTEM,
    template: `### plan-ground
Subtask: {{name}}
What it tests: {{description}}
Answer type: {{answerType}}
Item schema: {{schema}}

Candidate datasets (retrieved by their cards):
{{candidates}}

Judge every candidate for this subtask, each score from 0 to 1: alignment (its items test what the
subtask tests), coverage (enough relevant rows of the right kind), simplicity (how simply a row becomes
an item), risk (leakage, licence, quality problems; 1 = high risk) and overall (your overall judgement).
When a candidate has category values, list in "values" the ones that fit the subtask (empty: all).
Give a transformation: kind "as-is" (rows are items already), "rewrite" (reword a row into the
subtask's format), "add-options" (write distractors around the row's answer) or "to-open" (drop the
options, keep the correct one as the answer), with instructions for the writer.

Reply with JSON: {"candidates": [{"card": "<id>", "alignment": 0.8, "coverage": 0.7, "simplicity": 0.9,
"risk": 0.1, "overall": 0.8, "values": ["..."], "transformation": {"kind": "as-is", "instructions": "..."},
"notes": "..."}]}`,
  },
  rewrite: {
    step: "plan-rewrite",
    system: EXECUTOR_SYSTEM,
    template: `### plan-rewrite
Rewrite this dataset row into an item of the subtask "{{subtask}}" ({{description}}).
Instructions: {{instructions}}

Question: {{question}}
Options:
{{options}}
Answer: {{answer}}

Keep the meaning, so the same answer stays correct; do not reveal the answer in the question. The
options and the answer are kept as they are.

Reply with JSON: {"question": "<the rewritten question, including any context it needs>"}`,
  },
  addOptions: {
    step: "plan-add-options",
    system: EXECUTOR_SYSTEM,
    template: `### plan-add-options
Turn this dataset row into a multiple-choice item of the subtask "{{subtask}}" ({{description}}).
Instructions: {{instructions}}

Question: {{question}}
Correct answer: {{answer}}

Write exactly {{count}} distractors: plausible, wrong, distinct from each other and from the correct
answer, of similar length and form. You may reword the question so it reads as a multiple-choice
question, without revealing the answer.

Reply with JSON: {"question": "...", "distractors": ["...", "..."]}`,
  },
  toOpen: {
    step: "plan-to-open",
    system: EXECUTOR_SYSTEM,
    template: `### plan-to-open
Turn this multiple-choice row into a {{answerType}}-answer item of the subtask "{{subtask}}" ({{description}}).
Instructions: {{instructions}}

Question: {{question}}
Options:
{{options}}
Correct answer: {{answer}}

Rewrite the question so it can be answered without options and the correct answer above is its
one right answer. Do not reveal the answer.

Reply with JSON: {"question": "..."}`,
  },
  inspect: {
    step: "plan-inspect",
    system: VERIFIER_SYSTEM,
    template: `### plan-inspect
Subtask: {{subtask}} ({{description}}); answer type: {{answerType}}

Question: {{question}}
Options:
{{options}}
Answer: {{answer}}
Source: {{source}}

Check the item: alignment (it tests what the subtask tests), answerable (self-contained, an expert can
answer it), correct (the given answer is right{{sourceCheck}}), unambiguous (exactly one defensible
answer). Say in "notes" what fails.

Reply with JSON: {"alignment": true, "answerable": true, "correct": true, "unambiguous": true, "notes": ""}`,
  },
  fix: {
    step: "plan-fix",
    system: EXECUTOR_SYSTEM,
    template: `### plan-fix
Repair the wording or formatting of this item of the subtask "{{subtask}}". Repairs to make:
{{repairs}}

Question: {{question}}
Options:
{{options}}
Answer: {{answer}}

Change only what the repairs ask. Never change the answer: keep the correct option's text and letter
(or the answer text) exactly as they are.

Reply with JSON: {"question": "...", "options": ["..."], "answer": "{{answer}}"}`,
  },
} as const satisfies Record<string, PlanPromptTemplate>;

export type PlanPromptName = keyof typeof PLAN_PROMPTS;

/** A plan prompt as system + user message, its slots filled. */
export function renderPlanPrompt(
  name: PlanPromptName,
  slots: TemplateSlots,
): { system: string; prompt: string } {
  const entry = PLAN_PROMPTS[name];
  return { system: entry.system, prompt: fillTemplate(entry.template, slots) };
}
