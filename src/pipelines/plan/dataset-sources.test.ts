import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentProgress } from "../../core/context.js";
import { answerIndex } from "../../core/item.js";
import { createRng } from "../../core/rng.js";
import { writeMcqParquet } from "../../io/__fixtures__/write-parquet.js";
import { openSqliteStore } from "../../store/sqlite-store.js";
import { type ScriptedCandidate, scriptedPlanner } from "./__fixtures__/scripted-planner.js";
import { planBenchmark } from "./index.js";

const README = `---
pretty_name: Clinical Dosage
license: cc-by-4.0
---

# Clinical Dosage

Weight-based dosage arithmetic questions with numeric answers, written for nurses in training.
`;

const SUBTASKS = [
  ["dosage arithmetic", "compute clinical dosage from a patient's weight", "number", /dosage/i],
  ["legal reasoning", "apply statutes and law to cases", "choice", /statutes/i],
  ["world capitals", "name the capital city of a country", "choice", /capitals/i],
] as const;

const design = {
  subtasks: SUBTASKS.map(([name, description, answerType]) => ({
    name,
    description,
    answerType,
    schema: { question: "the question", answer: "the answer" },
    rationale: "",
    importance: 1,
  })),
  checklist: {},
};

function ground(subtask: string, candidates: readonly ScriptedCandidate[]): unknown[] {
  const wanted = SUBTASKS.find(([name]) => name === subtask)?.[3];
  return candidates.map((candidate) => {
    const fits = wanted?.test(candidate.name) === true;
    const score = fits ? 0.9 : 0.05;
    return { card: candidate.id, alignment: score, coverage: score, simplicity: 1, risk: 0, overall: score };
  });
}

let directory: string;
const warnings: string[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-plan-sources-"));
  const folder = join(directory, "clinical-dosage");
  await mkdir(join(folder, "data"), { recursive: true });
  await writeFile(join(folder, "README.md"), README);
  const doses = Array.from({ length: 6 }, (_, index) => ({
    question: `A child weighs ${10 + index} kg. At 15 mg/kg, how many mg is one dose?`,
    answer: String(15 * (10 + index)),
  }));
  await writeFile(join(folder, "data", "test.jsonl"), doses.map((row) => JSON.stringify(row)).join("\n"));
  writeMcqParquet(
    join(directory, "statutes.parquet"),
    Array.from({ length: 6 }, (_, index) => ({
      question: `Under statute ${index + 1}, which remedy applies to a breach of contract number ${index + 1}?`,
      subject: "law",
      choices: [`damages ${index}`, `rescission ${index}`, `injunction ${index}`, `restitution ${index}`],
      answer: index % 4,
    })),
  );
  const capitals = [
    "Peru,Lima",
    "Chad,N'Djamena",
    "Fiji,Suva",
    "Cuba,Havana",
    "Mali,Bamako",
    "Laos,Vientiane",
  ];
  await writeFile(
    join(directory, "capitals.csv"),
    `question,answer\n${capitals.map((line) => `What is the capital of ${line.replace(",", "?,")}`).join("\n")}\n`,
  );
  await writeFile(join(directory, "broken.jsonl"), '{"question":"ok?","answer":"a"}\n{not json\n');
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("plan over Parquet, CSV and Hugging Face-folder datasets", () => {
  it("reads each, skips a broken file with a line naming it, and builds every subtask from its own dataset", async () => {
    const store = openSqliteStore(":memory:");
    const run = await store.createRun({ kind: "plan", spec: {} });
    const model = scriptedPlanner({ design: () => design, ground });
    const log = { info: () => {}, warn: (line: string) => warnings.push(line) };
    const { items, report, plan } = await planBenchmark(
      {
        query: "clinical, legal and geography knowledge",
        size: 12,
        model: "scripted",
        datasets: [directory],
      },
      { runId: run.id, store, resolveModel: () => model, rng: createRng(3), progress: silentProgress, log },
    );
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warning: skipped dataset file .*broken\.jsonl: .*broken\.jsonl:2 is not valid JSON/,
      ),
    ]);
    expect(report.warnings).toEqual(warnings);
    expect(
      plan.subtasks.map((subtask) => [
        subtask.name,
        subtask.sources.map((source) => `${source.dataset} ${source.transformation.kind}`),
      ]),
    ).toEqual([
      ["dosage arithmetic", ["Clinical Dosage as-is"]],
      ["legal reasoning", ["statutes as-is"]],
      ["world capitals", ["capitals add-options"]],
    ]);
    expect(items).toHaveLength(12);
    const bySubtask = (name: string) => items.filter((item) => item.metadata?.subtask === name);
    for (const item of bySubtask("dosage arithmetic")) {
      expect(item.format).toBe("open");
      expect(item.answer).toBe(String(15 * Number(/weighs (\d+) kg/.exec(item.question)?.[1])));
    }
    for (const item of bySubtask("legal reasoning")) {
      const index = Number(/statute (\d+)/.exec(item.question)?.[1]) - 1;
      expect(item.options?.[answerIndex(item)]).toBe(
        ["damages", "rescission", "injunction", "restitution"][index % 4] + ` ${index}`,
      );
    }
    const capitals: Record<string, string> = {
      Peru: "Lima",
      Chad: "N'Djamena",
      Fiji: "Suva",
      Cuba: "Havana",
      Mali: "Bamako",
      Laos: "Vientiane",
    };
    for (const item of bySubtask("world capitals")) {
      // add-options: the executor wrote 3 distractors; the row's answer is the keyed option.
      expect(item.options).toHaveLength(4);
      expect(item.options?.[answerIndex(item)]).toBe(
        capitals[/capital of (\w+)/.exec(item.question)?.[1] ?? ""],
      );
      expect(item.metadata?.transformation).toBe("add-options");
    }
    await store.close();
  });
});
