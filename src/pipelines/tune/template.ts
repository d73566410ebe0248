import type { z } from "zod";
import { formatOptions } from "../../core/format-options.js";
import type { Item } from "../../core/item.js";
import type { ToolCall, ToolDefinition } from "../../core/language-model.js";
import type { Rng } from "../../core/rng.js";

/**
 * One generated item with exact, programmatic ground truth. `data` holds whatever the
 * template needs to score or to run tools (e.g. the simulated database); it is never shown to the model.
 */
export interface TemplateItem {
  id: string;
  format: "open" | "mcq";
  question: string;
  /** MCQ option texts; `answer` is then the option letter. */
  options?: string[];
  answer: string;
  explanation?: string;
  data?: Record<string, unknown>;
}

/** The simulated world one tool-use item runs against; one fresh environment per evaluation. */
export interface ToolEnvironment {
  /** Executes one call and returns the text the model sees as the tool result. */
  execute(call: ToolCall): string;
  /** The end state, as the `answer` string handed to `score`. */
  finalState(): string;
}

/** Tool-use templates: the tools shown to the model and the world they act on. */
export interface TemplateTools {
  definitions(item: TemplateItem): ToolDefinition[];
  createEnvironment(item: TemplateItem): ToolEnvironment;
  /** Upper bound on model turns per item (each turn may hold several tool calls). */
  maxTurns: number;
}

/**
 * A parameterised template (the BeTaL environment). Each field of `paramsSchema` is a bounded
 * number, integer, enum or boolean with `.describe()` (its meaning) and `.meta({ harder: "higher" | "lower" })`
 * (which way makes items harder; enums count later options as larger).
 */
export interface TuneTemplate<Schema extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  paramsSchema: Schema;
  generate(params: z.infer<Schema>, rng: Rng, n: number): TemplateItem[];
  /** true/false or a score in [0, 1]; `answer` is the extracted answer (or the tool end state). */
  score(item: TemplateItem, answer: string): boolean | number;
  /** How the item is put to the model; default: question, options and an "Answer:" instruction. */
  prompt?(item: TemplateItem): string;
  /** Pulls the answer out of the model's text; default: the text after the last "Answer:". */
  extractAnswer?(text: string, item: TemplateItem): string | undefined;
  tools?: TemplateTools;
}

/** Identity helper that keeps the params type flowing from the schema into generate/score. */
export function defineTemplate<Schema extends z.ZodObject>(
  template: TuneTemplate<Schema>,
): TuneTemplate<Schema> {
  return template;
}

/** Default prompt: the question, lettered options for MCQ, and how to state the answer. */
export function defaultPrompt(item: TemplateItem): string {
  const lines = [item.question];
  if (item.format === "mcq" && item.options) {
    lines.push("", formatOptions(item.options));
    lines.push(
      "",
      "Reply with the letter of the correct option on a last line of the form 'Answer: <letter>'.",
    );
  } else {
    lines.push("", "Reply with your final answer on a last line of the form 'Answer: <answer>'.");
  }
  return lines.join("\n");
}

/** Default extraction: text after the last "Answer:" (else the last non-empty line), trimmed. */
export function defaultExtractAnswer(text: string): string | undefined {
  const matches = [...text.matchAll(/answer\s*[:=]\s*(.+)/gi)];
  const last = matches.at(-1)?.[1] ?? text.trim().split(/\r?\n/).at(-1);
  const cleaned = last
    ?.trim()
    .replace(/^\*+|\*+$/g, "")
    .replace(/[.]$/, "")
    .trim();
  return cleaned === undefined || cleaned === "" ? undefined : cleaned;
}

/** Converts a template item to the shared item schema, keeping the params in metadata. */
export function toBenchmarkItem(options: {
  item: TemplateItem;
  template: string;
  params: Record<string, unknown>;
  seed: number;
  rationale?: string;
}): Item {
  const { item } = options;
  return {
    id: item.id,
    format: item.format,
    question: item.question,
    ...(item.options ? { options: item.options } : {}),
    answer: item.answer,
    ...(item.explanation ? { explanation: item.explanation } : {}),
    category: options.template,
    metadata: {
      template: options.template,
      params: options.params,
      ...(item.data ? { data: item.data } : {}),
    },
    provenance: {
      pipeline: "tune",
      step: "final",
      seed: options.seed,
      ...(options.rationale ? { reasoning: options.rationale } : {}),
    },
  };
}

/**
 * `n` items, each from its own forked stream ("item-<i>") with id "<prefix>-<i>": item i does not
 * change when n changes, so a longer benchmark extends a shorter one.
 */
export function generateEach<T>(
  rng: Rng,
  n: number,
  idPrefix: string,
  generateOne: (itemRng: Rng, id: string) => T,
): T[] {
  return Array.from({ length: n }, (_, index) =>
    generateOne(rng.fork(`item-${index}`), `${idPrefix}-${index}`),
  );
}
