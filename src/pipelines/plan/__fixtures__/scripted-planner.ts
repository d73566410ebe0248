import type { GenerateOptions } from "../../../core/language-model.js";
import { hashString } from "../../../core/rng.js";
import { MockLanguageModel } from "../../../testing/index.js";
import { firstUserMessage, scriptedGenerator } from "../../make/__fixtures__/scripted-generator.js";

/** A candidate card as the grounding prompt lists it. */
export interface ScriptedCandidate {
  id: string;
  name: string;
  values: string[];
}

/** An item as the inspect and fix prompts show it. */
export interface ShownItem {
  question: string;
  options: string[];
  answer: string;
}

/** Per-step overrides of the scripted planner / executor / verifier; each returns the reply object. */
export interface PlannerScript {
  design?: (prompt: string) => unknown;
  ground?: (subtask: string, candidates: readonly ScriptedCandidate[]) => unknown[];
  inspect?: (item: ShownItem, prompt: string) => Record<string, unknown> | undefined;
  fix?: (item: ShownItem, prompt: string) => unknown;
  /** Delay every reply (ms), to observe concurrency. */
  delayMs?: number;
}

/** The law-and-medicine design the tests and the bench ask for. */
export const LAW_AND_MEDICINE = {
  subtasks: [
    {
      name: "legal reasoning",
      description: "apply law: legal rules, doctrines and jurisprudence applied to cases and statutes",
      answerType: "choice",
      schema: { question: "a legal problem or case", answer: "the letter of the correct option" },
      rationale: "law is half of the need",
      importance: 1,
    },
    {
      name: "medical reasoning",
      description: "clinical medicine and health: diagnosis, treatment and patient care",
      answerType: "choice",
      schema: {
        question: "a clinical vignette or medical question",
        answer: "the letter of the correct option",
      },
      rationale: "medicine is the other half",
      importance: 1,
    },
  ],
  checklist: {
    coreCapabilities: true,
    noMicroSkills: true,
    distinct: true,
    coversQuery: true,
    minimalSchema: true,
  },
  cannotDecompose: "",
};

/** Category values a subtask name points at (law -> law subjects, medicine -> clinical ones). */
const TOPICS: Array<[RegExp, RegExp]> = [
  [/legal|law/i, /law|jurisprudence/i],
  [/medic|clinic|health/i, /medicine|clinical|anatomy|health|nutrition|virology|medical/i],
];

/** Grounding that fits a candidate when some of its category values match the subtask's topic. */
export function groundByTopic(subtask: string, candidates: readonly ScriptedCandidate[]): unknown[] {
  const topic = TOPICS.find(([name]) => name.test(subtask))?.[1];
  return candidates.map((candidate) => {
    const values = topic === undefined ? [] : candidate.values.filter((value) => topic.test(value));
    const fits = values.length > 0;
    return {
      card: candidate.id,
      alignment: fits ? 0.9 : 0.1,
      coverage: fits ? 0.8 : 0.1,
      simplicity: 1,
      risk: 0.1,
      overall: fits ? 0.85 : 0.1,
      values,
      transformation: { kind: "as-is", instructions: "" },
      notes: fits ? `subjects ${values.join(", ")}` : "off topic",
    };
  });
}

export function parseCandidates(prompt: string): ScriptedCandidate[] {
  return prompt
    .split("\nCandidate ")
    .slice(1)
    .map((block) => ({
      id: /id=(\S+)/.exec(block)?.[1] ?? "?",
      name: /name="([^"]*)"/.exec(block)?.[1] ?? "?",
      values: (/\n {2}\S+ values: (.*)/.exec(block)?.[1] ?? "")
        .split(", ")
        .map((entry) => entry.replace(/ \(\d+\)$/, ""))
        .filter((value) => value !== ""),
    }));
}

export function parseShownItem(prompt: string): ShownItem {
  const question = /\nQuestion: ([\s\S]*?)\nOptions:\n/.exec(prompt)?.[1] ?? "";
  const block = /\nOptions:\n([\s\S]*?)\nAnswer: /.exec(prompt)?.[1] ?? "";
  const options = block.split("\n").flatMap((line) => (/^[A-Z]\. /.test(line) ? [line.slice(3)] : []));
  return { question, options, answer: /\nAnswer: (.*)/.exec(prompt)?.[1] ?? "" };
}

/** A fixer that makes the asked repairs mechanically: distinct distractors, the answer's text blanked out. */
export function mechanicalFix(item: ShownItem): unknown {
  const letters = "ABCDEFGHIJ";
  const key = letters.indexOf(item.answer);
  const correct = item.options[key] ?? item.answer;
  // The correct option keeps its text; any distractor repeating an earlier text (or it) is renamed.
  const seen = new Set<string>([correct.toLowerCase()]);
  const options = item.options.map((option, index) => {
    if (index === key) return option;
    let text = option;
    for (let copy = 2; seen.has(text.toLowerCase()); copy++) text = `${option} (variant ${copy})`;
    seen.add(text.toLowerCase());
    return text;
  });
  const question =
    correct.length >= 2 ? item.question.split(correct).join("the term in question") : item.question;
  return { question, options, answer: item.answer };
}

/** Reply text for one plan (or make) prompt; `fallback` answers make's steps. */
export async function planReply(
  script: PlannerScript,
  options: GenerateOptions,
  fallback: (options: GenerateOptions) => Promise<string>,
): Promise<string> {
  const prompt = firstUserMessage(options);
  const step = /^### ([a-z-]+)/.exec(prompt)?.[1];
  const item = () => parseShownItem(prompt);
  switch (step) {
    case "plan-design":
      return JSON.stringify(script.design?.(prompt) ?? LAW_AND_MEDICINE);
    case "plan-ground": {
      const subtask = /\nSubtask: (.*)/.exec(`\n${prompt}`)?.[1] ?? "";
      const candidates = parseCandidates(prompt);
      return JSON.stringify({ candidates: (script.ground ?? groundByTopic)(subtask, candidates) });
    }
    case "plan-inspect": {
      const verdict = script.inspect?.(item(), prompt);
      return JSON.stringify({
        alignment: true,
        answerable: true,
        correct: true,
        unambiguous: true,
        notes: "",
        ...verdict,
      });
    }
    case "plan-fix":
      return JSON.stringify(script.fix?.(item(), prompt) ?? mechanicalFix(item()));
    case "plan-rewrite":
      return JSON.stringify({ question: `Rewritten: ${/\nQuestion: (.*)/.exec(prompt)?.[1] ?? ""}` });
    case "plan-to-open":
      return JSON.stringify({
        question: `${/\nQuestion: (.*)/.exec(prompt)?.[1] ?? ""} (answer in a few words)`,
      });
    case "plan-add-options": {
      const count = Number(/exactly (\d+) distractors/.exec(prompt)?.[1] ?? "3");
      const seed = hashString(prompt);
      const distractors = Array.from(
        { length: count },
        (_, index) => `distractor ${index + 1}-${(seed >>> index) % 97}`,
      );
      return JSON.stringify({ question: /\nQuestion: (.*)/.exec(prompt)?.[1] ?? "", distractors });
    }
    default:
      return fallback(options);
  }
}

/** One MockLanguageModel that plays planner, executor, verifier and make's generator. */
export function scriptedPlanner(script: PlannerScript = {}): MockLanguageModel {
  const make = scriptedGenerator();
  return new MockLanguageModel({
    modelId: "scripted-planner",
    respond: async (options) => {
      if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
      return planReply(script, options, async (request) => (await make.doGenerate(request)).text);
    },
  });
}

/** True for about `share` of the items, the same ones every time (keyed by the question). */
export function hashedShare(text: string, share: number): boolean {
  return (hashString(text) % 1000) / 1000 < share;
}
