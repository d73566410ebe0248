import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeMcqParquet } from "../../io/__fixtures__/write-parquet.js";
import { buildCardIndex, searchCards } from "./card-index.js";
import { type DatasetCard, DatasetCardSchema } from "./dataset-card.js";
import { loadDatasetCards } from "./load-dataset-cards.js";
import { readDatasetRowsFor } from "./read-dataset-rows-for.js";

// ../shared sits beside the repo; the data is not shipped with the package
const repoRoot = resolve(import.meta.dirname, "../../..");
const dataDir = resolve(repoRoot, "../shared/data");
const realPresent =
  existsSync(join(dataDir, "mmlu/test.jsonl")) && existsSync(join(dataDir, "mmlu-pro/items.jsonl"));
if (!realPresent) console.info(`skipped the real-data cases: MMLU / MMLU-Pro not found under ${dataDir}`);

const README = `---
pretty_name: Clinical Dosage QA
license: cc-by-4.0
task_categories:
- question-answering
- multiple-choice
dataset_info:
  features:
  - name: question
    dtype: string
  - name: subject
    dtype: string
  - name: choices
    sequence: string
  - name: answer
    dtype:
      class_label:
        names:
          '0': A
          '1': B
          '2': C
  splits:
  - name: test
    num_examples: 4
---

# Clinical Dosage QA

[![badge](https://example.org/b.svg)](https://example.org)

Questions about **drug dosage** arithmetic and pharmacology, written by clinicians for nurses in training.

| split | rows |
|---|---|
| test | 4 |
`;

let directory: string;
let loaded: { cards: DatasetCard[]; warnings: string[] };
let hfFolder: string;
const byName = (name: string): DatasetCard => {
  const card = loaded.cards.find((candidate) => candidate.name === name);
  if (card === undefined)
    throw new Error(`no card named ${name}: ${loaded.cards.map((c) => c.name).join(", ")}`);
  return card;
};

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-dataset-cards-"));
  hfFolder = join(directory, "hf", "clinical-dosage");
  await mkdir(join(hfFolder, "data"), { recursive: true });
  await writeFile(join(hfFolder, "README.md"), README);
  const dose = (index: number) => ({
    question: `A patient weighs ${50 + index} kg; at 2 mg/kg, what is the dose?`,
    subject: index % 2 === 0 ? "dosage" : "pharmacology",
    choices: [`${2 * (50 + index)} mg`, `${50 + index} mg`, `${4 * (50 + index)} mg`],
    answer: 0,
  });
  writeMcqParquet(join(hfFolder, "data", "test-00000-of-00001.parquet"), [0, 1, 2, 3].map(dose));
  writeMcqParquet(join(hfFolder, "data", "train-00000-of-00001.parquet"), [4, 5, 6].map(dose));
  const loose = join(directory, "loose");
  await mkdir(loose);
  await writeFile(
    join(loose, "capitals.csv"),
    "question,answer,region\nCapital of Peru?,Lima,americas\nCapital of Chad?,N'Djamena,africa\nCapital of Fiji?,Suva,oceania\nCapital of Cuba?,Havana,americas\n",
  );
  await writeFile(
    join(loose, "sums.jsonl"),
    '{"problem":"2+3?","answer":"5"}\n{"problem":"10-4?","answer":"#### 6"}\n',
  );
  await writeFile(join(loose, "broken.jsonl"), '{"question":"ok?","answer":"a"}\n{not json\n');
  await writeFile(join(loose, "header-only.csv"), "question,answer\n");
  await writeFile(join(loose, "notes.md"), "# not a dataset\n");
  const paths = [join(directory, "hf"), loose, join(directory, "missing-dir"), join(loose, "notes.md")];
  if (realPresent) paths.unshift(join(dataDir, "mmlu"), join(dataDir, "mmlu-pro", "items.jsonl"));
  loaded = await loadDatasetCards(paths);
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("loadDatasetCards", () => {
  it("skips unreadable, malformed and empty inputs with one warning line each, naming them", () => {
    const warnings = loaded.warnings;
    expect(warnings).toHaveLength(4);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/skipped dataset file .*broken\.jsonl: .*broken\.jsonl:2 is not valid JSON/),
        expect.stringMatching(/skipped dataset .*header-only\.csv: it has no usable rows/),
        expect.stringMatching(/skipped .*missing-dir: cannot read it \(ENOENT\)/),
        expect.stringMatching(/skipped .*notes\.md: not a dataset file/),
      ]),
    );
    for (const warning of warnings) expect(warning).not.toContain("\n");
    for (const card of loaded.cards) expect(DatasetCardSchema.parse(card)).toEqual(card);
  });

  it("a Hugging Face folder is one card: README name, licence, tasks, prose, declared types; both splits", () => {
    const card = byName("Clinical Dosage QA");
    expect(card.id).toBe("clinical-dosage-qa");
    expect(card.path).toBe(hfFolder);
    expect(card.license).toBe("cc-by-4.0");
    expect(card.taskCategories).toEqual(["question-answering", "multiple-choice"]);
    expect(card.description).toMatch(
      /^Questions about drug dosage arithmetic and pharmacology, written by clinicians/,
    );
    expect(card.description).not.toMatch(/badge|\|/);
    expect(card.files.map((file) => [file.split, file.rowCount, file.format])).toEqual([
      ["test", 4, "parquet"],
      ["train", 3, "parquet"],
    ]);
    expect(card).toMatchObject({
      rowCount: 7,
      usableRows: 7,
      answerFormat: "choice",
      questionField: "question",
      optionsField: "choices",
      answerField: "answer",
      categories: {
        field: "subject",
        distinct: 2,
        values: [
          { value: "dosage", count: 4 },
          { value: "pharmacology", count: 3 },
        ],
      },
    });
    const answer = card.fields.find((field) => field.name === "answer");
    expect(answer).toEqual({
      name: "answer",
      type: "integer",
      examples: ["0"],
      declaredType: "class_label(A, B, C)",
    });
    expect(card.fields.find((field) => field.name === "choices")?.type).toBe("list<string>");
  });

  it("loose files get cards built from their rows: short and numeric answers, names from file stems", () => {
    const capitals = byName("capitals");
    expect(capitals).toMatchObject({
      answerFormat: "short",
      answerField: "answer",
      rowCount: 4,
      usableRows: 4,
    });
    expect(capitals.license).toBeUndefined();
    expect(capitals.categories).toEqual({
      field: "region",
      distinct: 3,
      values: [
        { value: "americas", count: 2 },
        { value: "africa", count: 1 },
        { value: "oceania", count: 1 },
      ],
    });
    expect(capitals.description).toMatch(
      /^4 rows \(csv\) with fields question, answer, region\. short-answer/,
    );
    expect(byName("sums")).toMatchObject({ answerFormat: "number", questionField: "problem" });
  });

  it("pages through a folder's rows across its files in a fixed order, with global indices", async () => {
    const card = byName("Clinical Dosage QA");
    const page = await readDatasetRowsFor(card, { offset: 3, limit: 2 });
    expect(page.total).toBe(7);
    expect(page.rows.map((row) => [row.index, row.values.question])).toEqual([
      [3, "A patient weighs 53 kg; at 2 mg/kg, what is the dose?"],
      [4, "A patient weighs 54 kg; at 2 mg/kg, what is the dose?"],
    ]);
    const filtered = await readDatasetRowsFor(card, { where: { subject: "pharmacology" }, offset: 1 });
    expect(filtered.total).toBe(3);
    expect(filtered.rows.map((row) => row.index)).toEqual([3, 5]);
    expect((await readDatasetRowsFor(card, { offset: 7 })).rows).toEqual([]);
  });
});

describe.skipIf(!realPresent)("dataset cards on real MMLU and MMLU-Pro", () => {
  const rawRows = (file: string) =>
    readFileSync(join(dataDir, file), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  let mmluRaw: Record<string, unknown>[];
  let proRaw: Record<string, unknown>[];
  beforeAll(() => {
    mmluRaw = rawRows("mmlu/test.jsonl");
    proRaw = rawRows("mmlu-pro/items.jsonl");
  });
  const countsOf = (rows: Record<string, unknown>[], field: string) => {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(String(row[field]), (counts.get(String(row[field])) ?? 0) + 1);
    return counts;
  };

  it("MMLU: 57 subjects with their counts, 4-option choice answers, every row usable", () => {
    const card = byName("mmlu/test");
    const counts = countsOf(mmluRaw, "subject");
    expect(counts.size).toBe(57);
    expect(card).toMatchObject({
      id: "mmlu-test",
      rowCount: mmluRaw.length,
      usableRows: mmluRaw.length,
      answerFormat: "choice",
      questionField: "question",
      optionsField: "options",
      answerField: "answer",
    });
    expect(card.categories?.field).toBe("subject");
    expect(card.categories?.distinct).toBe(57);
    expect(card.categories?.values).toHaveLength(57);
    for (const { value, count } of card.categories?.values ?? []) expect(count).toBe(counts.get(value));
    expect(card.categories?.values[0]).toEqual({
      value: "professional_law",
      count: counts.get("professional_law"),
    });
    expect(card.fields.map((field) => field.name)).toEqual([
      "id",
      "subject",
      "question",
      "options",
      "answer",
    ]);
  });

  it("MMLU-Pro: 14 categories (not the many `src` values), choice answers", () => {
    const card = byName("mmlu-pro/items");
    const counts = countsOf(proRaw, "category");
    expect(card.categories?.field).toBe("category");
    expect(card.categories?.distinct).toBe(14);
    expect(card.categories?.values.find((entry) => entry.value === "law")?.count).toBe(counts.get("law"));
    expect(card).toMatchObject({ rowCount: proRaw.length, answerFormat: "choice", answerField: "answer" });
  });

  it('"law" ranks a card with law content first; "dosage pharmacology" finds the clinical folder', () => {
    const index = buildCardIndex(loaded.cards);
    const law = searchCards(index, "law", 3);
    expect(["mmlu-test", "mmlu-pro-items"]).toContain(law[0]?.card.id);
    expect(law.map((match) => match.card.id)).not.toContain("capitals");
    expect(law[0]?.score).toBeGreaterThan(0);
    expect(searchCards(index, "dosage pharmacology", 1)[0]?.card.id).toBe("clinical-dosage-qa");
  });

  it("a planner can read the professional_law rows of MMLU, with their positions in the file", async () => {
    const card = byName("mmlu/test");
    const page = await readDatasetRowsFor(card, {
      where: { subject: "professional_law" },
      limit: 5,
      offset: 10,
    });
    const positions = mmluRaw.flatMap((row, index) => (row.subject === "professional_law" ? [index] : []));
    expect(page.total).toBe(positions.length);
    expect(page.rows.map((row) => row.index)).toEqual(positions.slice(10, 15));
    for (const row of page.rows) expect(row.values).toEqual(mmluRaw[row.index]);
  });
});
