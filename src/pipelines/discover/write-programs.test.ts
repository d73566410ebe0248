import { describe, expect, it } from "vitest";
import { createCodeSource } from "../../sources/index.js";
import { MockLanguageModel } from "../../testing/index.js";
import { writeWithPrograms } from "./write-programs.js";

const code = createCodeSource({ timeLimitMs: 300, memoryLimitBytes: 16 * 1024 * 1024 });

/** The writer writes three questions with programs; the solver call writes the second programs. */
function scriptedWriter(second: Record<number, string>) {
  return new MockLanguageModel({
    respond: (request) => {
      const prompt = request.messages.at(-1)?.content ?? "";
      if (prompt.startsWith("### write-programs"))
        return JSON.stringify({
          questions: [
            {
              question: "What is the sum of the first 100 positive integers?",
              program: "function main() { let s = 0; for (let i = 1; i <= 100; i++) s += i; return s; }",
            },
            { question: "How many primes are below 30?", program: "function main() { return 10; }" },
            { question: "What is 7 factorial?", program: "function main() { while (true) {} }" },
          ],
        });
      return JSON.stringify({
        programs: Object.entries(second).map(([index, program]) => ({ index: Number(index), program })),
      });
    },
  });
}

describe("writeWithPrograms (real QuickJS sandbox)", () => {
  it("keeps a question only when two independently written programs agree, with the reason otherwise", async () => {
    const writer = scriptedWriter({
      1: "function main() { return 100 * 101 / 2; }",
      2: "function main() { return 9; }",
      3: "function main() { return 5040; }",
    });
    const batch = await writeWithPrograms({
      writer,
      code,
      domain: "arithmetic",
      description: "sums and counts",
      count: 3,
      format: "open",
      existing: [],
      seed: 0,
      batch: 0,
    });
    expect(batch.drafts).toEqual([
      {
        question: "What is the sum of the first 100 positive integers?",
        answer: "5050",
        distractors: [],
        programs: [expect.stringContaining("s += i"), "function main() { return 100 * 101 / 2; }"],
        checks: ["agreement"],
      },
    ]);
    expect(batch.rejected).toEqual([
      {
        question: "How many primes are below 30?",
        reason: 'agreement (disagree): the programs disagree (program 1: "10", program 2: "9")',
      },
      {
        question: "What is 7 factorial?",
        reason: "agreement (failed): program 1 failed (timeout): ran longer than 300 ms",
      },
    ]);
    // the solver call sees the questions only, never the first programs
    const solverPrompt = writer.lastUserMessage(1);
    expect(solverPrompt).toMatch(/^### solve-programs\n/);
    expect(solverPrompt).toContain("1. What is the sum of the first 100 positive integers?");
    expect(solverPrompt).not.toContain("s += i");
  });

  it("a question the second call skipped is rejected with that reason", async () => {
    const batch = await writeWithPrograms({
      writer: scriptedWriter({}),
      code,
      domain: "arithmetic",
      description: "sums",
      count: 3,
      format: "open",
      existing: [],
      seed: 0,
      batch: 0,
    });
    expect(batch.drafts).toEqual([]);
    expect(batch.rejected.map((entry) => entry.reason)).toEqual([
      "agreement: no second program was written for it",
      "agreement: no second program was written for it",
      "agreement: no second program was written for it",
    ]);
  });
});
