/**
 * The two ways `scripts/ablation.ts` makes and audits its rows: offline on the scripted generator
 * with scripted test-takers (an in-memory store), or through a runtime (config, keys, cache, cost)
 * where every row is a make run and an audit run in the store.
 */
import { type AuditOptions, runAudit } from "../../src/audit/index.js";
import { type PipelineContext, silentLogger, silentProgress } from "../../src/core/context.js";
import type { Item } from "../../src/core/item.js";
import { type LanguageModel, wrapModel } from "../../src/core/language-model.js";
import { createRng, hashString } from "../../src/core/rng.js";
import { cacheMiddleware } from "../../src/llm/middleware/cache.js";
import { rightLetter, scriptedGenerator } from "../../src/pipelines/make/__fixtures__/scripted-generator.js";
import { type MakeOptions, type MakeStats, makeBenchmark } from "../../src/pipelines/make/index.js";
import { runCommand } from "../../src/runtime/run-command.js";
import { openRuntime } from "../../src/runtime/runtime.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { MockLanguageModel } from "../../src/testing/index.js";

/** The scripted test-takers the offline runner evaluates. */
export const SCRIPTED_MODELS = ["scripted:strong", "scripted:weak"];

interface RowRun {
  items: Item[];
  stats: MakeStats;
}

/** Makes and audits one row; the two ways below differ only in where models and runs come from. */
export interface Runner {
  make(options: MakeOptions): Promise<RowRun & { runId: string }>;
  audit(options: AuditOptions): Promise<Awaited<ReturnType<typeof runAudit>>>;
  close(): Promise<void>;
}

/** An answerer for eval's MCQ prompt: the option whose text starts with RIGHT, always or half the time. */
function scriptedTaker(strong: boolean): LanguageModel {
  return new MockLanguageModel({
    modelId: strong ? "strong" : "weak",
    respond: (call) => {
      const prompt = call.messages.map((message) => message.content).join("\n");
      const right = rightLetter(prompt);
      const guess = createRng(hashString(prompt)).next() < 0.5;
      return strong || guess ? right : right === "A" ? "B" : "A";
    },
  });
}

/** Offline: the scripted generator (its calls recorded, so efficiency has numbers) and scripted test-takers. */
export async function offlineRunner(seed: number): Promise<Runner> {
  const store = openSqliteStore(":memory:");
  let runs = 0;
  const context = async (kind: "make" | "audit"): Promise<PipelineContext> => {
    const record = await store.createRun({ id: `ablation-${++runs}`, kind, spec: {} });
    const generator = wrapModel(scriptedGenerator(), [cacheMiddleware({ cache: store, runId: record.id })]);
    return {
      runId: record.id,
      store,
      resolveModel: (ref) =>
        SCRIPTED_MODELS.includes(ref) ? scriptedTaker(ref.endsWith("strong")) : generator,
      rng: createRng(seed),
      progress: silentProgress,
      log: silentLogger,
    };
  };
  return {
    async make(options) {
      const made = await context("make");
      const result = await makeBenchmark(options, made);
      await store.updateRun(made.runId, { status: result.stats.status, summary: {} });
      return { ...result, runId: made.runId };
    },
    audit: async (options) => runAudit(options, await context("audit")),
    close: () => store.close(),
  };
}

/** Live: every row a make run and an audit run through the runtime (models resolved from the config). */
export async function liveRunner(options: { seed: number; storePath: string | undefined }): Promise<Runner> {
  const { seed } = options;
  const runtime = await openRuntime({
    ...(options.storePath ? { storePath: options.storePath } : {}),
    quiet: true,
  });
  return {
    async make(options) {
      const outcome = await runCommand(
        runtime,
        { kind: "make", spec: { options, out: "" }, seed },
        async (run) => {
          const result = await makeBenchmark(run.spec.options, run.context);
          return { value: result, summary: { ...result.stats }, status: result.stats.status };
        },
      );
      return { ...outcome.value, runId: outcome.run.id };
    },
    async audit(options) {
      const spec = {
        benchmark: options.benchmark.name,
        compare: [],
        judgeMode: "itemwise" as const,
        leakageReferences: [],
        ...(options.models ? { models: [...options.models] } : {}),
        ...(options.judge ? { judge: options.judge } : {}),
        ...(options.demand ? { demand: options.demand } : {}),
        ...(options.generatingRun ? { generatingRun: options.generatingRun } : {}),
      };
      const outcome = await runCommand(runtime, { kind: "audit", spec, seed }, async (run) => {
        const report = await runAudit(options, run.context);
        return { value: report, summary: { rows: report.rows.length } };
      });
      return outcome.value;
    },
    close: () => runtime.close(),
  };
}
