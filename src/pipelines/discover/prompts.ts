/**
 * Every prompt of the discover pipeline, as templates with named `{{slot}}`s filled by
 * core/fill-template.ts. The first line of each user template is a `### <step>` heading: it tells the
 * model what the message is for and lets scripted test models recognise the step. Candidates are
 * asked through evaluate's own prompts (buildEvalPrompt), so what they see is what `eval` shows.
 */
export interface PromptTemplate {
  readonly step: string;
  readonly system: string;
  readonly template: string;
}

const PROPOSER_SYSTEM =
  "You design evaluation benchmarks for language models. You look for topics where the models " +
  "fail, and you answer in the exact JSON format requested.";

const WRITER_SYSTEM =
  "You are an expert author of evaluation benchmarks for language models. You write precise, " +
  "self-contained, unambiguous questions and always answer in the exact JSON format requested.";

const JUDGE_SYSTEM = "You are a careful, impartial grader. Reply with JSON only.";

/** What every written question must satisfy (the {{rules}} slot). */
export const QUESTION_RULES = `Rules for every question:
- It must be answerable by an expert in the domain WITHOUT any passage or program: never mention "the passage", "the text" or "the program".
- It must not contain or give away its answer.
- The reference answer is short: a name, a term, a date or a number.`;

export const DISCOVER_PROMPTS = {
  propose: {
    step: "propose",
    system: PROPOSER_SYSTEM,
    template: `### propose
Domain: {{domain}}

We search for dataset descriptions (topics for a set of questions) within this domain.
{{desiderata}}

Trajectory so far (each description, each candidate model's accuracy with its 95% interval, the scores, n = questions):
{{trajectory}}

Propose {{count}} new dataset descriptions. Each is either new, or refines an earlier one: then give its id as
"parent" and the added requirement as "requirement" (a narrower or harder angle on the parent's topic).
Never repeat an earlier description.

Reply with JSON: {"proposals": [{"description": "...", "parent": "D1" or null, "requirement": "..." or null}]}`,
  },
  proposeAll: {
    step: "propose-all",
    system: PROPOSER_SYSTEM,
    template: `### propose-all
Domain: {{domain}}

We search for dataset descriptions (topics for a set of questions) within this domain.
{{desiderata}}

Propose {{count}} different dataset descriptions at once.

Reply with JSON: {"proposals": [{"description": "...", "parent": null, "requirement": null}]}`,
  },
  salience: {
    step: "salience",
    system: JUDGE_SYSTEM,
    template: `### salience
Domain: {{domain}}
Dataset description: {{description}}

How important is this topic to the domain: would practitioners of the domain expect a competent model to
know it? 1 = central, 0 = trivia nobody needs.

Reply with JSON: {"salience": <number from 0 to 1>, "reason": "<one sentence>"}`,
  },
  writeGrounded: {
    step: "write-grounded",
    system: WRITER_SYSTEM,
    template: `### write-grounded
Domain: {{domain}}
Dataset description: {{description}}

Passages (privileged information: the models under test never see them):
{{passages}}

Write {{count}} questions for this dataset description, each supported by one passage.
{{rules}}
- Give the id of the supporting passage as "passageId" and copy the exact span of it that supports the answer as "support".
{{formatRule}}
{{avoid}}
Reply with JSON: {"questions": [{"question": "...", "answer": "...", "passageId": "...", "support": "..."{{distractorField}}}]}`,
  },
  writeUngrounded: {
    step: "write-ungrounded",
    system: WRITER_SYSTEM,
    template: `### write-ungrounded
Domain: {{domain}}
Dataset description: {{description}}

Write {{count}} questions for this dataset description from your own knowledge.
{{rules}}
{{formatRule}}
{{avoid}}
Reply with JSON: {"questions": [{"question": "...", "answer": "..."{{distractorField}}}]}`,
  },
  writePrograms: {
    step: "write-programs",
    system: WRITER_SYSTEM,
    template: `### write-programs
Domain: {{domain}}
Dataset description: {{description}}

Write {{count}} computational questions for this dataset description. For each, write a program that
computes the answer; the program is privileged information the models under test never see.
{{programRules}}
{{rules}}
{{formatRule}}
{{avoid}}
Reply with JSON: {"questions": [{"question": "...", "program": "..."{{distractorField}}}]}`,
  },
  solvePrograms: {
    step: "solve-programs",
    system: WRITER_SYSTEM,
    template: `### solve-programs
For each question below, write a program that computes its answer.
{{programRules}}

Questions:
{{questions}}

Reply with JSON: {"programs": [{"index": <question number>, "program": "..."}]}`,
  },
  judgeSupport: {
    step: "judge-support",
    system: JUDGE_SYSTEM,
    template: `### judge-support
Question: {{question}}
Reference answer: {{answer}}
Cited span: {{span}}

Does the cited span state or directly imply that the reference answer is the correct answer to the question?

Reply with JSON: {"supported": true or false, "reason": "<one sentence>"}`,
  },
} as const satisfies Record<string, PromptTemplate>;

/** The slot texts that depend on the item format. */
export function formatRules(format: "open" | "mcq"): { formatRule: string; distractorField: string } {
  if (format === "open") return { formatRule: "", distractorField: "" };
  return {
    formatRule:
      '- Also give 3 plausible but wrong answers as "distractors" (same kind and length as the answer).',
    distractorField: ', "distractors": ["...", "...", "..."]',
  };
}

// Enough earlier questions to steer the writer away from repeats without flooding the prompt.
const AVOID_LIMIT = 30;

/** The {{avoid}} slot: the questions this description already has, so a new batch writes others. */
export function formatAvoid(existing: readonly string[]): string {
  if (existing.length === 0) return "";
  const shown = existing.slice(-AVOID_LIMIT).map((question) => `- ${question}`);
  return `\nThese questions exist already; write different ones:\n${shown.join("\n")}\n`;
}
