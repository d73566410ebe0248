import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { tinyVocabulary, writeTinyLlamaGguf } from "../../../test/helpers/tiny-gguf.js";
import { ConfigError, ProviderCallError, UserInputError } from "../../core/errors.js";
import { extractJson } from "../../core/json.js";
import type { LanguageModel } from "../../core/language-model.js";
import { generateObject, generateText } from "../generate.js";
import { parseModelRef } from "./index.js";
import { localProvider } from "./local.js";
import { disposeLocalModels } from "./local-runtime.js";

// node-llama-cpp ships prebuilt binaries per platform; without one the runtime cannot load.
const prebuiltPackage = `@node-llama-cpp/${process.platform}-${process.arch}`;
const hasPrebuiltBinary = (() => {
  try {
    createRequire(import.meta.url).resolve(prebuiltPackage);
    return true;
  } catch {
    return false;
  }
})();
if (!hasPrebuiltBinary) console.warn(`skipping local provider tests: ${prebuiltPackage} is not installed`);

const answerSchema = z.object({ answer: z.enum(["A", "B", "C", "D"]), sure: z.boolean() });
const question = [{ role: "user" as const, content: "Which letter? Answer in JSON." }];

let workDir: string;
let modelPath: string;
let model: LanguageModel;

function runNode(
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; timedOut: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: process.cwd(), stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      done({ code, stdout, timedOut: signal === "SIGKILL" });
    });
  });
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "benchsmith-local-"));
  modelPath = join(workDir, "tiny.gguf");
  writeTinyLlamaGguf(modelPath, { seed: 7, context: 2048 });
  // One thread: the tiny model is faster single-threaded on a shared 2-core machine.
  model = localProvider.create(parseModelRef(`local:${modelPath}`), {
    env: process.env,
    options: { threads: 1 },
  });
});

afterAll(async () => {
  await disposeLocalModels();
  rmSync(workDir, { recursive: true, force: true });
});

describe("localProvider.create", () => {
  it("is cheap: no file is touched until the first call", () => {
    const lazy = localProvider.create(parseModelRef("local:/nowhere/missing.gguf"), { env: {} });
    expect(lazy).toMatchObject({ provider: "local", modelId: "/nowhere/missing.gguf" });
  });

  it("rejects malformed options with a ConfigError", () => {
    const create = () =>
      localProvider.create(parseModelRef("local:x.gguf"), { env: {}, options: { contextSize: "big" } });
    expect(create).toThrow(/invalid options for the local provider/);
    let thrown: unknown;
    try {
      create();
    } catch (error) {
      thrown = error;
    }
    expect(ConfigError.isInstance(thrown)).toBe(true);
  });

  it("reports a missing model file as a user mistake on the first call", async () => {
    const lazy = localProvider.create(parseModelRef("local:/nowhere/missing.gguf"), { env: {} });
    await expect(lazy.doGenerate({ messages: question })).rejects.toSatisfy(UserInputError.isInstance);
  });
});

describe.skipIf(!hasPrebuiltBinary)("local provider on a tiny random-weight llama model", () => {
  it("generates text with token usage and stops at maxTokens", async () => {
    const result = await generateText({
      model,
      prompt: "Hello there",
      maxTokens: 12,
      temperature: 0.8,
      seed: 1,
    });
    expect(typeof result.text).toBe("string");
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.usage.inputTokens).toBeGreaterThan(2);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeLessThanOrEqual(12);
    // Random weights rarely pick an end token (2 of 450), so usually the cap is what stops it.
    expect(result.finishReason).toBe(result.usage.outputTokens === 12 ? "length" : "stop");
  });

  it("constrains output to a JSON schema with a grammar", async () => {
    const jsonSchema = z.toJSONSchema(answerSchema, { target: "draft-7" }) as Record<string, unknown>;
    const result = await model.doGenerate({
      messages: question,
      responseFormat: { type: "json", schema: jsonSchema },
      temperature: 1,
      seed: 3,
      maxTokens: 64,
    });
    const parsed = extractJson(result.text);
    expect(parsed.success).toBe(true);
    expect(answerSchema.safeParse(parsed.success ? parsed.value : undefined).success).toBe(true);
    expect(result.finishReason).toBe("stop");
  });

  it("yields a valid object through generateObject without needing the repair attempt", async () => {
    const result = await generateObject({
      model,
      schema: answerSchema,
      messages: question,
      seed: 5,
      temperature: 1,
    });
    expect(result.success).toBe(true);
    if (result.success) {
      expect(["A", "B", "C", "D"]).toContain(result.value.object.answer);
      expect(result.value.repaired).toBe(false);
    }
  });

  it("repeats itself for the same seed and temperature, and differs across seeds", async () => {
    const call = (seed: number) =>
      generateText({ model, prompt: "Tell me something", maxTokens: 16, temperature: 1, seed }).then(
        (r) => r.text,
      );
    const first = await call(11);
    expect(await call(11)).toBe(first);
    const others = await Promise.all([call(12), call(13)]);
    expect(others.some((text) => text !== first)).toBe(true);
  });

  it("gives the samples of one request different seeds", async () => {
    const call = (sampleIndex: number) =>
      model.doGenerate({ messages: question, maxTokens: 16, temperature: 1, seed: 4, sampleIndex });
    const texts = (await Promise.all([call(0), call(1), call(2)])).map((result) => result.text);
    expect(new Set(texts).size).toBeGreaterThan(1);
  });

  it("decodes the samples of one request from one evaluated prompt, reproducibly", async () => {
    const messages = [{ role: "user" as const, content: "Write a long question about the history of maps" }];
    const request = { messages, maxTokens: 8, temperature: 1, seed: 6 };
    const alone = await model.doGenerate({ ...request, sampleIndex: 0 });
    const samples = await (model.doGenerateSamples?.(request, [0, 1, 2]) ?? Promise.resolve([]));
    expect(samples).toHaveLength(3);
    // The first sample starts from an empty sequence, exactly like a request of its own.
    expect(samples[0]?.text).toBe(alone.text);
    expect(samples[0]?.usage.inputTokens).toBe(alone.usage.inputTokens);
    // The others reuse the evaluated prompt: at most a token or two of it is evaluated again.
    const promptTokens = alone.usage.inputTokens ?? 0;
    expect(promptTokens).toBeGreaterThan(10);
    for (const sample of samples.slice(1))
      expect(sample.usage.inputTokens ?? 0).toBeLessThan(promptTokens / 4);
    expect(new Set(samples.map((sample) => sample.text)).size).toBeGreaterThan(1);
    const again = await (model.doGenerateSamples?.(request, [0, 1, 2]) ?? Promise.resolve([]));
    expect(again.map((sample) => sample.text)).toEqual(samples.map((sample) => sample.text));
  });

  it("cuts the text at a stop string", async () => {
    const printable = new Set(tinyVocabulary().tokens.filter((token) => /^[!-~]$/.test(token)));
    const request = { model, prompt: "Go", maxTokens: 24, temperature: 1 };
    // Find a seed whose free output has a clean prefix (no stray bytes) before some
    // printable character; that character becomes the stop string (computed, not copied).
    for (let seed = 21; seed < 41; seed++) {
      const free = await generateText({ ...request, seed });
      const chars = [...free.text];
      const index = chars.findIndex(
        (char, position) =>
          position > 0 && printable.has(char) && !chars.slice(0, position).join("").includes("\ufffd"),
      );
      const stop = chars[index];
      if (index < 0 || stop === undefined) continue;
      const stopped = await generateText({ ...request, seed, stop: [stop] });
      expect(stopped.text).toBe(free.text.slice(0, free.text.indexOf(stop)));
      expect(stopped.finishReason).toBe("stop");
      return;
    }
    expect.unreachable("no seed produced a usable stop character");
  });

  it("accepts tools and renders a tool result into the prompt", async () => {
    const call = (toolResult: string) =>
      model.doGenerate({
        messages: [
          { role: "system", content: "You can look up the weather." },
          { role: "user", content: "Weather in Paris?" },
          {
            role: "assistant",
            content: "",
            toolCalls: [{ id: "c1", name: "weather", arguments: { city: "Paris" } }],
          },
          { role: "tool", toolCallId: "c1", toolName: "weather", content: toolResult },
          { role: "user", content: "And tomorrow?" },
        ],
        tools: [
          {
            name: "weather",
            description: "Weather for a city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
          },
        ],
        maxTokens: 4,
        seed: 2,
        temperature: 1,
      });
    const short = await call("sunny");
    // Every added character is at least part of one more token in this vocabulary.
    const long = await call("sunny with a light breeze from the west");
    expect(["length", "stop", "tool-calls"]).toContain(short.finishReason);
    for (const toolCall of short.toolCalls) expect(toolCall.name).toBe("weather");
    expect((long.usage.inputTokens ?? 0) - (short.usage.inputTokens ?? 0)).toBeGreaterThanOrEqual(
      " with a light breeze from the west".split(" ").length - 1,
    );
  });

  it("passes an abort through as the caller's own error, not a provider failure", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop now"));
    const error = await model
      .doGenerate({ messages: question, maxTokens: 8, abortSignal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(ProviderCallError.isInstance(error)).toBe(false);
  });

  it("lets a process that used the model exit without disposing it", async () => {
    const script = join(workDir, "exit-check.mts");
    const providerUrl = pathToFileURL(fileURLToPath(new URL("./local.ts", import.meta.url))).href;
    writeFileSync(
      script,
      `import { localProvider } from ${JSON.stringify(providerUrl)};\n` +
        `const model = localProvider.create({ provider: "local", modelId: ${JSON.stringify(modelPath)}, ref: "local" }, { env: process.env, options: { threads: 1 } });\n` +
        `const result = await model.doGenerate({ messages: [{ role: "user", content: "hi" }], maxTokens: 4 });\n` +
        `process.stdout.write(String(result.usage.outputTokens));\n`,
    );
    // A hang would hit the kill timer; a busy shared machine needs the generous bound.
    const child = await runNode(["--import", "tsx", script], 75_000);
    expect(child.timedOut).toBe(false);
    expect(child.code).toBe(0);
    expect(Number(child.stdout)).toBeGreaterThan(0);
  }, 90_000);

  it("rejects a file that is not a model without a retry", async () => {
    const bogus = join(workDir, "bogus.gguf");
    writeFileSync(bogus, "not a gguf file");
    const broken = localProvider.create(parseModelRef(`local:${bogus}`), { env: process.env });
    const error = await broken.doGenerate({ messages: question }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "provider_call", isRetryable: false });
    expect(existsSync(bogus)).toBe(true);
  });
});
