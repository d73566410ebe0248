import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../core/rng.js";
import { gradeOpenAnswer } from "../../evaluate/grade-open-answer.js";
import { OPEN_BATTERY } from "../__fixtures__/reply-battery.js";
import { OPEN_GRADING_PYTHON } from "./open-grading-python.js";
import { promptfooGraderSource } from "./promptfoo-grader.js";

const python = spawnSync("python3", ["--version"]).status === 0;

/** "1234567.5" as "1,234,567.5". */
const withSeparators = (plain: string): string => {
  const [whole = "", fraction] = plain.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
};

/** One way a model or a benchmark writes the number `plain` (a non-negative decimal without exponent). */
function spelling(rng: Rng, plain: string, sign: "" | "-"): string {
  let text = rng.next() < 0.4 ? withSeparators(plain) : plain;
  if (rng.next() < 0.3) text = text.includes(".") ? `${text}00` : `${text}.0`;
  if (rng.next() < 0.2 && text.startsWith("0.")) text = text.slice(1);
  const signed = sign === "" && rng.next() < 0.1 ? `+${text}` : `${sign}${text}`;
  // Now and then a unit or an exponent, which the number step does not read.
  const roll = rng.next();
  return roll < 0.08 ? `${signed} kg` : roll < 0.16 ? `${sign}${Number(plain).toExponential()}` : signed;
}

/** Seeded reply/reference pairs around the number step: equal, reformatted, and off by amounts either side of the tolerance. */
function numberPairs(count: number, seed: number): Array<{ reply: string; reference: string }> {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const digits = rng.int(1, 12);
    const whole = String(rng.int(0, 9)) + Array.from({ length: digits - 1 }, () => rng.int(0, 9)).join("");
    const decimals = rng.int(0, 6);
    const fraction = Array.from({ length: decimals }, () => rng.int(0, 9)).join("");
    const plain = `${BigInt(whole)}${decimals > 0 ? `.${fraction}` : ""}`;
    const sign = rng.next() < 0.2 ? "-" : "";
    const shift = rng.pick([0, 0, 4e-7, 9.99e-7, 1e-6, 1.01e-6, 3e-6, 1e-3]);
    const shifted = (Number(plain) * (1 + shift)).toFixed(rng.int(0, 8));
    const answer = spelling(rng, shift === 0 ? plain : shifted, rng.next() < 0.05 ? "" : sign);
    const lead = rng.pick(["", "Answer: ", "The answer is: ", "Working it out step by step.\nAnswer: "]);
    return { reply: `${lead}${answer}${rng.pick(["", "."])}`, reference: spelling(rng, plain, sign) };
  });
}

const PAIRS = [...OPEN_BATTERY, ...numberPairs(1500, 23)];

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "benchsmith-open-grading-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("exported open-answer graders on numbers", () => {
  it("the pairs reach every branch of the grader, the number step both ways", () => {
    const branches = new Map<string, number>();
    for (const { reply, reference } of PAIRS) {
      const { method, byNumber, correct } = gradeOpenAnswer(reply, reference);
      const branch = `${method}${byNumber ? ", by number" : ""}${correct ? "" : ", wrong"}`;
      branches.set(branch, (branches.get(branch) ?? 0) + 1);
    }
    expect([...branches.keys()].sort()).toEqual([
      "exact",
      "none, by number, wrong",
      "none, wrong",
      "normalized",
      "normalized, by number",
    ]);
    expect(Math.min(...branches.values())).toBeGreaterThan(50);
  });

  it("promptfoo's grader gives gradeOpenAnswer's verdict on every pair", async () => {
    const path = join(directory, "benchsmith-grade.cjs");
    await writeFile(path, promptfooGraderSource());
    type Grader = (output: string, context: object) => { pass: boolean };
    const grade = ((await import(pathToFileURL(path).href)) as { default: Grader }).default;
    const disagreements = PAIRS.filter(
      ({ reply, reference }) =>
        grade(reply, { vars: {}, config: { format: "open", answer: reference } }).pass !==
        gradeOpenAnswer(reply, reference).correct,
    );
    expect(disagreements).toEqual([]);
  });

  it.skipIf(!python)(
    "the Python port (Inspect, lm-eval) gives gradeOpenAnswer's verdict on every pair",
    async () => {
      const path = join(directory, "open_grading.py");
      await writeFile(path, `import re\nimport unicodedata\n${OPEN_GRADING_PYTHON}`);
      const driver = [
        "import importlib.util, json, sys",
        "spec = importlib.util.spec_from_file_location('open_grading', sys.argv[1])",
        "module = importlib.util.module_from_spec(spec)",
        "spec.loader.exec_module(module)",
        "print(json.dumps([module.grade_open(p['reply'], p['reference']) for p in json.load(sys.stdin)]))",
      ].join("\n");
      const result = spawnSync("python3", ["-c", driver, path], {
        input: JSON.stringify(PAIRS),
        encoding: "utf8",
      });
      expect(result.stderr).toBe("");
      const graded = JSON.parse(result.stdout) as Array<[string | null, boolean]>;
      const disagreements = PAIRS.flatMap(({ reply, reference }, index) => {
        const ours = gradeOpenAnswer(reply, reference);
        const theirs = graded[index];
        return theirs?.[0] === ours.extracted && theirs[1] === ours.correct
          ? []
          : [{ reply, reference, theirs }];
      });
      expect(disagreements).toEqual([]);
    },
  );
});
