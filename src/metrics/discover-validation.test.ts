import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseJson } from "../core/json.js";
import { createRng } from "../core/rng.js";
import { novelty } from "./discover/novelty.js";

// ../shared sits beside the repo; the data is not shipped with the package
const repo = resolve(import.meta.dirname, "../..");
const dataDir = resolve(repo, "../shared/data/mmlu-pro");
const present = existsSync(join(dataDir, "responses.csv")) && existsSync(join(dataDir, "items.jsonl"));
const skipReason = `MMLU-Pro data not found at ${dataDir}`;
if (!present) console.warn(`skipping discover validation: ${skipReason}`);

interface CategoryMatrix {
  categories: string[];
  models: string[];
  /** accuracy[category][model], over the items that model answered in that category */
  accuracy: Map<string, number[]>;
}

let cached: CategoryMatrix | undefined;
/** Each of the 14 categories as a benchmark: its accuracy vector over the 29 models. Parsed once. */
function categoryMatrix(): CategoryMatrix {
  if (cached) return cached;
  const categoryOf = new Map<string, string>();
  for (const line of readFileSync(join(dataDir, "items.jsonl"), "utf8").split("\n")) {
    if (!line) continue;
    const parsed = parseJson(line);
    if (!parsed.success) throw parsed.error;
    const item = parsed.value as { question_id: string | number; category: string };
    categoryOf.set(String(item.question_id), item.category);
  }
  // scan the 347k-line CSV by indexOf instead of split per line: model,question_id,correct
  const text = readFileSync(join(dataDir, "responses.csv"), "utf8");
  const tallies = new Map<string, Map<string, { right: number; total: number }>>();
  let start = text.indexOf("\n") + 1;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const first = text.indexOf(",", start);
    const second = text.indexOf(",", first + 1);
    if (first > start && second > first && second < end) {
      const model = text.slice(start, first);
      const category = categoryOf.get(text.slice(first + 1, second));
      if (category === undefined) throw new Error(`unknown question ${text.slice(first + 1, second)}`);
      const byModel = tallies.get(category) ?? new Map<string, { right: number; total: number }>();
      tallies.set(category, byModel);
      const tally = byModel.get(model) ?? { right: 0, total: 0 };
      byModel.set(model, tally);
      tally.total++;
      if (text[second + 1] === "1") tally.right++;
    }
    start = end + 1;
  }
  const categories = [...tallies.keys()].sort();
  const models = [...new Set([...tallies.values()].flatMap((byModel) => [...byModel.keys()]))].sort();
  const accuracy = new Map(
    categories.map((category) => {
      const byModel = tallies.get(category)!;
      return [category, models.map((model) => byModel.get(model)!.right / byModel.get(model)!.total)];
    }),
  );
  cached = { categories, models, accuracy };
  return cached;
}

const vectorOf = (category: string): number[] => categoryMatrix().accuracy.get(category)!;
const othersThan = (category: string): number[][] =>
  categoryMatrix()
    .categories.filter((other) => other !== category)
    .map(vectorOf);

// --- independent reference: normal equations by Gauss-Jordan, Spearman by counting ---

function solveGaussJordan(matrix: number[][], rhs: number[]): number[] {
  const size = rhs.length;
  const rows = matrix.map((row, index) => [...row, rhs[index]!]);
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) {
      if (Math.abs(rows[row]![column]!) > Math.abs(rows[pivot]![column]!)) pivot = row;
    }
    [rows[column], rows[pivot]] = [rows[pivot]!, rows[column]!];
    const lead = rows[column]![column]!;
    rows[column] = rows[column]!.map((value) => value / lead);
    for (let row = 0; row < size; row++) {
      if (row === column) continue;
      const factor = rows[row]![column]!;
      rows[row] = rows[row]!.map((value, index) => value - factor * rows[column]![index]!);
    }
  }
  return rows.map((row) => row[size]!);
}

/** Least-squares prediction at `at` from (1, priors) fitted on the rows in `use`. */
function normalEquationsPredict(target: number[], priors: number[][], use: number[], at: number[]): number[] {
  const features = (model: number) => [1, ...priors.map((prior) => prior[model]!)];
  const width = priors.length + 1;
  const gram = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  const moment = new Array<number>(width).fill(0);
  for (const model of use) {
    const x = features(model);
    for (let i = 0; i < width; i++) {
      moment[i]! += x[i]! * target[model]!;
      for (let j = 0; j < width; j++) gram[i]![j]! += x[i]! * x[j]!;
    }
  }
  const beta = solveGaussJordan(gram, moment);
  return at.map((model) => features(model).reduce((sum, value, index) => sum + value * beta[index]!, 0));
}

function naiveRanks(values: number[]): number[] {
  return values.map((value) => {
    const below = values.filter((other) => other < value).length;
    const equal = values.filter((other) => other === value).length;
    return below + (equal + 1) / 2;
  });
}

function naiveSpearman(xs: number[], ys: number[]): number {
  const [rx, ry] = [naiveRanks(xs), naiveRanks(ys)];
  const center = (rx.length + 1) / 2;
  let cross = 0;
  let squareX = 0;
  let squareY = 0;
  rx.forEach((rank, index) => {
    cross += (rank - center) * (ry[index]! - center);
    squareX += (rank - center) ** 2;
    squareY += (ry[index]! - center) ** 2;
  });
  return cross / Math.sqrt(squareX * squareY);
}

function referenceNovelty(target: number[], priors: number[][], leaveOneOut: boolean): number {
  const models = target.map((_, index) => index);
  const predicted = leaveOneOut
    ? models.map(
        (held) =>
          normalEquationsPredict(
            target,
            priors,
            models.filter((model) => model !== held),
            [held],
          )[0]!,
      )
    : normalEquationsPredict(target, priors, models, models);
  return 1 - naiveSpearman(target, predicted);
}

describe.skipIf(!present)(`discover novelty on MMLU-Pro categories (skipped if ${skipReason})`, () => {
  it("reads 14 categories over 29 models", () => {
    const { categories, models } = categoryMatrix();
    expect(categories).toHaveLength(14);
    expect(models).toHaveLength(29);
    for (const category of categories) {
      for (const value of vectorOf(category)) expect(value).toBeGreaterThan(0);
    }
  });

  it.each(["math", "law", "history", "computer science"])(
    "novelty of %s from the other 13 matches normal equations + naive Spearman to 1e-9",
    (category) => {
      const result = novelty(vectorOf(category), othersThan(category));
      if (result.value === undefined) throw new Error(result.reason);
      expect(result.from).toEqual({ priors: 13, models: 29 });
      expect(
        Math.abs(result.value - referenceNovelty(vectorOf(category), othersThan(category), false)),
      ).toBeLessThan(1e-9);
      const models = vectorOf(category).map((_, index) => index);
      const reference = normalEquationsPredict(vectorOf(category), othersThan(category), models, models);
      result.predicted.forEach((value, index) => {
        expect(Math.abs(value - reference[index]!)).toBeLessThan(1e-8);
      });
    },
  );

  it.each(["engineering", "psychology"])(
    "leave-one-out novelty of %s matches 29 refits to 1e-9",
    (category) => {
      const result = novelty(vectorOf(category), othersThan(category), { prediction: "leave-one-out" });
      if (result.value === undefined) throw new Error(result.reason);
      expect(
        Math.abs(result.value - referenceNovelty(vectorOf(category), othersThan(category), true)),
      ).toBeLessThan(1e-9);
    },
  );

  it("subject categories of one benchmark rank models alike: every in-sample novelty is small", () => {
    for (const category of categoryMatrix().categories) {
      const result = novelty(vectorOf(category), othersThan(category));
      expect(result.value).toBeGreaterThanOrEqual(0);
      expect(result.value).toBeLessThan(0.1);
    }
  });

  it("a category given as its own prior has novelty ~0", () => {
    const result = novelty(vectorOf("biology"), [...othersThan("biology"), vectorOf("biology")]);
    expect(result.value).toBeLessThan(1e-9);
  });

  it("a seeded random permutation of a category is novel; in-sample optimism shows with many priors", () => {
    const permuted = createRng(2024).shuffle(vectorOf("math"));
    const onePrior = novelty(permuted, [vectorOf("math")]);
    expect(onePrior.value).toBeGreaterThan(0.5);
    const all = categoryMatrix().categories.map(vectorOf);
    const outOfSample = novelty(permuted, all, { prediction: "leave-one-out" });
    expect(outOfSample.value).toBeGreaterThan(0.5);
    // 14 priors + intercept over 29 models fit noise with R² near 14/28, so in-sample reads less novel
    const inSample = novelty(permuted, all);
    expect(inSample.value).toBeLessThan(outOfSample.value!);
    console.info(
      `permuted math: in-sample novelty ${onePrior.value?.toFixed(3)} (1 prior), ${inSample.value?.toFixed(3)} (14 priors); leave-one-out ${outOfSample.value?.toFixed(3)} (14 priors)`,
    );
  });
});
