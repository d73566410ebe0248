import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type LoopbackLlmServer, startLoopbackLlmServer } from "../../../test/helpers/loopback-llm-server.js";
import { writeTinyLlamaGguf } from "../../../test/helpers/tiny-gguf.js";
import { identityOf, type LanguageModel } from "../../core/language-model.js";
import { createProviderModel } from "../../llm/providers/index.js";
import { type GenerationInput, generateCandidates } from "./generate-candidates.js";

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
afterAll(async () => {
  await server?.close();
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
