import { describe, expect, it } from "vitest";
import { runSandboxed } from "./code-sandbox.js";

const LIMITS = { timeLimitMs: 1000, memoryLimitBytes: 16 * 1024 * 1024 };

describe("runSandboxed", () => {
  it("returns what main() returns, as a string", async () => {
    const program = `
      function gcd(a, b) { return b === 0 ? a : gcd(b, a % b); }
      const pairs = [[84, 36], [17, 5]];
      function main() { return pairs.map(([a, b]) => gcd(a, b)).reduce((x, y) => x + y, 0); }
    `;
    expect(await runSandboxed(program, LIMITS)).toEqual({ success: true, value: "13" });
    expect(await runSandboxed("const main = () => 'forty-two';", LIMITS)).toEqual({
      success: true,
      value: "forty-two",
    });
    expect(await runSandboxed("function main() { return [1, { a: 2 }]; }", LIMITS)).toEqual({
      success: true,
      value: '[1,{"a":2}]',
    });
    expect(await runSandboxed("async function main() { return 2n ** 70n; }", LIMITS)).toEqual({
      success: true,
      value: "1180591620717411303424",
    });
  });

  it("kills an infinite loop at the time limit", async () => {
    const started = Date.now();
    const outcome = await runSandboxed("function main() { for (;;) {} }", { ...LIMITS, timeLimitMs: 150 });
    const elapsed = Date.now() - started;
    expect(outcome).toEqual({ success: false, reason: "timeout", message: "ran longer than 150 ms" });
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(2000);
  });

  it("still times out a program that catches the interrupt", async () => {
    const sly = "try { for (;;) {} } catch (error) {} function main() { return 1; }";
    expect(await runSandboxed(sly, { ...LIMITS, timeLimitMs: 100 })).toMatchObject({
      success: false,
      reason: "timeout",
    });
  });

  it("rejects an answer longer than the cap", async () => {
    expect(await runSandboxed("function main() { return 'y'.repeat(20000); }", LIMITS)).toEqual({
      success: false,
      reason: "error",
      message: "the answer is longer than 10000 characters",
    });
  });

  it("stops memory bombs at the memory limit", async () => {
    const limits = { timeLimitMs: 10_000, memoryLimitBytes: 8 * 1024 * 1024 };
    const bombs = [
      "const hoard = []; while (true) hoard.push(new Float64Array(100000));",
      "const hoard = []; while (true) hoard.push('x'.repeat(100000) + hoard.length);",
      "const hoard = []; while (true) hoard.push([1, 2, 3, 4, 5, 6, 7, 8]);",
    ];
    for (const bomb of bombs) {
      const started = Date.now();
      const outcome = await runSandboxed(bomb, limits);
      expect(outcome).toMatchObject({ success: false, reason: "memory" });
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it("reports runaway recursion as a memory (stack) failure, not a crash", async () => {
    const outcome = await runSandboxed(
      "function down(n) { return down(n + 1) + 1; } function main() { return down(0); }",
      LIMITS,
    );
    expect(outcome).toEqual({ success: false, reason: "memory", message: "stack overflow" });
  });

  it("exposes no host objects: require, process, fetch, console are undefined and import() rejects", async () => {
    const probe = `
      async function main() {
        let imported;
        try { await import("node:fs"); imported = "loaded"; } catch (error) { imported = error.message; }
        return [typeof require, typeof process, typeof fetch, typeof globalThis.process, typeof console,
          typeof setTimeout, typeof print, typeof std, typeof os, imported].join(" ");
      }
    `;
    expect(await runSandboxed(probe, LIMITS)).toEqual({
      success: true,
      value:
        "undefined undefined undefined undefined undefined undefined undefined undefined undefined could not load module 'node:fs'",
    });
    expect(await runSandboxed("function main() { return require('fs'); }", LIMITS)).toEqual({
      success: false,
      reason: "error",
      message: "ReferenceError: 'require' is not defined",
    });
    expect(
      await runSandboxed("import fs from 'node:fs'; function main() { return 1; }", LIMITS),
    ).toMatchObject({
      success: false,
      reason: "error",
      message: expect.stringMatching(/^SyntaxError: /),
    });
  });

  it("explains programs that give no answer", async () => {
    expect(await runSandboxed("const answer = 4;", LIMITS)).toEqual({
      success: false,
      reason: "error",
      message: "ReferenceError: the program must define function main()",
    });
    expect(await runSandboxed("function main() {}", LIMITS)).toEqual({
      success: false,
      reason: "error",
      message: "main() returned no answer: return a number or a string",
    });
    expect(await runSandboxed("function main() { throw new RangeError('bad input'); }", LIMITS)).toEqual({
      success: false,
      reason: "error",
      message: "RangeError: bad input",
    });
    expect(await runSandboxed("function main() { return new Promise(() => {}); }", LIMITS)).toEqual({
      success: false,
      reason: "error",
      message: "main() returned a promise that never settled",
    });
  });

  it("keeps runs apart: globals of one run are gone in the next", async () => {
    await runSandboxed("globalThis.leak = 'secret'; function main() { return 1; }", LIMITS);
    expect(await runSandboxed("function main() { return typeof leak; }", LIMITS)).toEqual({
      success: true,
      value: "undefined",
    });
  });
});
