import { describe, expect, it } from "vitest";
import { UserInputError } from "../core/errors.js";
import type { ResolvedConfig } from "./config-schema.js";
import { assertProviderKeys, findMissingKeys, missingKeysError } from "./preflight-keys.js";
import { modelRefsOfSpec } from "./run-kinds.js";

const config = (providers: ResolvedConfig["providers"] = {}): ResolvedConfig => ({
  store: ":memory:",
  defaultModel: "local:tiny",
  providers,
});

describe("findMissingKeys", () => {
  it("names a provider's own variable when it is unset or blank, and nothing once it holds a value", () => {
    const refs = ["openai:gpt-4o-mini"];
    expect(findMissingKeys(refs, { config: config(), env: {} })).toEqual([
      { ref: "openai:gpt-4o-mini", variable: "OPENAI_API_KEY" },
    ]);
    expect(findMissingKeys(refs, { config: config(), env: { OPENAI_API_KEY: "  " } })).toHaveLength(1);
    expect(findMissingKeys(refs, { config: config(), env: { OPENAI_API_KEY: "sk-x" } })).toEqual([]);
    expect(
      findMissingKeys(["anthropic:claude-3-5-haiku-latest", "google:gemini-2.0-flash"], {
        config: config(),
        env: {},
      }),
    ).toEqual([
      { ref: "anthropic:claude-3-5-haiku-latest", variable: "ANTHROPIC_API_KEY" },
      { ref: "google:gemini-2.0-flash", variable: "GOOGLE_GENERATIVE_AI_API_KEY" },
    ]);
  });

  it("never refuses providers that work without a key", () => {
    const refs = ["ollama:llama3.2", "local:/models/tiny.gguf", "openai-compatible:http://127.0.0.1:9/v1#m"];
    expect(findMissingKeys(refs, { config: config(), env: {} })).toEqual([]);
    // Ollama's factory reads no key at all, so a configured variable does not make it need one.
    expect(
      findMissingKeys(["ollama:llama3.2"], {
        config: config({ ollama: { apiKeyEnv: "OLLAMA_KEY" } }),
        env: {},
      }),
    ).toEqual([]);
  });

  it("reads the variable the config's apiKeyEnv names instead of the provider's own", () => {
    const renamed = config({ openai: { apiKeyEnv: "TEAM_OPENAI_KEY" } });
    expect(findMissingKeys(["openai:gpt-4o"], { config: renamed, env: { OPENAI_API_KEY: "sk-x" } })).toEqual([
      { ref: "openai:gpt-4o", variable: "TEAM_OPENAI_KEY" },
    ]);
    expect(findMissingKeys(["openai:gpt-4o"], { config: renamed, env: { TEAM_OPENAI_KEY: "sk-x" } })).toEqual(
      [],
    );
    // An openai-compatible server told to use a variable needs it (its factory refuses an empty one).
    const lab = config({ "openai-compatible": { apiKeyEnv: "LAB_KEY" } });
    const server = "openai-compatible:http://127.0.0.1:9/v1#m";
    expect(findMissingKeys([server], { config: lab, env: {} })).toEqual([
      { ref: server, variable: "LAB_KEY" },
    ]);
    expect(findMissingKeys([server], { config: lab, env: { LAB_KEY: "k" } })).toEqual([]);
  });

  it("lists each ref once, trimmed, and leaves refs it cannot judge to the run", () => {
    expect(
      findMissingKeys([" openai:a", "openai:a", "a:b", "no-provider", "openai-compatible:m"], {
        config: config(),
        env: {},
      }),
    ).toEqual([{ ref: "openai:a", variable: "OPENAI_API_KEY" }]);
  });
});

describe("missingKeysError", () => {
  it("is one line naming the model and the variable, with a hint naming `benchsmith models list`", () => {
    const error = missingKeysError([{ ref: "openai:gpt-4o-mini", variable: "OPENAI_API_KEY" }]);
    expect(UserInputError.isInstance(error)).toBe(true);
    expect(error?.message).toBe("no API key for openai:gpt-4o-mini: set OPENAI_API_KEY");
    expect(error?.hint).toContain("benchsmith models list");
    expect(missingKeysError([])).toBeUndefined();
  });

  it("lists every model without its key, grouped by variable", () => {
    const error = missingKeysError([
      { ref: "openai:a", variable: "OPENAI_API_KEY" },
      { ref: "anthropic:c", variable: "ANTHROPIC_API_KEY" },
      { ref: "openai:b", variable: "OPENAI_API_KEY" },
    ]);
    expect(error?.message).toBe(
      "no API key for openai:a, openai:b: set OPENAI_API_KEY; for anthropic:c: set ANTHROPIC_API_KEY",
    );
  });
});

describe("assertProviderKeys", () => {
  it("throws the error when a key is missing and returns when none is", () => {
    expect(() => assertProviderKeys(["openai:x", "ollama:y"], { config: config(), env: {} })).toThrow(
      /^no API key for openai:x: set OPENAI_API_KEY$/,
    );
    expect(() =>
      assertProviderKeys(["openai:x", "ollama:y"], { config: config(), env: { OPENAI_API_KEY: "k" } }),
    ).not.toThrow();
  });
});

describe("modelRefsOfSpec: the models each run kind calls in this process", () => {
  const here = { queued: false };
  const queued = { queued: true };
  const tune = (designer: string, designerModel?: string) => ({
    options: {
      template: "multi-hop",
      targetModel: "openai:target",
      targetAccuracy: 0.5,
      designer,
      ...(designerModel === undefined ? {} : { designerModel }),
      tolerance: 0.05,
      maxIters: 3,
      itemsPerIter: 10,
      finalItems: 20,
      seed: 0,
      concurrency: 2,
    },
    out: "/tmp/t.jsonl",
  });
  const evalSpec = { benchmark: "/b.jsonl", out: "/r.json" };
  const evalOptions = { chainOfThought: false, concurrency: 1, seed: 0 };

  it("eval: its models and judge here, none when the workers answer", () => {
    const spec = {
      ...evalSpec,
      options: { ...evalOptions, models: ["openai:a", "ollama:b"], judge: "anthropic:j" },
    };
    expect(modelRefsOfSpec("eval", spec, here)).toEqual(["openai:a", "ollama:b", "anthropic:j"]);
    expect(
      modelRefsOfSpec("eval", { ...spec, options: { ...spec.options, judge: undefined } }, here),
    ).toEqual(["openai:a", "ollama:b"]);
    expect(modelRefsOfSpec("eval", spec, queued)).toEqual([]);
  });

  it("make, tune, discover, plan, audit: the roles their pipelines resolve, queued or not", () => {
    const make = { options: { demand: "physics", generator: "openai:g" }, out: "/m.jsonl" };
    expect(modelRefsOfSpec("make", make, queued)).toEqual(["openai:g"]);
    expect(modelRefsOfSpec("tune", tune("optimizer", "openai:unused"), queued)).toEqual(["openai:target"]);
    expect(modelRefsOfSpec("tune", tune("llm", "anthropic:designer"), here)).toEqual([
      "openai:target",
      "anthropic:designer",
    ]);
    const discover = {
      domain: "history",
      candidates: ["openai:c1", "ollama:c2"],
      writer: "openai:w",
      out: "",
      report: "",
    };
    expect(modelRefsOfSpec("discover", { ...discover, judge: "google:j" }, queued)).toEqual([
      "openai:w",
      "google:j",
      "openai:c1",
      "ollama:c2",
    ]);
    const plan = { query: "law", model: "openai:p", verifier: "anthropic:v", out: "" };
    expect(modelRefsOfSpec("plan", plan, queued)).toEqual(["openai:p", "anthropic:v"]);
    expect(modelRefsOfSpec("plan", { ...plan, planOnly: true }, here)).toEqual(["openai:p"]);
    const audit = { benchmark: "/b.jsonl", compare: [], judgeMode: "itemwise", leakageReferences: [] };
    expect(modelRefsOfSpec("audit", audit, here)).toEqual([]);
    expect(
      modelRefsOfSpec(
        "audit",
        { ...audit, models: ["openai:m"], judge: "openai:j", embedder: "openai:e" },
        here,
      ),
    ).toEqual(["openai:m", "openai:j", "openai:e"]);
  });

  it("a spec that does not parse names no model (the run fails where its spec is read)", () => {
    expect(modelRefsOfSpec("eval", { benchmark: 3 }, here)).toEqual([]);
    expect(modelRefsOfSpec("make", undefined, here)).toEqual([]);
  });
});
