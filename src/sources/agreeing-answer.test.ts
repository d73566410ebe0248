import { describe, expect, it } from "vitest";
import { agreeingAnswer, answersAgree } from "./agreeing-answer.js";

const LIMITS = { timeLimitMs: 500, memoryLimitBytes: 8 * 1024 * 1024 };

// Two independent ways to count the primes below 100.
const SIEVE = `
  function main() {
    const composite = new Uint8Array(100);
    let count = 0;
    for (let n = 2; n < 100; n++) {
      if (composite[n]) continue;
      count++;
      for (let m = n * n; m < 100; m += n) composite[m] = 1;
    }
    return count;
  }`;
const TRIAL_DIVISION = `
  const isPrime = (n) => { for (let d = 2; d * d <= n; d++) if (n % d === 0) return false; return n > 1; };
  function main() { return "  " + Array.from({ length: 100 }, (_, n) => n).filter(isPrime).length + ".0\\n"; }`;

describe("answersAgree", () => {
  it("compares numbers numerically within the tolerance and other text exactly after trimming", () => {
    expect(answersAgree("0.30000000000000004", "0.3")).toBe(true);
    expect(answersAgree(" 25 ", "25.0")).toBe(true);
    expect(answersAgree("1e3", "1000")).toBe(true);
    expect(answersAgree("1000", "1000.01")).toBe(false);
    expect(answersAgree("1000", "1000.01", 1e-4)).toBe(true);
    expect(answersAgree("0", "-0")).toBe(true);
    expect(answersAgree("Paris", "paris")).toBe(false);
    expect(answersAgree("1,000", "1000")).toBe(false);
  });
});

describe("agreeingAnswer", () => {
  it("keeps the answer two independent programs agree on", async () => {
    const agreement = await agreeingAnswer([SIEVE, TRIAL_DIVISION], LIMITS);
    expect(agreement).toMatchObject({ success: true, value: "25" });
    expect(agreement.outcomes).toEqual([
      { success: true, value: "25" },
      { success: true, value: "  25.0\n" },
    ]);
  });

  it("rejects two programs that disagree, listing their answers", async () => {
    const offByOne = "function main() { return 26; }";
    expect(await agreeingAnswer([SIEVE, offByOne], LIMITS)).toMatchObject({
      success: false,
      reason: "disagree",
      message: 'the programs disagree (program 1: "25", program 2: "26")',
    });
  });

  it("rejects when one program fails, with that program's reason", async () => {
    const agreement = await agreeingAnswer([SIEVE, "function main() { while (true) {} }"], LIMITS);
    expect(agreement).toMatchObject({
      success: false,
      reason: "failed",
      message: "program 2 failed (timeout): ran longer than 500 ms",
    });
  });

  it("needs at least two programs", async () => {
    await expect(agreeingAnswer([SIEVE], LIMITS)).rejects.toThrow(/at least two programs, got 1/);
  });
});
