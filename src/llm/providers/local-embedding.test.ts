import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTinyLlamaGguf } from "../../../test/helpers/tiny-gguf.js";
import { ProviderCallError, UserInputError } from "../../core/errors.js";
import { createRng } from "../../core/rng.js";
import { createModelEmbedder } from "../../metrics/model-embedder.js";
import { semanticDiversity } from "../../metrics/semantic-diversity.js";
import { createMemoryCache } from "../middleware/memory-cache.js";
import { wrapEmbeddingForRun } from "../middleware/wrap-for-run.js";
import { createProviderEmbeddingModel } from "./index.js";
import { disposeLocalModels } from "./local-runtime.js";

const prebuiltPackage = `@node-llama-cpp/${process.platform}-${process.arch}`;
const hasPrebuiltBinary = (() => {
  try {
    createRequire(import.meta.url).resolve(prebuiltPackage);
    return true;
  } catch {
    return false;
  }
})();

// The tiny model's hidden size: its embeddings have this many dimensions.
const DIMENSION = 32;
let workDir: string;
let modelPath: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "benchsmith-local-embed-"));
  modelPath = join(workDir, "tiny.gguf");
  writeTinyLlamaGguf(modelPath, { seed: 11, embedding: DIMENSION, heads: 4, layers: 2, ffn: 64 });
});

afterAll(async () => {
  await disposeLocalModels();
  rmSync(workDir, { recursive: true, force: true });
});

const embedder = () =>
  createProviderEmbeddingModel(`local:${modelPath}`, { env: {}, options: { threads: 1 } });

describe.skipIf(!hasPrebuiltBinary)("local embeddings on the tiny GGUF (node-llama-cpp)", () => {
  it("returns one vector of the model's dimension per text, equal for equal texts", async () => {
    const result = await embedder().doEmbed({
      values: ["What is 2 + 2?", "Name a prime number.", "What is 2 + 2?"],
    });
    expect(result.embeddings).toHaveLength(3);
    for (const vector of result.embeddings) {
      expect(vector).toHaveLength(DIMENSION);
      expect(vector.every(Number.isFinite)).toBe(true);
    }
    expect(result.embeddings[2]).toEqual(result.embeddings[0]);
    expect(result.embeddings[1]).not.toEqual(result.embeddings[0]);
    expect(result.latencyMs).toBeGreaterThan(0);
  }, 120_000);

  it("is deterministic across a reload, and counts the tokens it evaluated", async () => {
    const values = ["Which planet is largest?", "Pick the odd one out."];
    const before = await embedder().doEmbed({ values });
    await disposeLocalModels();
    const model = embedder();
    const after = await model.doEmbed({ values });
    expect(after.embeddings).toEqual(before.embeddings);
    const [first, second] = await Promise.all(values.map((value) => model.doEmbed({ values: [value] })));
    expect(first?.usage.inputTokens).toBeGreaterThan(1);
    expect((first?.usage.inputTokens ?? 0) + (second?.usage.inputTokens ?? 0)).toBe(after.usage.inputTokens);
  }, 120_000);

  it("feeds semantic diversity through the cache: the second audit embeds nothing", async () => {
    const cache = createMemoryCache();
    const model = wrapEmbeddingForRun({ model: embedder(), cache, retry: false });
    const items = [
      "Capital of France?",
      "Boiling point of water?",
      "Largest ocean?",
      "Author of Hamlet?",
    ].map((question, index) => ({ id: `q${index}`, format: "open" as const, question, answer: "x" }));
    const row = await semanticDiversity.compute({
      items,
      embedder: createModelEmbedder({ model, label: "local:tiny" }),
      rng: createRng(1),
    });
    // The hand computation: mean Euclidean distance over the 6 pairs of the stored vectors.
    const vectors = (await model.doEmbed({ values: items.map((item) => item.question) })).embeddings;
    let total = 0;
    for (let i = 0; i < 4; i++)
      for (let j = i + 1; j < 4; j++)
        total += Math.hypot(
          ...(vectors[i] as number[]).map((value, k) => value - (vectors[j] as number[])[k]!),
        );
    expect(row.value).toBeCloseTo(total / 6, 9);
    expect(row.used).toBe("local:tiny");
    expect(row.notes).toContain(`${DIMENSION} dims; 0 of 4 texts from the cache; cost unknown (no price)`);
    const again = await semanticDiversity.compute({
      items,
      embedder: createModelEmbedder({ model, label: "local:tiny" }),
      rng: createRng(1),
    });
    expect(again.value).toBe(row.value);
    expect(again.notes).toContain("4 of 4 texts from the cache");
  }, 120_000);

  it("reports a missing file as a user mistake, and an over-long text as a provider error naming contextSize", async () => {
    const missing = createProviderEmbeddingModel(`local:${join(workDir, "nope.gguf")}`, { env: {} });
    const error = await missing.doEmbed({ values: ["x"] }).catch((caught: unknown) => caught);
    expect(UserInputError.isInstance(error) && error.message).toContain("local model file not found");
    // The tiny model was trained on 512 tokens; this text is far longer.
    const long = "word ".repeat(3000);
    const tooLong = await embedder()
      .doEmbed({ values: [long] })
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(tooLong)).toBe(true);
    expect(tooLong).toMatchObject({ isRetryable: false, hint: expect.stringContaining("contextSize") });
  }, 120_000);
});
