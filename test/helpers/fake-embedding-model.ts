import type { EmbeddingModel, EmbedOptions, EmbedResult } from "../../src/core/embedding-model.js";
import { loopbackEmbedding } from "./loopback-llm-server.js";

/**
 * An in-process embedding model for middleware tests: records each call's values, answers with
 * `loopbackEmbedding(text)` (exact in float32) and 1 token per 4 characters, or fails on demand.
 */
export class FakeEmbeddingModel implements EmbeddingModel {
  readonly specificationVersion = "benchsmith-v1" as const;
  readonly provider: string;
  readonly modelId: string;
  readonly maxValuesPerCall: number;
  readonly calls: string[][] = [];
  private readonly fail: ((values: readonly string[], callIndex: number) => Error | undefined) | undefined;

  constructor(
    options: {
      provider?: string;
      modelId?: string;
      maxValuesPerCall?: number;
      fail?: (values: readonly string[], callIndex: number) => Error | undefined;
    } = {},
  ) {
    this.provider = options.provider ?? "fake";
    this.modelId = options.modelId ?? "fake-embed";
    this.maxValuesPerCall = options.maxValuesPerCall ?? 2048;
    this.fail = options.fail;
  }

  async doEmbed(options: EmbedOptions): Promise<EmbedResult> {
    const callIndex = this.calls.length;
    this.calls.push([...options.values]);
    const error = this.fail?.(options.values, callIndex);
    if (error !== undefined) throw error;
    return {
      embeddings: options.values.map((text) => loopbackEmbedding(text)),
      usage: { inputTokens: options.values.reduce((sum, text) => sum + tokensOf(text), 0) },
      latencyMs: 10,
    };
  }
}

/** The fake's token count for one text. */
export function tokensOf(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
