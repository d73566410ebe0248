import { agreeingAnswer } from "./agreeing-answer.js";
import { runSandboxed, SANDBOX_PROGRAM_RULES } from "./code-sandbox.js";
import type { CodeSource, ExecutionSourceEntry, SandboxLimits } from "./source.js";

/** Limits when the caller sets none: enough for puzzle-sized computations, small enough to fail fast. */
export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  timeLimitMs: 2000,
  memoryLimitBytes: 64 * 1024 * 1024,
};

/** A `CodeSource` running every program under the same limits. */
export function createCodeSource(limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS): CodeSource {
  return {
    id: "code",
    description: `JavaScript run in a QuickJS/WebAssembly sandbox (${limits.timeLimitMs} ms, ${Math.round(limits.memoryLimitBytes / 2 ** 20)} MiB)`,
    programRules: SANDBOX_PROGRAM_RULES,
    run: (code) => runSandboxed(code, limits),
    agree: (programs) => agreeingAnswer(programs, limits),
  };
}

/** `code`: gold answers computed by programs the writer model writes, kept only when two agree. */
export const codeSource = {
  id: "code",
  description: "Answers computed by model-written JavaScript in a sandbox; two programs must agree",
  kind: "execution",
  needs: { argument: undefined, network: false },
  async create(settings) {
    return createCodeSource(settings.limits ?? DEFAULT_SANDBOX_LIMITS);
  },
} as const satisfies ExecutionSourceEntry;
