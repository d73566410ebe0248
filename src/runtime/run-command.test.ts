import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../test/helpers/loopback-llm-server.js";
import { BenchsmithError, BudgetExceededError, StoredDataError, UserInputError } from "../core/errors.js";
import { createRng } from "../core/rng.js";
import type { RunStatus } from "../core/store-spec.js";
import { generateText } from "../llm/generate.js";
import { INTERRUPTED_EXIT_CODE, runCommand } from "./run-command.js";
import type { RunSpecOf } from "./run-kinds.js";
import { checkRunLease } from "./run-lease.js";
import { openRuntime, type Runtime } from "./runtime.js";

const evalSpec = (models: string[]): RunSpecOf<"eval"> => ({
  benchmark: "/tmp/bench.jsonl",
  options: { models, chainOfThought: false, concurrency: 2, seed: 1 },
  out: "/tmp/bench.results.json",
});

describe("runCommand: the one run lifecycle", () => {
  let server: LoopbackLlmServer;
  let cwd: string;
  let runtime: Runtime;
  let modelRef: string;
  beforeAll(async () => {
    server = await startLoopbackLlmServer({
      respond: (request) => {
        const body = request.body as { messages: { content: string }[] };
        return {
          text: `echo: ${body.messages.at(-1)?.content}`,
          usage: { inputTokens: 10, outputTokens: 4 },
        };
      },
    });
    modelRef = `openai-compatible:${server.url}/v1#tiny`;
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    server.reset();
    cwd = mkdtempSync(join(tmpdir(), "benchsmith-runtime-"));
    runtime = await openRuntime({ cwd, env: {}, handleInterrupts: false });
  });
  afterEach(async () => {
    await runtime.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("creates the store under ./.benchsmith and records the typed spec with its provenance", async () => {
    expect(existsSync(join(cwd, ".benchsmith", "benchsmith.sqlite"))).toBe(true);
    const result = await runCommand(
      runtime,
      { kind: "eval", spec: evalSpec([modelRef]), seed: 42 },
      async (run) => {
        expect(run.resumed).toBe(false);
        expect(run.spec.options.models).toEqual([modelRef]);
        expect(run.context.rng.next()).toBe(createRng(42).next());
        return { value: "done", summary: { ok: true } };
      },
    );
    expect(result).toMatchObject({ value: "done", status: "completed", exitCode: 0, failure: undefined });
    expect(result.run.id).toMatch(/^eval-\d{8}-\d{6}-[0-9a-f]{4}$/);
    const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(await runtime.store.getRun(result.run.id)).toMatchObject({
      status: "completed",
      summary: { ok: true },
      spec: {
        options: { models: [modelRef] },
        seed: 42,
        provenance: { packageVersion: packageJson.version, config: runtime.config },
      },
    });
  });

  it("serves a repeated request from the cache and counts only the real call", async () => {
    const { run } = await runCommand(
      runtime,
      { kind: "eval", spec: evalSpec([modelRef]), seed: 1 },
      async ({ context }) => {
        const model = context.resolveModel(modelRef);
        expect(context.resolveModel(` ${modelRef} `)).toBe(model);
        expect((await generateText({ model, prompt: "hello" })).text).toBe("echo: hello");
        expect(await generateText({ model, prompt: "hello" })).toMatchObject({ cached: true });
        return { value: undefined, summary: {} };
      },
    );
    expect(server.requests).toHaveLength(1);
    expect(await runtime.store.callStats(run.id)).toMatchObject({
      calls: 1,
      inputTokens: 10,
      outputTokens: 4,
    });
  });

  it("resumes with the stored spec and seed, and the budget counts earlier sessions", async () => {
    const first = await runCommand(
      runtime,
      { kind: "eval", spec: evalSpec(["a:first"]), seed: 7, budget: { maxCalls: 2 } },
      async ({ context }) => {
        await generateText({ model: context.resolveModel(modelRef), prompt: "one" });
        return { value: undefined, summary: { accepted: 1 }, status: "stopped", exitCode: 3 };
      },
    );
    expect(first).toMatchObject({ status: "stopped", exitCode: 3 });
    await runCommand(
      runtime,
      { kind: "eval", spec: evalSpec(["b:ignored"]), seed: 8, resume: first.run.id, budget: { maxCalls: 2 } },
      async (run) => {
        expect(run.resumed).toBe(true);
        expect(run.spec.options.models).toEqual(["a:first"]);
        expect(run.run.status).toBe("running");
        expect(run.seed).toBe(7);
        expect(run.context.rng.next()).toBe(createRng(7).next());
        const model = run.context.resolveModel(modelRef);
        await generateText({ model, prompt: "two" });
        await expect(generateText({ model, prompt: "three" })).rejects.toSatisfy(
          BudgetExceededError.isInstance,
        );
        // Cache hits never touch the budget.
        await expect(generateText({ model, prompt: "one" })).resolves.toMatchObject({ cached: true });
        return { value: undefined, summary: {} };
      },
    );
    expect(server.requests).toHaveLength(2);
  });

  it("refuses an unknown run id with the recent runs in the hint, and a run of another kind", async () => {
    const existing = await runCommand(
      runtime,
      { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 },
      async () => ({
        value: undefined,
        summary: {},
      }),
    );
    const unknown = runCommand(
      runtime,
      { kind: "eval", spec: undefined, seed: 1, resume: "eval-nope" },
      async () => ({
        value: undefined,
        summary: {},
      }),
    );
    await expect(unknown).rejects.toSatisfy(
      (error: unknown) =>
        UserInputError.isInstance(error) &&
        error.message.includes('"eval-nope"') &&
        (error.hint ?? "").includes(existing.run.id),
    );
    await expect(
      runCommand(runtime, { kind: "tune", spec: undefined, seed: 1, resume: existing.run.id }, async () => ({
        value: undefined,
        summary: {},
      })),
    ).rejects.toThrow(/is a eval run/);
  });

  it("a stored spec this version cannot parse is one StoredDataError, and the run is left as it was", async () => {
    const old = await runtime.store.createRun({ kind: "eval", spec: { benchmark: 3, seed: 1 } });
    await runtime.store.updateRun(old.id, { status: "stopped" });
    const resumed = runCommand(
      runtime,
      { kind: "eval", spec: undefined, seed: 1, resume: old.id },
      async () => ({
        value: undefined,
        summary: {},
      }),
    );
    await expect(resumed).rejects.toSatisfy(
      (error: unknown) => StoredDataError.isInstance(error) && error.message.includes(`eval run ${old.id}`),
    );
    expect((await runtime.store.getRun(old.id))?.status).toBe("stopped");
  });

  it("one rule for how a run ends: failed on an error, stopped on a budget stop, the failure handed back", async () => {
    const crash = runCommand(runtime, { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 }, async () => {
      throw new Error("boom");
    });
    await expect(crash).rejects.toThrow("boom");
    const [crashed] = await runtime.store.listRuns({ kind: "eval", limit: 1 });
    expect(crashed).toMatchObject({ status: "failed", summary: { error: "boom" } });

    await expect(
      runCommand(runtime, { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 }, async () => {
        throw new BudgetExceededError("calls", "the budget of 2 calls is spent");
      }),
    ).rejects.toSatisfy(BudgetExceededError.isInstance);
    const [budgeted] = await runtime.store.listRuns({ kind: "eval", limit: 1 });
    expect(budgeted?.status).toBe("stopped");

    const failure = new BenchsmithError({ code: "no_items", message: "no item was accepted" });
    const failed = await runCommand(
      runtime,
      { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 },
      async () => ({
        value: 0,
        summary: { rejected: 4 },
        status: "failed",
        failure,
      }),
    );
    expect(failed.failure).toBe(failure);
    expect(await runtime.store.getRun(failed.run.id)).toMatchObject({
      status: "failed",
      summary: { rejected: 4, error: "no item was accepted" },
    });
  });

  it("after Ctrl-C: stopped whether the work then fails or completes, and the handler is removed", async () => {
    const interruptible = await openRuntime({ cwd, env: {}, handleInterrupts: true });
    try {
      const listeners = process.listenerCount("SIGINT");
      // Work that errors while winding down after Ctrl-C is stopped, not failed (make and audit said failed).
      const erroring = runCommand(
        interruptible,
        { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 },
        async (run) => {
          process.emit("SIGINT");
          expect(run.context.signal?.aborted).toBe(true);
          throw new Error("socket closed while stopping");
        },
      );
      await expect(erroring).rejects.toMatchObject({ code: "interrupted" });
      const [first] = await interruptible.store.listRuns({ kind: "eval", limit: 1 });
      expect(first?.status).toBe("stopped");
      expect(process.listenerCount("SIGINT")).toBe(listeners);

      const completing = await runCommand(
        interruptible,
        { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 },
        async () => {
          process.emit("SIGINT");
          return { value: "partial", summary: { kept: 2 } };
        },
      );
      expect(completing).toMatchObject({
        status: "stopped",
        exitCode: INTERRUPTED_EXIT_CODE,
        value: "partial",
      });
      expect((await interruptible.store.getRun(completing.run.id))?.status).toBe("stopped");
    } finally {
      await interruptible.close();
    }
  });

  it("after Ctrl-C a reported failure is stopped with the interruption as the failure, exit 130", async () => {
    const interruptible = await openRuntime({ cwd, env: {}, handleInterrupts: true });
    try {
      const result = await runCommand(
        interruptible,
        { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 },
        async () => {
          process.emit("SIGINT");
          // make with nothing accepted because the interruption cut it short
          const failure = new BenchsmithError({ code: "no_items", message: "no item was accepted" });
          return { value: 0, summary: { accepted: 0 }, status: "failed", failure };
        },
      );
      expect(result).toMatchObject({ status: "stopped", exitCode: INTERRUPTED_EXIT_CODE });
      expect(result.failure).toMatchObject({ code: "interrupted" });
      expect(await interruptible.store.getRun(result.run.id)).toMatchObject({
        status: "stopped",
        summary: { accepted: 0, error: `run ${result.run.id} stopped by Ctrl-C` },
      });
    } finally {
      await interruptible.close();
    }
  });

  it("a failed status exits non-zero even without a failure, and a stop defaults to exit 3", async () => {
    const failed = await runCommand(
      runtime,
      { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 },
      async () => ({ value: undefined, summary: {}, status: "failed" }),
    );
    expect(failed.exitCode).toBe(2);
    expect(failed.failure).toMatchObject({ code: "run_failed" });
    expect((await runtime.store.getRun(failed.run.id))?.status).toBe("failed");
    const stopped = await runCommand(
      runtime,
      { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 },
      async () => ({ value: undefined, summary: {}, status: "stopped" }),
    );
    expect(stopped).toMatchObject({ status: "stopped", exitCode: 3, failure: undefined });
  });

  it("a plain --resume keeps the stored budget per limit; a limit given again replaces it", async () => {
    const first = await runCommand(
      runtime,
      { kind: "eval", spec: evalSpec(["a:b"]), seed: 1, budget: { maxCalls: 2, maxCostUsd: 5 } },
      async ({ context }) => {
        await generateText({ model: context.resolveModel(modelRef), prompt: "one" });
        return { value: undefined, summary: {}, status: "stopped" };
      },
    );
    const resume = (budget: { maxCalls?: number } | undefined, prompts: string[]) =>
      runCommand(
        runtime,
        { kind: "eval", spec: undefined, seed: 1, resume: first.run.id, budget },
        async ({ context }) => {
          const model = context.resolveModel(modelRef);
          for (const prompt of prompts) await generateText({ model, prompt });
          return { value: undefined, summary: {} };
        },
      );
    // 1 call spent of the stored 2: one more is allowed, the next is over the budget.
    await expect(resume(undefined, ["two", "three"])).rejects.toSatisfy(BudgetExceededError.isInstance);
    expect(server.requests).toHaveLength(2);
    await expect(resume({ maxCalls: 4 }, ["three", "four"])).resolves.toMatchObject({ status: "completed" });
    expect(server.requests).toHaveLength(4);
  });

  it("the Ctrl-C stopped write lands before the final one (awaited, not racing it)", async () => {
    const interruptible = await openRuntime({ cwd, env: {}, handleInterrupts: true });
    const applied: Array<{ status?: string; summary?: unknown }> = [];
    const inner = interruptible.store;
    const store = Object.create(inner, {
      updateRun: {
        value: async (runId: string, patch: { status?: RunStatus; summary?: Record<string, unknown> }) => {
          // The early write is slow (a remote store): today's code would let the final write pass it.
          if (patch.summary === undefined && patch.status === "stopped")
            await new Promise((resolve) => setTimeout(resolve, 50));
          applied.push({ ...patch });
          return inner.updateRun(runId, patch);
        },
      },
    });
    try {
      const result = await runCommand(
        { ...interruptible, store },
        { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 },
        async () => {
          process.emit("SIGINT");
          return { value: undefined, summary: { kept: 1 } };
        },
      );
      expect(applied.at(-1)).toEqual({ status: "stopped", summary: { kept: 1 } });
      expect(applied.at(-2)).toEqual({ status: "stopped" });
      expect(result.run.summary).toEqual({ kept: 1 });
    } finally {
      await interruptible.close();
    }
  });

  it("a run that fails to start once created is marked failed with the error, not left running", async () => {
    // A new spec this version cannot parse (a caller's bug): the record exists before the spec is read.
    const badSpec: RunSpecOf<"eval"> = JSON.parse('{"benchmark": 3}');
    await expect(
      runCommand(runtime, { kind: "eval", spec: badSpec, seed: 1 }, async () => ({
        value: undefined,
        summary: {},
      })),
    ).rejects.toSatisfy(StoredDataError.isInstance);
    const [created] = await runtime.store.listRuns({ kind: "eval", limit: 1 });
    expect(created?.status).toBe("failed");
    expect(String(created?.summary?.error)).toMatch(/^the spec of eval run/);
  });

  it("refuses to resume a run another live process holds; a crashed holder's run resumes", async () => {
    let finish: () => void = () => {};
    const holding = runCommand(runtime, { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 }, async () => {
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return { value: undefined, summary: {} };
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [held] = await runtime.store.listRuns({ kind: "eval", limit: 1 });
    const runId = held?.id ?? "";
    const second = runCommand(
      runtime,
      { kind: "eval", spec: undefined, seed: 1, resume: runId },
      async () => ({
        value: undefined,
        summary: {},
      }),
    );
    await expect(second).rejects.toSatisfy(
      (error: unknown) =>
        UserInputError.isInstance(error) &&
        new RegExp(
          `^run ${runId} is running in another process \\(last seen \\d+ s ago\\); wait, or stop it$`,
        ).test(error.message),
    );
    // The refusal leaves the holder's run alone.
    expect((await runtime.store.getRun(runId))?.status).toBe("running");
    finish();
    await expect(holding).resolves.toMatchObject({ status: "completed" });

    // A crash: status "running", a heartbeat from a process on this machine that no longer exists.
    await runtime.store.updateRun(runId, { status: "running" });
    await runtime.store.putState(runId, "lease", {
      holder: "crashed",
      host: hostname(),
      pid: 2 ** 30,
      heartbeatAt: new Date().toISOString(),
    });
    await expect(
      runCommand(runtime, { kind: "eval", spec: undefined, seed: 1, resume: runId }, async (run) => {
        expect(run.resumed).toBe(true);
        return { value: undefined, summary: {} };
      }),
    ).resolves.toMatchObject({ status: "completed" });
  });

  it("a budget raised on --resume holds for the next plain --resume", async () => {
    const first = await runCommand(
      runtime,
      { kind: "eval", spec: evalSpec(["a:b"]), seed: 1, budget: { maxCalls: 2 } },
      async ({ context }) => {
        await generateText({ model: context.resolveModel(modelRef), prompt: "one" });
        return { value: undefined, summary: {}, status: "stopped" };
      },
    );
    const resume = (budget: { maxCalls: number } | undefined, prompts: string[]) =>
      runCommand(
        runtime,
        { kind: "eval", spec: undefined, seed: 1, resume: first.run.id, budget },
        async ({ context }) => {
          const model = context.resolveModel(modelRef);
          for (const prompt of prompts) await generateText({ model, prompt });
          return { value: undefined, summary: {} };
        },
      );
    await expect(resume({ maxCalls: 5 }, ["two"])).resolves.toMatchObject({ status: "completed" });
    // 2 calls spent of the raised 5: three more are allowed (the original 2 would allow none).
    await expect(resume(undefined, ["three", "four", "five"])).resolves.toMatchObject({
      status: "completed",
    });
    expect(server.requests).toHaveLength(5);
    await expect(resume(undefined, ["six"])).rejects.toSatisfy(BudgetExceededError.isInstance);
    expect(server.requests).toHaveLength(5);
  });

  it("the lease is held until the final status is written, on every way a run ends", async () => {
    // Whether a --resume arriving at the moment of each status write would be let in.
    const resumableAt: Array<{ status: string | undefined; resumable: boolean }> = [];
    const inner = runtime.store;
    const store = Object.create(inner, {
      updateRun: {
        value: async (runId: string, patch: { status?: RunStatus; summary?: Record<string, unknown> }) => {
          const resumable = await checkRunLease({ store: inner, runId }).then(
            () => true,
            () => false,
          );
          resumableAt.push({ status: patch.status, resumable });
          return inner.updateRun(runId, patch);
        },
      },
    });
    const watched = { ...runtime, store };
    const spec = evalSpec(["a:b"]);
    await runCommand(watched, { kind: "eval", spec, seed: 1 }, async () => ({ value: 1, summary: {} }));
    await expect(
      runCommand(watched, { kind: "eval", spec, seed: 1 }, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    // Fails to start once created (a spec this version cannot parse): marked failed, then released.
    const badSpec: RunSpecOf<"eval"> = JSON.parse('{"benchmark": 3}');
    await expect(
      runCommand(watched, { kind: "eval", spec: badSpec, seed: 1 }, async () => ({ value: 1, summary: {} })),
    ).rejects.toSatisfy(StoredDataError.isInstance);
    expect(resumableAt).toEqual([
      { status: "completed", resumable: false },
      { status: "failed", resumable: false },
      { status: "failed", resumable: false },
    ]);
    // After each, the run is free at once.
    for (const run of await runtime.store.listRuns({ kind: "eval" }))
      await expect(checkRunLease({ store: inner, runId: run.id })).resolves.toBeUndefined();
  });

  it("a run another process took over is left to it: no status written, one clear error", async () => {
    let runId = "";
    const takenOver = runCommand(
      runtime,
      { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 },
      async ({ run }) => {
        runId = run.id;
        // This process stalled past the stale limit and another one resumed the run meanwhile.
        await runtime.store.putState(run.id, "lease", {
          holder: "newcomer",
          host: hostname(),
          pid: process.pid,
          heartbeatAt: new Date().toISOString(),
        });
        await runtime.store.updateRun(run.id, { status: "running", summary: { newcomer: true } });
        return { value: undefined, summary: { stale: true } };
      },
    );
    await expect(takenOver).rejects.toSatisfy(
      (error: unknown) =>
        BenchsmithError.isInstance(error) &&
        error.code === "run_taken_over" &&
        error.message ===
          `run ${runId} was taken over by another process (pid ${process.pid}, host ${hostname()}); stopping`,
    );
    expect(await runtime.store.getRun(runId)).toMatchObject({
      status: "running",
      summary: { newcomer: true },
    });
    // The newcomer's lease is kept, not marked released.
    await expect(checkRunLease({ store: runtime.store, runId })).rejects.toSatisfy(UserInputError.isInstance);
  });

  it("a heartbeat that finds the run taken over aborts the work's signal with the takeover error", async () => {
    // Only the heartbeat's interval is faked, so the store's own timers run as usual.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const takenOver = runCommand(
        runtime,
        { kind: "eval", spec: evalSpec(["a:b"]), seed: 1 },
        async ({ run, context }) => {
          await runtime.store.putState(run.id, "lease", {
            holder: "newcomer",
            host: `${hostname()}-other`,
            pid: 1,
            heartbeatAt: new Date().toISOString(),
          });
          const aborted = new Promise<unknown>((resolve) =>
            context.signal?.addEventListener("abort", () => resolve(context.signal?.reason)),
          );
          vi.advanceTimersByTime(5_000);
          throw await aborted;
        },
      );
      await expect(takenOver).rejects.toMatchObject({
        code: "run_taken_over",
        message: expect.stringMatching(
          /was taken over by another process \(pid 1, host .+-other\); stopping$/,
        ),
      });
      const [run] = await runtime.store.listRuns({ kind: "eval", limit: 1 });
      expect(run?.status).toBe("running");
    } finally {
      vi.useRealTimers();
    }
  });
});
