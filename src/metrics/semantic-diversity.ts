import { defineCriterion, formatNumber } from "./define-criterion.js";
import {
  denseDistance,
  meanPairwiseDistanceParallel,
  rootMeanSquaredPairwiseDistance,
  sampledMeanPairwiseDistance,
  toDenseVectors,
} from "./pairwise-distance.js";
import { projectEmbeddings } from "./projection.js";
import { sparseMeanPairwiseDistance, tfidfVectors } from "./tfidf.js";
import { itemText } from "./tokenize.js";
import type { CriterionValue } from "./types.js";

/** Pairs·dimension above which the exact O(N²·d) loop gives way to a sampled estimate (~2.5 s on one core). */
export const EXACT_DENSE_BUDGET = 4e9;
const SAMPLE_PAIRS = 200_000;

export const semanticDiversity = defineCriterion({
  id: "semantic-diversity",
  description: "Mean pairwise Euclidean distance of item embeddings",
  higherIsBetter: true,
  needs: ["items"],
  optional: ["embedder"],
  async compute({ items, embedder, rng }): Promise<CriterionValue> {
    const texts = items.map((item) => itemText(item, "question+options"));
    if (embedder === undefined) {
      const { vectors, vocabularySize } = tfidfVectors(texts);
      const result = sparseMeanPairwiseDistance({ vectors, vocabularySize, rng: rng.fork("semantic") });
      // The fallback is labelled in all three columns: it measures word overlap, not meaning.
      return {
        value: result.estimate,
        display: `${formatNumber(result.estimate)} (lexical)`,
        notes: `${result.exact ? "exact" : `sampled ${SAMPLE_PAIRS} pairs ± ${formatNumber(result.standardError, 4)} SE`}; no embedder given (--embedder): TF-IDF LEXICAL FALLBACK, not semantic, not comparable with the paper's figure; unit vectors, range 0..1.414`,
        used: `TF-IDF lexical fallback (${vocabularySize} terms)`,
      };
    }
    const embedded = await embedder.embed(texts);
    const vectors = toDenseVectors(embedded.vectors);
    const embedderNote = embedded.note === undefined ? "" : `; ${embedded.note}`;
    const projection = projectEmbeddings({
      vectors,
      itemIds: items.map((item) => item.id),
      difficulties: items.map((item) => item.difficulty),
      rng: rng.fork("projection"),
    });
    const used = embedder.semantic ? embedder.label : `${embedder.label} (LEXICAL, not semantic)`;
    const work = ((vectors.count * (vectors.count - 1)) / 2) * vectors.dimension;
    const bound = rootMeanSquaredPairwiseDistance(vectors);
    if (work <= EXACT_DENSE_BUDGET) {
      const value = await meanPairwiseDistanceParallel(vectors);
      return {
        value,
        display: formatNumber(value),
        notes: `exact over all pairs; RMS distance ${formatNumber(bound)} bounds it above${embedderNote}`,
        used,
        projection,
      };
    }
    const sampled = sampledMeanPairwiseDistance({
      count: vectors.count,
      pairs: SAMPLE_PAIRS,
      rng: rng.fork("semantic"),
      distance: (i, j) => denseDistance(vectors, i, j),
    });
    return {
      value: sampled.estimate,
      display: formatNumber(sampled.estimate),
      notes: `sampled ${SAMPLE_PAIRS} pairs, ± ${formatNumber(sampled.standardError, 4)} SE (exact would cost ${work.toExponential(1)} multiply-adds); RMS bound ${formatNumber(bound)}${embedderNote}`,
      used,
      projection,
    };
  },
});
