import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import { generateText } from "../../index.js";
import { createModelResolver, createTerminalReporter, describeProviderKeys } from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import { loadCliConfig, runtimeOptionsFrom } from "../global-options.js";
import { print, printTable, sanitizeForTerminal } from "../output.js";

const REPLY_PREVIEW_CHARACTERS = 500;

/** `benchsmith models list|test`: which providers are usable here, and one live round-trip. */
export const modelsCommand: CommandModule = {
  name: "models",
  summary: "list providers and their key variables, or test a model with one call",
  register(program: Command) {
    const models = program.command("models").description(this.summary);

    models
      .command("list")
      .description("providers, the environment variable holding each key, and whether it is set")
      .action(async (_options: unknown, command: Command) => {
        const { config } = await loadCliConfig(command);
        const rows = describeProviderKeys({ config, env: process.env }).map((entry) => ({
          provider: entry.provider,
          "key variable": entry.keyEnv ?? "(none needed)",
          "key set": entry.keyEnv === undefined ? "-" : entry.keySet ? "yes" : "no",
          about: entry.description,
        }));
        printTable(rows, ["provider", "key variable", "key set", "about"]);
        print();
        print(`default model: ${config.defaultModel}`);
      });

    models
      .command("test")
      .description("one call through the full stack (no cache): latency, tokens, cost and the reply")
      .argument("<ref>", "model reference, e.g. openai:gpt-4o-mini or openai-compatible:http://host/v1#model")
      .action(async (ref: string, _options: unknown, command: Command) => {
        const { config } = await loadCliConfig(command);
        const { interactive, quiet } = runtimeOptionsFrom(command);
        // A first local:<alias> downloads the model file: show it on stderr like a run would.
        const { download } = createTerminalReporter({
          stream: process.stderr,
          interactive: interactive === true,
          quiet: quiet === true,
        });
        // No cache, so this is always a real call; no retries, so a dead endpoint fails at once.
        const resolveModel = createModelResolver({
          config,
          env: process.env,
          retry: { maxRetries: 0 },
          onDownloadProgress: download,
        });
        const model = resolveModel(ref);
        const started = performance.now();
        const result = await generateText({
          model,
          prompt: `Reply with one short sentence confirming you can read this. (check ${randomUUID().slice(0, 8)})`,
          maxTokens: 64,
          temperature: 0,
        });
        const latencyMs = result.latencyMs ?? performance.now() - started;
        const reply = sanitizeForTerminal(result.text.trim());
        print(`provider  ${model.provider}`);
        print(`model     ${model.modelId}`);
        print(`latency   ${Math.round(latencyMs)} ms`);
        print(`tokens    ${result.usage.inputTokens ?? "?"} in / ${result.usage.outputTokens ?? "?"} out`);
        print(
          `cost      ${result.costUsd === undefined ? "unknown price" : `$${result.costUsd.toFixed(6)}`}`,
        );
        print(
          `reply     ${reply.length > REPLY_PREVIEW_CHARACTERS ? `${reply.slice(0, REPLY_PREVIEW_CHARACTERS)}...` : reply}`,
        );
      });
  },
};
