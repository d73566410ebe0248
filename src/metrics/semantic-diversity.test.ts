import { describe, expect, it } from "vitest";
import type { EmbeddingModel } from "../core/embedding-model.js";
import { ProviderCallError } from "../core/errors.js";
import type { Item } from "../core/item.js";
import { createRng } from "../core/rng.js";
import { createModelEmbedder } from "./model-embedder.js";
import { semanticDiversity } from "./semantic-diversity.js";

const items: Item[] = [
  { id: "a", format: "open", question: "origin", answer: "x" },
  { id: "b", format: "open", question: "three-four", answer: "x" },
  { id: "c", format: "mcq", question: "six-eight", options: ["yes", "no"], answer: "A" },
];

/** An embedding model that maps each text to a fixed vector (by its first word). */
function scripted(
  vectors: Record<string, number[]>,
  extra: Partial<{ costUsd: number; cachedValues: number }> = {},
): EmbeddingModel {
  return {
    specificationVersion: "benchsmith-v1",
    provider: "test",
    modelId: "vectors",
    maxValuesPerCall: 100,
    async doEmbed({ values }) {
      return {
        embeddings: values.map((text) => vectors[text.split("\n")[0] as string] ?? []),
        usage: { inputTokens: values.length },
        ...extra,
      };
    },
  };
}

const points = { origin: [0, 0], "three-four": [3, 4], "six-eight": [6, 8] };

describe("semantic-diversity", () => {
  it("is the mean pairwise Euclidean distance of the embedder's vectors", async () => {
    const row = await semanticDiversity.compute({
      items,
      embedder: createModelEmbedder({ model: scripted(points, { costUsd: 0.00012, cachedValues: 1 }) }),
      rng: createRng(1),
    });
    // Pairs: |(0,0)-(3,4)| = 5, |(0,0)-(6,8)| = 10, |(3,4)-(6,8)| = 5 -> mean 20/3.
    expect(row.value).toBeCloseTo(20 / 3, 12);
    expect(row.used).toBe("test:vectors");
    expect(row.display).not.toContain("lexical");
    expect(row.notes).toContain("exact over all pairs");
    expect(row.notes).toContain("2 dims; 1 of 3 texts from the cache; $0.000120");
  });

  it("keeps a 2-D PCA map of the embeddings with each item's difficulty label, and none for the fallback", async () => {
    const labelled = items.map((item, index) => ({ ...item, difficulty: index / 2 }));
    const row = await semanticDiversity.compute({
      items: labelled,
      embedder: createModelEmbedder({ model: scripted(points) }),
      rng: createRng(1),
    });
    // Collinear points 5 apart: the first axis holds all the variance, centred at the middle one.
    expect(row).toMatchObject({
      projection: {
        total: 3,
        explained: [expect.closeTo(1, 9), expect.closeTo(0, 9)],
        points: [
          { itemId: "a", difficulty: 0, x: expect.closeTo(-5, 9) },
          { itemId: "b", difficulty: 0.5, x: expect.closeTo(0, 9) },
          { itemId: "c", difficulty: 1, x: expect.closeTo(5, 9) },
        ],
      },
    });
    const fallback = await semanticDiversity.compute({ items, rng: createRng(1) });
    expect(fallback).not.toHaveProperty("projection");
  });

  it("embeds what a test-taker reads: the question and its options", async () => {
    const seen: string[] = [];
    const model = scripted(points);
    const recording: EmbeddingModel = {
      ...model,
      doEmbed: (options) => {
        seen.push(...options.values);
        return model.doEmbed(options);
      },
    };
    await semanticDiversity.compute({
      items,
      embedder: createModelEmbedder({ model: recording }),
      rng: createRng(1),
    });
    expect(seen).toEqual(["origin", "three-four", "six-eight\nyes\nno"]);
  });

  it("labels the TF-IDF fallback as lexical in every column when no embedder is given", async () => {
    const row = await semanticDiversity.compute({ items, rng: createRng(1) });
    expect(row.display).toMatch(/\(lexical\)$/);
    expect(row.used).toContain("TF-IDF lexical fallback");
    expect(row.notes).toContain("TF-IDF LEXICAL FALLBACK, not semantic");
    // Three texts sharing no word: unit TF-IDF vectors are orthogonal, each pair sqrt(2) apart.
    expect(row.value).toBeCloseTo(Math.SQRT2, 12);
  });

  it("marks a non-semantic embedder's value as lexical", async () => {
    const lexical = {
      ...createModelEmbedder({ model: scripted(points) }),
      label: "bag-of-words",
      semantic: false,
    };
    const row = await semanticDiversity.compute({ items, embedder: lexical, rng: createRng(1) });
    expect(row.used).toBe("bag-of-words (LEXICAL, not semantic)");
  });

  it("turns vectors of unequal dimension into a provider error (an error row, not a crash)", async () => {
    const broken = scripted({ ...points, origin: [0, 0, 0] });
    const error = await semanticDiversity
      .compute({ items, embedder: createModelEmbedder({ model: broken }), rng: createRng(1) })
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
  });
});
