import { describe, expect, it } from "vitest";
import type { Item } from "../core/item.js";
import { createRng } from "../core/rng.js";
import { lexicalDiversity, mmluProIncomparability } from "./lexical-diversity.js";

const mcq = (index: number): Item => ({
  id: `q${index}`,
  format: "mcq",
  question: `Question ${index} about word${index % 97} and term${index % 13}?`,
  options: [`alpha${index % 7}`, `beta${index % 11}`],
  answer: "A",
});
const open = (index: number): Item => ({
  id: `o${index}`,
  format: "open",
  question: `Open ${index}?`,
  answer: "x",
});

describe("lexical diversity", () => {
  it("says which estimator and text it used", async () => {
    const row = await lexicalDiversity.compute({ items: [mcq(1), mcq(2)], rng: createRng(1) });
    expect(row.used).toBe(
      "chao-shen estimator over \\w+ tokens (case kept) of the question + options; decision 0004",
    );
    const openRow = await lexicalDiversity.compute({ items: [open(1), open(2)], rng: createRng(1) });
    expect(openRow.used).toContain("of the question;");
  });

  it("puts the MMLU-Pro figure beside it only for >= 500 multiple-choice items on the same settings", async () => {
    const many = Array.from({ length: 600 }, (_, index) => mcq(index));
    const row = await lexicalDiversity.compute({ items: many, rng: createRng(1) });
    expect(row.notes).toMatch(/500-item samples: \d+\.\d{3} ± \d+\.\d{3}/);
    expect(row.notes).toMatch(/paper scale \(500 items\) \d+\.\d{3} vs MMLU-Pro human 10\.404/);

    const few = await lexicalDiversity.compute({ items: many.slice(0, 100), rng: createRng(1) });
    expect(few.notes).toContain("no MMLU-Pro comparison: fewer than 500 items");
    expect(few.notes).not.toContain("10.404");

    const mixed = await lexicalDiversity.compute({ items: [...many, open(1)], rng: createRng(1) });
    expect(mixed.notes).toContain("no MMLU-Pro comparison: open items have no options");
  });

  it("another estimator or text is not comparable with the matched MMLU-Pro figure", () => {
    const items = Array.from({ length: 500 }, (_, index) => mcq(index));
    const base = { items, sampleSize: 500 } as const;
    expect(
      mmluProIncomparability({ ...base, field: "question+options", estimator: "chao-shen" }),
    ).toBeUndefined();
    // the authors' released code: plug-in entropy of the question only
    expect(mmluProIncomparability({ ...base, field: "question", estimator: "plugin" })).toMatch(
      /matched with chao-shen on question\+options/,
    );
  });
});
