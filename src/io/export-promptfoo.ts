import { dirname, join } from "node:path";
import { stringify } from "yaml";
import type { Item } from "../core/item.js";
import { buildEvalPrompt } from "../evaluate/build-prompt.js";
import { EXPORT_MAX_TOKENS, type ExportFormat } from "./export-format.js";
import {
  PROMPTFOO_GRADER_FILE,
  type PromptfooGraderConfig,
  promptfooGraderSource,
} from "./export-graders/promptfoo-grader.js";
import { writeTextFile } from "./write-text-file.js";

const DEFAULT_PROVIDERS = ["openai:gpt-4o-mini"];
/** The chat prompt file written beside the config: our system message, then the item's prompt. */
const PROMPT_FILE = "benchsmith-prompt.json";
const CHAT_PROMPT = [
  { role: "system", content: "{{system}}" },
  { role: "user", content: "{{prompt}}" },
];

/**
 * promptfoo provider entry for a benchsmith model ref, at temperature 0 with an output-token limit
 * under the provider's own option name. promptfoo spells some providers differently
 * (anthropic:messages:<model>, ollama:chat:<model>); refs it cannot run (local GGUF files) are
 * left out and listed in the file's description. `showThinking: false` keeps reasoning text out
 * of the graded output, as benchsmith eval does.
 */
export function promptfooProvider(
  ref: string,
  maxTokens: number = EXPORT_MAX_TOKENS,
): Record<string, unknown> | undefined {
  const colon = ref.indexOf(":");
  const provider = ref.slice(0, colon);
  const model = ref.slice(colon + 1);
  // OpenAI reasoning models ignore max_tokens there and keep their own (unlimited) default.
  const chat = { temperature: 0, max_tokens: maxTokens, showThinking: false };
  if (provider === "openai") return { id: `openai:chat:${model}`, label: ref, config: chat };
  if (provider === "anthropic") return { id: `anthropic:messages:${model}`, label: ref, config: chat };
  if (provider === "google")
    return { id: `google:${model}`, label: ref, config: { temperature: 0, maxOutputTokens: maxTokens } };
  if (provider === "ollama")
    return {
      id: `ollama:chat:${model}`,
      label: ref,
      config: { temperature: 0, num_predict: maxTokens, showThinking: false },
    };
  if (provider === "openai-compatible") {
    const hash = model.lastIndexOf("#");
    return {
      id: `openai:chat:${model.slice(hash + 1)}`,
      label: ref,
      config: { ...chat, apiBaseUrl: model.slice(0, hash) },
    };
  }
  return undefined;
}

function testCase(item: Item): Record<string, unknown> {
  const { system, prompt } = buildEvalPrompt(item, { chainOfThought: true });
  const grader: PromptfooGraderConfig =
    item.format === "mcq"
      ? { format: "mcq", options: item.options ?? [], answer: item.answer }
      : { format: "open", answer: item.answer };
  return {
    description: item.id,
    vars: { system, prompt, question: item.question, answer: item.answer },
    assert: [{ type: "javascript", value: `file://${PROMPTFOO_GRADER_FILE}`, config: grader }],
    metadata: {
      id: item.id,
      format: item.format,
      ...(item.category !== undefined ? { category: item.category } : {}),
      ...(item.difficulty !== undefined ? { difficulty: item.difficulty } : {}),
    },
  };
}

/**
 * promptfoo config (promptfooconfig.yaml) plus two files beside it: `benchsmith-prompt.json`, the
 * chat prompt (our system message and the `benchsmith eval --cot` prompt of each test), and
 * `benchsmith-grade.cjs`, the javascript assertion every test runs, which reads the reply with
 * the rules of `benchsmith eval`. Providers come at temperature 0 with an output-token limit.
 */
export const promptfooExport: ExportFormat = {
  id: "promptfoo",
  description:
    "promptfooconfig.yaml + chat prompt + grader (benchsmith's answer extraction as a javascript assertion)",
  fileExtension: ".yaml",
  output: "file",
  async write(items, outPath, options) {
    const maxTokens = options.maxTokens ?? EXPORT_MAX_TOKENS;
    const refs = options.models && options.models.length > 0 ? options.models : DEFAULT_PROVIDERS;
    const providers = refs.flatMap((ref) => promptfooProvider(ref, maxTokens) ?? []);
    const skipped = refs.filter((ref) => promptfooProvider(ref) === undefined);
    const config = {
      description:
        `${options.name}: ${items.length} items exported by benchsmith` +
        (skipped.length > 0 ? ` (not runnable in promptfoo, left out: ${skipped.join(", ")})` : ""),
      prompts: [`file://${PROMPT_FILE}`],
      providers,
      tests: items.map(testCase),
    };
    const header = "# yaml-language-server: $schema=https://promptfoo.dev/config-schema.json\n";
    const graderPath = join(dirname(outPath), PROMPTFOO_GRADER_FILE);
    const promptPath = join(dirname(outPath), PROMPT_FILE);
    await writeTextFile(outPath, header + stringify(config, { lineWidth: 0 }));
    await writeTextFile(graderPath, promptfooGraderSource());
    await writeTextFile(promptPath, `${JSON.stringify(CHAT_PROMPT, null, 2)}\n`);
    return { files: [outPath, graderPath, promptPath] };
  },
};
