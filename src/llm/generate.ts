import { z } from "zod";
import { NoObjectGeneratedError } from "../core/errors.js";
import { extractJson } from "../core/json.js";
import type { ChatMessage, GenerateOptions, GenerateResult, LanguageModel } from "../core/language-model.js";
import { fail, ok, type Result } from "../core/result.js";

/** Call options without messages: a prompt (and optional system) or explicit messages. */
export type PromptInput =
  | { prompt: string; system?: string; messages?: never }
  | { messages: ChatMessage[]; prompt?: never; system?: never };

export type CallSettings = Omit<GenerateOptions, "messages" | "responseFormat">;

export function toMessages(input: PromptInput): ChatMessage[] {
  if (input.messages !== undefined) return input.messages;
  const messages: ChatMessage[] = [];
  if (input.system !== undefined) messages.push({ role: "system", content: input.system });
  messages.push({ role: "user", content: input.prompt });
  return messages;
}

/** Plain text generation. */
export async function generateText(
  options: { model: LanguageModel } & PromptInput & CallSettings,
): Promise<GenerateResult> {
  const { model, prompt: _prompt, system: _system, messages: _messages, ...settings } = options;
  return model.doGenerate({ ...settings, messages: toMessages(options) });
}

/** `n` samples of the same request; each sample has its own cache entry (sampleIndex). */
export async function generateSamples(
  options: { model: LanguageModel; n: number } & PromptInput & CallSettings,
): Promise<GenerateResult[]> {
  const { n, ...rest } = options;
  return Promise.all(Array.from({ length: n }, (_, sampleIndex) => generateText({ ...rest, sampleIndex })));
}

export interface GeneratedObject<T> {
  object: T;
  /** Every response the object took (1, or 2 when the repair attempt was needed). */
  responses: GenerateResult[];
  repaired: boolean;
}

/**
 * Structured generation: JSON schema derived from the zod schema, parsed and validated.
 * Invalid output gets one repair attempt (the model sees its output and the problems);
 * after that a NoObjectGeneratedError result, never a throw, so the step can reject with a reason.
 */
export async function generateObject<T>(
  options: { model: LanguageModel; schema: z.ZodType<T>; schemaName?: string } & PromptInput & CallSettings,
): Promise<Result<GeneratedObject<T>, NoObjectGeneratedError>> {
  const {
    model,
    schema,
    schemaName,
    prompt: _prompt,
    system: _system,
    messages: _messages,
    ...settings
  } = options;
  const jsonSchema = jsonSchemaShown(schema);
  const responseFormat = {
    type: "json" as const,
    schema: jsonSchema,
    ...(schemaName ? { name: schemaName } : {}),
  };
  const messages = toMessages(options);
  const first = await model.doGenerate({ ...settings, messages, responseFormat });
  const firstParse = parseWith(schema, first.text);
  if (firstParse.success) return ok({ object: firstParse.value, responses: [first], repaired: false });

  const repairMessages: ChatMessage[] = [
    ...messages,
    { role: "assistant", content: first.text },
    {
      role: "user",
      content:
        `Your reply could not be used: ${firstParse.error.join("; ")}.\n` +
        `Reply again with only a JSON value that matches this JSON schema, no prose:\n${JSON.stringify(jsonSchema)}`,
    },
  ];
  const second = await model.doGenerate({ ...settings, messages: repairMessages, responseFormat });
  const secondParse = parseWith(schema, second.text);
  if (secondParse.success)
    return ok({ object: secondParse.value, responses: [first, second], repaired: true });
  return fail(
    new NoObjectGeneratedError({
      message: `model output did not match the schema after one repair attempt: ${secondParse.error.join("; ")}`,
      text: second.text,
      issues: secondParse.error,
    }),
    second.text,
  );
}

/**
 * The JSON schema the model is shown, property order kept (backends that decode in schema order
 * write the fields in that order). A schema ending in a transform has no output JSON schema: the
 * model writes its input side, so that is what it is shown.
 */
function jsonSchemaShown(schema: z.ZodType): Record<string, unknown> {
  const endsInTransform = schema instanceof z.ZodPipe && schema.out instanceof z.ZodTransform;
  return z.toJSONSchema(schema, {
    target: "draft-7",
    unrepresentable: "any",
    ...(endsInTransform ? { io: "input" as const } : {}),
  }) as Record<string, unknown>;
}

function parseWith<T>(schema: z.ZodType<T>, text: string): Result<T, string[]> {
  const json = extractJson(text);
  if (!json.success) return fail(["the reply is not valid JSON"]);
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return ok(parsed.data);
  return fail(parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`));
}
