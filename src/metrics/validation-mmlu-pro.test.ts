import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildNgramIndex, findLeakage } from "../audit/leakage.js";
import { createRng } from "../core/rng.js";
import { spearman } from "../stats/correlation.js";
import { ENTROPY_ESTIMATORS } from "../stats/entropy.js";
import { normalCdf, rankConfidence } from "../stats/intervals.js";
import { fitTwoParameterIrt } from "../stats/irt.js";
import { difficultyBoundary } from "./boundary.js";
import { buildCorrectnessMatrix, itemErrorRates, modelAccuracies } from "./correctness-matrix.js";
import { meanPairwiseHamming } from "./knowledge-diversity.js";
import { LEXICAL_DEFAULTS, lexicalEntropy } from "./lexical-diversity.js";
import { itemText } from "./tokenize.js";
import type { CorrectnessMatrix } from "./types.js";

// ../shared sits beside the repo; the data is not shipped with the package
const dataDir = join(import.meta.dirname, "../../../shared/data");

interface ProItem {
  question_id: number | string;
  src: string;
  question: string;
  options: string[];
}

let cache: { byModel: Map<string, Map<string, boolean>>; items: ProItem[] } | undefined;
function data() {
  if (cache) return cache;
  const byModel = new Map<string, Map<string, boolean>>();
  const lines = readFileSync(join(dataDir, "mmlu-pro/responses.csv"), "utf8").split("\n");
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const [model, id, correct] = line.trim().split(",") as [string, string, string];
    let row = byModel.get(model);
    if (!row) {
      row = new Map();
      byModel.set(model, row);
    }
    row.set(id, correct === "1");
  }
  const items = readFileSync(join(dataDir, "mmlu-pro/items.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ProItem);
  cache = { byModel, items };
  return cache;
}

/** Models that answered all 12,032 items (26 of 29), on every item. */
function completeMatrix(): CorrectnessMatrix {
  const { byModel } = data();
  const full = [...byModel.entries()].filter(([, row]) => row.size === 12032);
  return buildCorrectnessMatrix({ outcomes: full.map(([model, correctById]) => ({ model, correctById })) })
    .matrix;
}

describe.skipIf(!existsSync(dataDir))(
  `MMLU-Pro 29-model matrix (real data from ${dataDir}; skipped without it)`,
  () => {
    it("model accuracies match the published model_accuracy.csv", () => {
      const published = readFileSync(join(dataDir, "mmlu-pro/model_accuracy.csv"), "utf8")
        .split("\n")
        .slice(1)
        .filter(Boolean)
        .map((line) => line.trim().split(","));
      expect(published).toHaveLength(29);
      for (const [model, count, accuracy] of published) {
        const row = data().byModel.get(model!)!;
        const single = buildCorrectnessMatrix({ outcomes: [{ model: model!, correctById: row }] }).matrix;
        expect(single.itemIds.length).toBe(Number(count));
        // published to 4 decimals
        expect(Math.abs(modelAccuracies(single).get(model!)! - Number(accuracy))).toBeLessThanOrEqual(
          0.00005 + 1e-12,
        );
      }
    });

    it("knowledge diversity in O(N·M) equals brute-force O(N²·M) on a 1,500-item subsample", () => {
      const matrix = completeMatrix();
      const m = matrix.models.length;
      const rng = createRng("kd");
      const picked = rng.sample(
        Array.from({ length: matrix.itemIds.length }, (_, index) => index),
        1500,
      );
      const correct = new Uint8Array(picked.length * m);
      for (const [row, item] of picked.entries())
        correct.set(matrix.correct.subarray(item * m, item * m + m), row * m);
      let differing = 0;
      for (let i = 0; i < picked.length; i++)
        for (let j = i + 1; j < picked.length; j++)
          for (let k = 0; k < m; k++) if (correct[i * m + k] !== correct[j * m + k]) differing++;
      const brute = differing / ((picked.length * (picked.length - 1)) / 2);
      const fast = meanPairwiseHamming({ models: matrix.models, itemIds: picked.map(String), correct });
      expect(fast).toBeCloseTo(brute, 10);
      const whole = meanPairwiseHamming(matrix);
      console.log(
        `knowledge diversity, MMLU-Pro 26 complete models x 12032 items: ${whole.toFixed(3)} (${(whole / m).toFixed(3)} per model)`,
      );
      expect(whole).toBeGreaterThan(0);
      expect(whole).toBeLessThan(m / 2);
    });

    it("boundary: hardest 20% by a held-out label (error of half the models) vs a direct sort", () => {
      const matrix = completeMatrix();
      const m = matrix.models.length;
      const n = matrix.itemIds.length;
      const rng = createRng("boundary");
      const labelModels = new Set(
        rng.sample(
          Array.from({ length: m }, (_, index) => index),
          Math.floor(m / 2),
        ),
      );
      const labels: number[] = [];
      const errors: number[] = [];
      for (let item = 0; item < n; item++) {
        let labelWrong = 0;
        let wrong = 0;
        for (let model = 0; model < m; model++) {
          const miss = 1 - matrix.correct[item * m + model]!;
          if (labelModels.has(model)) labelWrong += miss;
          else wrong += miss;
        }
        labels.push(labelWrong / labelModels.size);
        errors.push(wrong / (m - labelModels.size));
      }
      const value = difficultyBoundary({ labels, errorRates: errors });
      // independent: expected mean over random tie-breaks = average over many shuffled sorts
      const slots = Math.ceil(0.2 * n);
      let total = 0;
      const shuffles = 20;
      for (let round = 0; round < shuffles; round++) {
        const order = rng
          .shuffle(Array.from({ length: n }, (_, index) => index))
          .sort((a, b) => labels[b]! - labels[a]!);
        total += order.slice(0, slots).reduce((sum, index) => sum + errors[index]!, 0) / slots;
      }
      expect(value).toBeCloseTo(total / shuffles, 2);
      const overall = errors.reduce((a, b) => a + b, 0) / n;
      console.log(
        `boundary on MMLU-Pro (label from 13 models, error of the other 13): ${value.toFixed(3)} vs overall error ${overall.toFixed(3)}`,
      );
      expect(value).toBeGreaterThan(overall);
    });

    it("IRT difficulty tracks observed error rate (Spearman > 0.8 on discriminating items)", () => {
      const matrix = completeMatrix();
      const m = matrix.models.length;
      const fit = fitTwoParameterIrt({
        modelCount: m,
        itemCount: matrix.itemIds.length,
        outcome: (model, item) => (matrix.correct[item * m + model] ? 1 : 0),
      });
      const errors = [...itemErrorRates(matrix)];
      const difficulty = [...fit.difficulty];
      // b = -c/a is only a difficulty when the item discriminates (a > 0); for a <= 0 its sign flips
      const discriminating = difficulty
        .map((_, item) => item)
        .filter((item) => fit.discrimination[item]! > 0.25);
      const rhoAll = spearman(difficulty, errors);
      const rho = spearman(
        discriminating.map((item) => difficulty[item]!),
        discriminating.map((item) => errors[item]!),
      );
      console.log(
        `IRT: ${fit.iterations} iterations (converged ${fit.converged}); Spearman(b, error) = ${rho.toFixed(3)} on ${discriminating.length} items with a > 0.25, ${rhoAll.toFixed(3)} on all ${errors.length}`,
      );
      expect(rho).toBeGreaterThan(0.8);
      expect(discriminating.length).toBeGreaterThan(0.7 * errors.length);
      // abilities order models like their accuracies
      const accuracies = modelAccuracies(matrix);
      expect(
        spearman(
          [...fit.ability],
          matrix.models.map((model) => accuracies.get(model)!),
        ),
      ).toBeGreaterThan(0.95);
    });

    // Phi(z) is the confidence in the *true* order. Keeping the order on another half is a different event:
    // with both halves noisy it has probability Phi(z/sqrt 2) under a flat prior, and lower still when many
    // model pairs are near ties (regression to the mean). See docs/decisions/0005-rank-confidence-calibration.md.
    it("rank confidence Phi(z) across random half splits: calibrated where populated, an upper bound in mid bins", () => {
      const matrix = completeMatrix();
      const m = matrix.models.length;
      const n = matrix.itemIds.length;
      const rng = createRng("calibration");
      const bins = Array.from({ length: 5 }, () => ({
        predicted: 0,
        kept: 0,
        count: 0,
        replication: 0,
        paired: 0,
        pairs: new Set<number>(),
      }));
      for (let split = 0; split < 40; split++) {
        const inA = new Uint8Array(n);
        for (const index of rng.sample(
          Array.from({ length: n }, (_, i) => i),
          Math.floor(n / 2),
        ))
          inA[index] = 1;
        const rightA = new Float64Array(m);
        const rightB = new Float64Array(m);
        for (let item = 0; item < n; item++) {
          const target = inA[item] ? rightA : rightB;
          for (let model = 0; model < m; model++) target[model]! += matrix.correct[item * m + model]!;
        }
        const sizeA = Math.floor(n / 2);
        for (let a = 0; a < m; a++)
          for (let b = 0; b < m; b++) {
            const accA = rightA[a]! / sizeA;
            const accB = rightA[b]! / sizeA;
            if (!(accA > accB)) continue;
            const confidence = rankConfidence(accA, accB, sizeA);
            const bin = bins[Math.min(4, Math.floor((confidence - 0.5) * 10))]!;
            bin.count++;
            bin.pairs.add(a * m + b);
            bin.predicted += confidence;
            // a half-sample estimate replicates with probability Phi(z/sqrt 2): both halves carry noise
            const z = ((accA - accB) * Math.sqrt(sizeA)) / Math.sqrt(accA * (1 - accA) + accB * (1 - accB));
            bin.replication += normalCdf(z / Math.SQRT2);
            // paired z from the discordant items of half A (models fail the same items, so this z is larger)
            let onlyA = 0;
            let onlyB = 0;
            for (let item = 0; item < n; item++) {
              if (!inA[item]) continue;
              const difference = matrix.correct[item * m + a]! - matrix.correct[item * m + b]!;
              if (difference > 0) onlyA++;
              else if (difference < 0) onlyB++;
            }
            bin.paired += normalCdf((onlyA - onlyB) / Math.sqrt(onlyA + onlyB) / Math.SQRT2);
            if (rightB[a]! > rightB[b]!) bin.kept++;
          }
      }
      console.log(
        "bin        cases (distinct pairs)   predicted Phi(z)   Phi(z/sqrt2)   paired Phi(zp/sqrt2)   observed kept",
      );
      for (const [index, bin] of bins.entries()) {
        if (bin.count === 0) continue;
        console.log(
          `[${(0.5 + index / 10).toFixed(1)}, ${(0.6 + index / 10).toFixed(1)})  ${String(bin.count).padStart(6)} (${String(bin.pairs.size).padStart(3)})            ${(bin.predicted / bin.count).toFixed(3)}             ${(bin.replication / bin.count).toFixed(3)}          ${(bin.paired / bin.count).toFixed(3)}                  ${(bin.kept / bin.count).toFixed(3)}`,
        );
      }
      for (const bin of bins) {
        if (bin.count === 0) continue;
        const observed = bin.kept / bin.count;
        const predicted = bin.predicted / bin.count;
        // well populated (>= 1000 cases): calibrated within 0.1
        if (bin.count >= 1000) expect(Math.abs(observed - predicted)).toBeLessThan(0.1);
        // everywhere: better than a coin and never more reliable than promised (beyond noise)
        expect(observed).toBeGreaterThan(0.45);
        expect(observed).toBeLessThan(predicted + 0.05);
      }
    });

    it("lexical entropy of 500-item samples vs the BenchMaker human row (10.404)", () => {
      const { items } = data();
      const rng = createRng("lexical");
      const samples = Array.from({ length: 10 }, () => rng.sample(items, 500));
      const rows: string[] = [];
      let defaultMean = 0;
      for (const field of ["question", "question+options"] as const) {
        for (const estimator of ENTROPY_ESTIMATORS) {
          const values = samples.map((sample) =>
            lexicalEntropy({ texts: sample.map((item) => itemText(item, field)), estimator }),
          );
          const mean = values.reduce((a, b) => a + b, 0) / values.length;
          if (field === LEXICAL_DEFAULTS.field && estimator === LEXICAL_DEFAULTS.estimator)
            defaultMean = mean;
          rows.push(
            `${field.padEnd(17)} ${estimator.padEnd(13)} ${mean.toFixed(3)}  (gap ${(mean - 10.404).toFixed(3)})`,
          );
        }
      }
      console.log(
        `lexical entropy, mean of 10 MMLU-Pro 500-item samples, \\w+ tokens (paper: 10.404)\n${rows.join("\n")}`,
      );
      expect(Math.abs(defaultMean - 10.404)).toBeLessThan(0.15);
    });

    it("leakage: MMLU-Pro items taken from MMLU are found in MMLU, the others are not", () => {
      const mmlu = readFileSync(join(dataDir, "mmlu/test.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: string; question: string });
      const started = performance.now();
      const index = buildNgramIndex(mmlu.map((row) => ({ source: "mmlu", id: row.id, text: row.question })));
      const sample = createRng("leak").sample(data().items, 2000);
      const findings = findLeakage({
        index,
        items: sample.map((item) => ({ id: String(item.question_id), text: item.question })),
      });
      const elapsed = performance.now() - started;
      const flagged = new Set(findings.map((finding) => finding.itemId));
      const fromMmlu = sample.filter((item) => item.src.startsWith("ori_mmlu"));
      const others = sample.filter((item) => !item.src.startsWith("ori_mmlu"));
      const rateMmlu =
        fromMmlu.filter((item) => flagged.has(String(item.question_id))).length / fromMmlu.length;
      const rateOthers =
        others.filter((item) => flagged.has(String(item.question_id))).length / others.length;
      console.log(
        `leakage vs MMLU (14k refs indexed + 2000 items checked in ${elapsed.toFixed(0)} ms): flagged ${(rateMmlu * 100).toFixed(1)}% of ${fromMmlu.length} ori_mmlu items, ${(rateOthers * 100).toFixed(1)}% of ${others.length} others`,
      );
      expect(rateMmlu).toBeGreaterThan(0.8);
      expect(rateOthers).toBeLessThan(0.05);
    });
  },
);
