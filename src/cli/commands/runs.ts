import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { type RunRecord, type RunStore, UserInputError } from "../../index.js";
import { DEFAULT_STORE_PATH, redactStoreLocation } from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import { loadCliConfig, openCliRuntimeForReading } from "../global-options.js";
import { print, printJson, printTable, sanitizeForTerminal } from "../output.js";

const DEFAULT_LIMIT = 20;

/** `benchsmith runs list|show`: what is in the store, and everything about one run. */
export const runsCommand: CommandModule = {
  name: "runs",
  summary: "list the runs in the store, or show one run's spec, summary and counts",
  register(program: Command) {
    const runs = program.command("runs").description(this.summary);

    runs
      .command("list")
      .description("recent runs, newest first")
      .option("--kind <kind>", "only runs of this kind (make, eval, tune, ...)")
      .option("--limit <n>", `at most this many runs (default ${DEFAULT_LIMIT})`, parseLimit)
      .option("--json", "print the rows as JSON")
      .action(async (options: { kind?: string; limit?: number; json?: boolean }, command: Command) => {
        // Nothing run yet in this folder: say so (exit 0) without creating the default store.
        const { config } = await loadCliConfig(command);
        if (config.store === resolve(DEFAULT_STORE_PATH) && !existsSync(config.store)) {
          if (options.json) return printJson([]);
          print(
            `no runs yet (no store at ./${DEFAULT_STORE_PATH}: the first make/eval/tune/discover/plan run creates it)`,
          );
          return;
        }
        const runtime = await openCliRuntimeForReading(command);
        try {
          const records = await runtime.store.listRuns({
            ...(options.kind === undefined ? {} : { kind: options.kind }),
            limit: options.limit ?? DEFAULT_LIMIT,
          });
          const rows = await Promise.all(records.map((run) => describeRun(runtime.store, run)));
          if (options.json) return printJson(rows);
          if (rows.length === 0) {
            print(options.kind === undefined ? "no runs yet" : `no ${options.kind} runs yet`);
            return;
          }
          printTable(
            rows.map((row) => ({
              ...row,
              created: row.created.replace("T", " ").slice(0, 16),
              // A run that makes no items (eval answers, audit scores, discover searches) has no count to show: "-".
              accepted: makesItems(row) ? row.accepted : undefined,
              rejected: makesItems(row) ? row.rejected : undefined,
              cost: formatCost(row.costUsd),
            })),
            [
              "id",
              "kind",
              "status",
              "created",
              { key: "accepted", align: "right" },
              { key: "rejected", align: "right" },
              "calls",
              { key: "cost", align: "right" },
            ],
          );
        } finally {
          await runtime.close();
        }
      });

    runs
      .command("show")
      .description("one run: its spec, summary, item and call counts")
      .argument("<id>", "run id (see `benchsmith runs list`)")
      .option("--json", "print everything as JSON")
      .action(async (id: string, options: { json?: boolean }, command: Command) => {
        const runtime = await openCliRuntimeForReading(command, `run "${id}" was looked up`);
        try {
          const run = await runtime.store.getRun(id);
          if (run === undefined) {
            const recent = (await runtime.store.listRuns({ limit: 5 })).map((candidate) => candidate.id);
            throw new UserInputError(
              `no run "${id}" in the store ${redactStoreLocation(runtime.config.store)}`,
              recent.length > 0
                ? `recent runs: ${recent.join(", ")}`
                : "the store has no runs yet; check --store",
            );
          }
          const counts = await describeRun(runtime.store, run);
          const calls = await runtime.store.callStats(run.id);
          const { answers: evaluations, ...listed } = counts;
          if (options.json) return printJson({ ...run, counts: { ...listed, evaluations, ...calls } });
          print(`id        ${run.id}`);
          print(`kind      ${run.kind}`);
          print(`status    ${run.status}`);
          print(`created   ${run.createdAt}`);
          print(`updated   ${run.updatedAt}`);
          if (makesItems(counts)) print(`items     ${counts.accepted} accepted, ${counts.rejected} rejected`);
          print(
            `calls     ${calls.calls} (${calls.inputTokens} input / ${calls.outputTokens} output tokens), cost ${formatCost(calls.costUsd)}`,
          );
          if (evaluations > 0) print(`evaluated ${evaluations} answers`);
          print();
          print("spec:");
          printIndentedJson(run.spec);
          print("summary:");
          printIndentedJson(run.summary ?? null);
        } finally {
          await runtime.close();
        }
      });
  },
};

/** The kinds whose runs write benchmark items (accepted or rejected); the others record answers or results. */
const ITEM_KINDS: ReadonlySet<string> = new Set(["make", "tune", "plan"]);

/** Whether a run's accepted/rejected counts mean something: its kind writes items, or it has some anyway. */
function makesItems(counts: { kind: string; accepted: number; rejected: number }): boolean {
  return ITEM_KINDS.has(counts.kind) || counts.accepted + counts.rejected > 0;
}

/** One row of `runs list`: the run with its item, answer and call counts. */
async function describeRun(store: RunStore, run: RunRecord) {
  const calls = await store.callStats(run.id);
  const counts = await store.countRunRows(run.id);
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    created: run.createdAt,
    accepted: counts.accepted,
    rejected: counts.rejected,
    /** Model answers evaluated (what an eval run records instead of items). */
    answers: counts.evaluations,
    calls: calls.calls,
    costUsd: calls.costUsd,
  };
}

function formatCost(costUsd: number | undefined): string {
  if (costUsd === undefined) return "unknown";
  return costUsd === 0 ? "$0" : `$${costUsd < 0.01 ? costUsd.toFixed(4) : costUsd.toFixed(2)}`;
}

function printIndentedJson(value: unknown): void {
  // Specs and summaries hold model output and file names: keep control characters off the terminal.
  for (const line of JSON.stringify(value, null, 2).split("\n")) print(`  ${sanitizeForTerminal(line)}`);
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new InvalidArgumentError("must be a whole number >= 1");
  return limit;
}
