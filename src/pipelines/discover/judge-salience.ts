import { z } from "zod";
import { fillTemplate } from "../../core/fill-template.js";
import type { LanguageModel } from "../../core/language-model.js";
import { generateObject } from "../../llm/generate.js";
import type { Salience } from "../../sources/source.js";
import { DISCOVER_PROMPTS } from "./prompts.js";
import type { SalienceRecord } from "./state.js";

const SalienceReplySchema = z.object({ salience: z.number().min(0).max(1), reason: z.string().optional() });

/**
 * The salience of a description: the source's own popularity signal when it has one (Wikipedia
 * pageviews, as AutoBencher's code does), else (or when it has no data) a 0-1 judgment by the judge
 * model. `from` says which; a judge that gives no usable number leaves the value undefined with
 * the reason, never a guess.
 */
export async function judgeSalience(options: {
  domain: string;
  description: string;
  judge: LanguageModel;
  judgeRef: string;
  sourceSalience?: ((topic: string) => Promise<Salience>) | undefined;
  seed: number;
  signal?: AbortSignal | undefined;
}): Promise<SalienceRecord> {
  if (options.sourceSalience === undefined) return judge(options);
  let note: string;
  try {
    const measured = await options.sourceSalience(options.description);
    if (measured.value !== undefined) return { value: measured.value, from: measured.from };
    note = measured.from;
  } catch (error) {
    note = `the source's salience failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  // No popularity signal for this description: the judge decides, and the record says why.
  const judged = await judge(options);
  return { ...judged, from: `${judged.from}; ${note}` };
}

async function judge(options: {
  domain: string;
  description: string;
  judge: LanguageModel;
  judgeRef: string;
  seed: number;
  signal?: AbortSignal | undefined;
}): Promise<SalienceRecord> {
  const template = DISCOVER_PROMPTS.salience;
  const reply = await generateObject({
    model: options.judge,
    schema: SalienceReplySchema,
    schemaName: "salience",
    system: template.system,
    prompt: fillTemplate(template.template, { domain: options.domain, description: options.description }),
    temperature: 0,
    seed: options.seed,
    ...(options.signal ? { abortSignal: options.signal } : {}),
  });
  if (!reply.success) return { from: `a salience judgment (${options.judgeRef} gave none usable)` };
  return { value: reply.value.object.salience, from: `judged by ${options.judgeRef}` };
}
