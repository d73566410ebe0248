import { ConfigError, ProviderCallError } from "../../core/errors.js";
import {
  type GenerateOptions,
  type GenerateResult,
  identityOf,
  type LanguageModel,
  type ModelMiddleware,
} from "../../core/language-model.js";
import { hashCacheKeyInput, sampleGroupKey } from "../cache-key.js";
import { estimatePromptTokens } from "./rate-limit.js";
import { whenAllAborted } from "./when-all-aborted.js";

export interface SampleBatchOptions {
  /** Most samples asked for in one request (default 16; OpenAI allows up to 128). */
  maxSamplesPerRequest?: number;
}

export const DEFAULT_MAX_SAMPLES_PER_REQUEST = 16;

interface PendingSample {
  request: GenerateOptions;
  resolve: (result: GenerateResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Samples of one request (same request but for `sampleIndex`) arriving in the same event-loop turn go
 * out as one provider call when the model offers `doGenerateSamples` (OpenAI `n`): the prompt is sent
 * and billed once. Each sample still comes back on its own, marked with its `batch`, so the cache
 * above stores it under its own sample index. A provider that answers fewer samples than asked, or
 * rejects the count where a single request succeeds, gets single requests from then on. A model with
 * a write-first `promptCache` (Anthropic) gets the first sample alone, then the rest, so they read
 * the prefix the first one wrote. Requests without a sampleIndex pass straight through.
 */
export function sampleBatchMiddleware(options: SampleBatchOptions = {}): ModelMiddleware {
  const maxSamples = options.maxSamplesPerRequest ?? DEFAULT_MAX_SAMPLES_PER_REQUEST;
  if (!Number.isInteger(maxSamples) || maxSamples < 1) {
    throw new ConfigError({ message: `maxSamplesPerRequest must be a whole number >= 1, got ${maxSamples}` });
  }
  return (model: LanguageModel): LanguageModel => {
    const samples = model.doGenerateSamples?.bind(model);
    const primeFrom = model.promptCache?.minPrefixTokens;
    if (samples === undefined && primeFrom === undefined) return model;
    let honoured = samples !== undefined;
    let groups = new Map<string, PendingSample[]>();
    let flushScheduled = false;

    const single = (member: PendingSample): Promise<void> =>
      model.doGenerate(member.request).then(member.resolve, member.reject);

    const sendTogether = async (groupKey: string, chunk: PendingSample[]): Promise<void> => {
      const [first, ...rest] = chunk as [PendingSample, ...PendingSample[]];
      if (samples === undefined || rest.length === 0) return single(first);
      const { sampleIndex: _sampleIndex, abortSignal: _abortSignal, ...shared } = first.request;
      const abort = whenAllAborted(chunk.map((member) => member.request.abortSignal));
      const sampleIndices = chunk.map((member) => member.request.sampleIndex);
      let results: GenerateResult[];
      try {
        results = await samples(
          { ...shared, ...(abort.signal === undefined ? {} : { abortSignal: abort.signal }) },
          sampleIndices,
        );
      } catch (error) {
        if (!mayRejectSampleCount(error)) {
          for (const member of chunk) member.reject(error);
          return;
        }
        // Alone, the same request tells whether the count or the request itself was refused.
        try {
          first.resolve(await model.doGenerate(first.request));
        } catch (singleError) {
          for (const member of chunk) member.reject(singleError);
          return;
        }
        honoured = false;
        for (const member of rest) void single(member);
        return;
      } finally {
        abort.dispose();
      }
      const answered = results.slice(0, chunk.length);
      if (answered.length < chunk.length) honoured = false;
      const id = hashCacheKeyInput({ samplesOf: groupKey, sampleIndices });
      answered.forEach((result, index) => {
        const batch = { id, index, size: answered.length };
        (chunk[index] as PendingSample).resolve(answered.length > 1 ? { ...result, batch } : result);
      });
      for (const member of chunk.slice(answered.length)) void single(member);
    };

    const send = async (groupKey: string, group: PendingSample[]): Promise<void> => {
      if (honoured) {
        for (let start = 0; start < group.length; start += maxSamples)
          void sendTogether(groupKey, group.slice(start, start + maxSamples));
        return;
      }
      const [first, ...rest] = group as [PendingSample, ...PendingSample[]];
      // Only a prompt long enough to be cached is worth the wait for the first sample; the estimate
      // (~4 characters a token) runs low on JSON and non-English text, so it gets a quarter's margin.
      if (
        rest.length > 0 &&
        primeFrom !== undefined &&
        estimatePromptTokens(first.request) >= primeFrom * 0.75
      )
        await single(first);
      else rest.unshift(first);
      for (const member of rest) void single(member);
    };

    const flush = (): void => {
      const ready = groups;
      groups = new Map();
      flushScheduled = false;
      for (const [groupKey, group] of ready) void send(groupKey, group);
    };

    return {
      ...identityOf(model),
      doGenerate(request: GenerateOptions): Promise<GenerateResult> {
        if (request.sampleIndex === undefined) return model.doGenerate(request);
        return new Promise<GenerateResult>((resolve, reject) => {
          const groupKey = sampleGroupKey({ provider: model.provider, modelId: model.modelId, request });
          let group = groups.get(groupKey);
          if (group === undefined) {
            group = [];
            groups.set(groupKey, group);
          }
          group.push({ request, resolve, reject });
          // The first sample of a turn schedules the flush; its siblings arrive before it runs.
          if (!flushScheduled) {
            flushScheduled = true;
            setImmediate(flush);
          }
        });
      },
    };
  };
}

/** A refusal that may be of the sample count (llama.cpp server answers n > 1 with a 500, others with a 400). */
function mayRejectSampleCount(error: unknown): boolean {
  return ProviderCallError.isInstance(error) && [400, 422, 500].includes(error.statusCode ?? 0);
}
