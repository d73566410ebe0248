// WebAssembly.Memory is a Node global, but TypeScript declares its types only in the DOM library.
/// <reference lib="dom" />
import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from "quickjs-emscripten";
import type { SandboxLimits, SandboxOutcome } from "./source.js";

/** What a writer model is told; `runSandboxed` implements exactly this. */
export const SANDBOX_PROGRAM_RULES =
  "Write plain JavaScript (no import, require, console, files or network: none exist). Define " +
  "`function main()` that returns the final answer as a number or a string; it is called once, " +
  "after the whole program has run.";

/** The image of the QuickJS build: 256 pages of 64 KiB, holding its data and C stack. */
const BASE_MEMORY_BYTES = 16 * 1024 * 1024;
const PAGE_BYTES = 64 * 1024;
// The interpreter recurses on the host's native stack too; past ~1 MiB Node's stack overflows first.
const STACK_LIMIT_BYTES = 256 * 1024;
// An exception that cannot even be read, with the memory this close to its cap, is an out-of-memory.
const FULL_SLACK_BYTES = 1024 * 1024;
/** Answers are short facts; a longer "answer" is a program printing its work, not a gold label. */
const MAX_ANSWER_CHARS = 10_000;

// Runs after the program, in the sandbox: the answer as a string, or undefined when there is none.
const ANSWER_OF_MAIN = `(() => {
  if (typeof main !== "function") throw new ReferenceError("the program must define function main()");
  return main();
})()`;
const TO_TEXT = `(function (value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || typeof value === "object") return JSON.stringify(value);
  return undefined;
})`;

/**
 * Runs untrusted JavaScript in QuickJS compiled to WebAssembly: a fresh engine instance (its own
 * linear memory, capped at the engine image + `memoryLimitBytes`), runtime and context per call; no
 * host object is exposed, so there is no file system, network, `require`, `process` or console, and
 * `import()` rejects. The answer is what the program's `main()` returns (a promise from an async
 * `main` is awaited within the time limit), as a string: strings as they are, numbers, booleans and
 * bigints via `String`, arrays and objects as JSON. Never throws.
 */
export async function runSandboxed(code: string, limits: SandboxLimits): Promise<SandboxOutcome> {
  const maximumPages = Math.ceil((BASE_MEMORY_BYTES + Math.max(0, limits.memoryLimitBytes)) / PAGE_BYTES);
  const memory = new WebAssembly.Memory({ initial: BASE_MEMORY_BYTES / PAGE_BYTES, maximum: maximumPages });
  let module: QuickJSWASMModule;
  try {
    module = await loadEngine(memory);
  } catch (error) {
    return rejected(`the sandbox could not start: ${messageOf(error)}`);
  }
  // The clock starts once the engine is loaded, so a cold start does not eat the program's time.
  const deadline = Date.now() + limits.timeLimitMs;
  let interrupted = false;
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(Math.max(0, limits.memoryLimitBytes));
  runtime.setMaxStackSize(STACK_LIMIT_BYTES);
  runtime.setInterruptHandler(() => {
    interrupted ||= Date.now() > deadline;
    return interrupted;
  });
  const context = runtime.newContext();
  const nearlyFull = () => memory.buffer.byteLength + FULL_SLACK_BYTES >= maximumPages * PAGE_BYTES;
  const failure = (error: unknown): SandboxOutcome => {
    const { name, message } = isHandle(error) ? describeException(context, error) : hostError(error);
    if (interrupted)
      return { success: false, reason: "timeout", message: `ran longer than ${limits.timeLimitMs} ms` };
    if (/out of memory|stack overflow|call stack size/i.test(message) || (name === undefined && nearlyFull()))
      return { success: false, reason: "memory", message: message || "ran out of memory" };
    return { success: false, reason: "error", message: name === undefined ? message : `${name}: ${message}` };
  };
  try {
    const program = context.evalCode(code, "program.js", { type: "global" });
    if (program.error) return failure(program.error);
    program.value.dispose();
    const pending = runtime.executePendingJobs();
    if (pending.error) return failure(pending.error);
    const called = context.evalCode(ANSWER_OF_MAIN, "answer.js", { type: "global" });
    if (called.error) return failure(called.error);
    const settled = runtime.executePendingJobs();
    if (settled.error) return failure(settled.error);
    const state = context.getPromiseState(called.value);
    if (state.type === "pending") return rejected("main() returned a promise that never settled");
    if (state.type === "rejected") return failure(state.error);
    const converter = context.evalCode(TO_TEXT, "to-text.js", { type: "global" });
    if (converter.error) return failure(converter.error);
    const text = context.callFunction(converter.value, context.undefined, state.value);
    if (text.error) return failure(text.error);
    if (context.typeof(text.value) !== "string") {
      return rejected("main() returned no answer: return a number or a string");
    }
    const value = context.getString(text.value);
    // A program that caught the interrupt and returned anyway still ran out of time.
    if (interrupted) return failure(undefined);
    if (value.length > MAX_ANSWER_CHARS)
      return rejected(`the answer is longer than ${MAX_ANSWER_CHARS} characters`);
    return { success: true, value };
  } catch (error) {
    // Host-side failures: the engine's native recursion hit Node's stack, or the engine aborted.
    return failure(error);
  }
  // Nothing is disposed on purpose: after an out-of-memory the engine may abort while freeing, and
  // the handles hold no host resource; the whole engine and its memory go to the garbage collector.
}

function rejected(message: string): SandboxOutcome {
  return { success: false, reason: "error", message };
}

async function loadEngine(memory: WebAssembly.Memory): Promise<QuickJSWASMModule> {
  const { newQuickJSWASMModule, newVariant, RELEASE_SYNC } = await import("quickjs-emscripten");
  return newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmMemory: memory }));
}

function isHandle(value: unknown): value is QuickJSHandle {
  return typeof value === "object" && value !== null && "alive" in value && "dispose" in value;
}

/** Name and message of a value thrown inside the sandbox, read as strings only. */
function describeException(
  context: QuickJSContext,
  error: QuickJSHandle,
): { name: string | undefined; message: string } {
  try {
    if (context.typeof(error) === "string") return { name: undefined, message: context.getString(error) };
    if (context.typeof(error) !== "object") return { name: undefined, message: "threw a non-Error value" };
    const read = (key: string): string | undefined => {
      const property = context.getProp(error, key);
      const value = context.typeof(property) === "string" ? context.getString(property) : undefined;
      property.dispose();
      return value;
    };
    return { name: read("name"), message: read("message") ?? "threw an object without a message" };
  } catch {
    // Reading the exception itself failed: the engine is out of memory.
    return { name: undefined, message: "" };
  }
}

function hostError(error: unknown): { name: string | undefined; message: string } {
  return error instanceof Error
    ? { name: undefined, message: error.message }
    : { name: undefined, message: String(error) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
