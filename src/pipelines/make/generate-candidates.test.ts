import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  type LoopbackLlmServer,
  type LoopbackRequest,
  startLoopbackLlmServer,
} from "../../../test/helpers/loopback-llm-server.js";
import { writeTinyLlamaGguf } from "../../../test/helpers/tiny-gguf.js";
import { identityOf, type LanguageModel } from "../../core/language-model.js";
import { wrapForRun } from "../../llm/middleware/wrap-for-run.js";
import { createProviderModel } from "../../llm/providers/index.js";
import { buildGenerationPrompt, type GenerationInput, generateCandidates } from "./generate-candidates.js";

const input: GenerationInput = {
  demand: "world geography",
  description: { task: "t", query: "q", options: "o" },
  optionCount: 4,
  attributes: {},
  strategy: undefined,
  references: [],
  stepwise: true,
  rated: false,
  direct: false,
};
const STEPWISE = ["analysis", "draft", "solution", "distractors", "recheck"];
const reply = {
  analysis: "a",
  draft: "d",
  solution: "s",
  distractors: "x",
  recheck: "r",
  question: "Which river is longest?",
  options: ["Nile", "Rhine", "Po", "Ebro"],
  answer: "(a)",
  explanation: "the Nile",
};

let server: LoopbackLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("generateCandidates over the wire (OpenAI-compatible structured output)", () => {
  it("sends the stepwise fields first and the answer as an enum of the letters; a lenient answer is read", async () => {
    server = await startLoopbackLlmServer({ respond: () => ({ text: JSON.stringify(reply) }) });
    const model = createProviderModel(`openai-compatible:${server.url}/v1#generator`, { env: {} });
    const generated = await generateCandidates({
      model,
      input,
      samples: 2,
      firstSampleIndex: 0,
      temperature: 1,
    });
    expect(generated.failures).toEqual([]);
    expect(generated.candidates.map((candidate) => candidate.answer)).toEqual(["A", "A"]);
    expect(generated.candidates[0]?.reasoning).toBe(
      "analysis: a\ndraft: d\nsolution: s\ndistractors: x\nrecheck: r",
    );
    expect(server.requests).toHaveLength(2);
    const body = server.requests[0]?.body as {
      response_format?: {
        type: string;
        json_schema?: { schema?: { properties: object; required: string[] } };
      };
    };
    expect(body.response_format?.type).toBe("json_schema");
    const schema = body.response_format?.json_schema?.schema;
    // property order survives the provider layer: what decodes in schema order writes the self-check first
    expect(Object.keys(schema?.properties ?? {})).toEqual([
      ...STEPWISE,
      "question",
      "options",
      "answer",
      "explanation",
    ]);
    expect(schema?.required.slice(0, 5)).toEqual(STEPWISE);
    expect(schema?.properties).toMatchObject({ answer: { type: "string", enum: ["A", "B", "C", "D"] } });
  });
});

describe("the generation prompt on the wire: shared prefix first, per-attempt tail second", () => {
  type Block = { type: string; text?: string; cache_control?: unknown };
  type Body = { n?: number; system?: Block[]; messages?: { role: string; content: string | Block[] }[] };
  const bodyOf = (request: LoopbackRequest | undefined): Body => (request?.body ?? {}) as Body;
  const attempt = (region: string, reference: string): GenerationInput => ({
    ...input,
    attributes: { region },
    strategy: { bin: 0, bins: 10, rank: 1, score: 2, combination: { steps: "one step" } },
    references: [{ question: reference, options: ["Nile", "Po"], answer: "A" }],
  });
  const generate = (model: LanguageModel, generation: GenerationInput, firstSampleIndex: number) =>
    generateCandidates({ model, input: generation, samples: 3, firstSampleIndex, temperature: 1 });

  it("anthropic: cache_control marks the shared prefix block; the tail block follows it", async () => {
    server = await startLoopbackLlmServer({ respond: () => ({ text: JSON.stringify(reply) }) });
    const model = wrapForRun({
      model: createProviderModel("anthropic:claude-sonnet-4-5", {
        baseURL: `${server.url}/v1`,
        env: { ANTHROPIC_API_KEY: "test-key" },
      }),
      retry: false,
    });
    const first = attempt("asia", "Which river is longest?");
    const second = attempt("europe", "Which lake is deepest?");
    await generate(model, first, 0);
    await generate(model, second, 3);
    // no `n` on the Messages API: one request per sample
    expect(server.requests).toHaveLength(6);
    const breakpoint = { type: "ephemeral" };
    const firstBlocks: (string | undefined)[] = [];
    for (const request of server.requests) {
      const body = bodyOf(request);
      expect(body.n).toBeUndefined();
      expect(body.system?.[0]?.cache_control).toEqual(breakpoint);
      // the two user messages arrive as one user turn of two text blocks
      expect(body.messages).toHaveLength(1);
      const blocks = body.messages?.[0]?.content as Block[];
      expect(blocks).toHaveLength(2);
      expect(blocks[0]?.text?.startsWith("### generate-item\n")).toBe(true);
      expect(blocks[0]?.cache_control).toEqual(breakpoint);
      expect(blocks[0]?.text).not.toMatch(/asia|europe|longest|deepest|one step/);
      expect(blocks[1]?.text).toMatch(/- region: (asia|europe)/);
      firstBlocks.push(blocks[0]?.text);
    }
    expect(new Set(firstBlocks).size).toBe(1);
    expect(firstBlocks[0]).toBe(buildGenerationPrompt(second).prefix);
  });

  const WITH_N = [
    {
      name: "openai",
      ref: () => "openai:gpt-test",
      settings: (url: string) => ({ baseURL: `${url}/v1`, env: { OPENAI_API_KEY: "test-key" } }),
      joinsUserTurns: false,
    },
    {
      name: "openai-compatible",
      ref: (url: string) => `openai-compatible:${url}/v1#generator`,
      settings: () => ({ env: {} }),
      // Chat templates behind compatible servers may require alternating roles: one user turn, prefix first.
      joinsUserTurns: true,
    },
  ];
  it.each(WITH_N)(
    "$name with n: the L samples of an attempt are one request carrying prefix and tail",
    async (provider) => {
      server = await startLoopbackLlmServer({ respond: () => ({ text: JSON.stringify(reply) }) });
      const model = () =>
        createProviderModel(provider.ref(server?.url ?? ""), provider.settings(server?.url ?? ""));
      const batched = wrapForRun({ model: model(), retry: false });
      const generated = await generate(batched, attempt("asia", "Which river is longest?"), 0);
      expect(generated.candidates).toHaveLength(3);
      expect(server.requests).toHaveLength(1);
      const body = bodyOf(server.requests[0]);
      expect(body.n).toBe(3);
      const prompt = buildGenerationPrompt(attempt("asia", "Which river is longest?"));
      const system = { role: expect.stringMatching(/^(system|developer)$/), content: prompt.system };
      expect(body.messages).toEqual(
        provider.joinsUserTurns
          ? [system, { role: "user", content: `${prompt.prefix}\n\n${prompt.tail}` }]
          : [system, { role: "user", content: prompt.prefix }, { role: "user", content: prompt.tail }],
      );
      // the paper's design for comparison: one request per sample
      server.reset();
      const single = wrapForRun({ model: model(), retry: false, batchSamples: false });
      await generate(single, attempt("asia", "Which river is longest?"), 0);
      expect(server.requests.map((request) => bodyOf(request).n)).toEqual([undefined, undefined, undefined]);
    },
  );
});

// node-llama-cpp ships prebuilt binaries per platform; without one the runtime cannot load.
const hasRuntime = (() => {
  try {
    createRequire(import.meta.url).resolve(`@node-llama-cpp/${process.platform}-${process.arch}`);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasRuntime)("generateCandidates on the embedded llama.cpp grammar path (tiny GGUF)", () => {
  const directory = mkdtempSync(join(tmpdir(), "make-grammar-"));
  afterAll(async () => {
    const { disposeLocalModels } = await import("../../llm/providers/local-runtime.js");
    await disposeLocalModels();
    rmSync(directory, { recursive: true, force: true });
  });

  it("a grammar-constrained run writes the stepwise fields before the item", async () => {
    const path = join(directory, "tiny.gguf");
    writeTinyLlamaGguf(path, { seed: 7, context: 2048 });
    const model = createProviderModel(`local:${path}`, { env: {}, options: { threads: 1 } });
    // Random weights: the reply is cut at the token cap, but its first key is the grammar's to choose.
    const texts: string[] = [];
    const capped: LanguageModel = {
      ...identityOf(model),
      async doGenerate(options) {
        const result = await model.doGenerate({ ...options, maxTokens: 20 });
        texts.push(result.text);
        return result;
      },
    };
    await generateCandidates({ model: capped, input, samples: 1, firstSampleIndex: 0, temperature: 1 });
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(/^\s*\{\s*"analysis"/);
  }, 120_000);
});
