import { describe, expect, it } from "vitest";
import { UserInputError } from "../../core/errors.js";
import { createProviderModel, PROVIDERS } from "./index.js";
import { ollamaBaseURL } from "./ollama.js";

describe("PROVIDERS", () => {
  it("declares complete metadata for every entry, keyed by its id", () => {
    for (const [name, entry] of Object.entries(PROVIDERS)) {
      expect(entry.id).toBe(name);
      expect(entry.description.length).toBeGreaterThan(10);
      expect(typeof entry.create).toBe("function");
      expect(["one-request", "one-evaluated-prompt", "separate-requests"]).toContain(entry.samples);
    }
  });

  it("gives doGenerateSamples to the models of exactly the entries that declare samples in one go", () => {
    const refs: Record<keyof typeof PROVIDERS, string> = {
      openai: "openai:gpt-4o-mini",
      anthropic: "anthropic:claude-sonnet-4-5",
      google: "google:gemini-2.5-flash",
      "openai-compatible": "openai-compatible:http://127.0.0.1:1/v1#m",
      ollama: "ollama:qwen2.5",
      local: "local:/nowhere/model.gguf",
    };
    const env = { OPENAI_API_KEY: "k", ANTHROPIC_API_KEY: "k", GOOGLE_GENERATIVE_AI_API_KEY: "k" };
    for (const [name, ref] of Object.entries(refs)) {
      const entry = PROVIDERS[name as keyof typeof PROVIDERS];
      const model = createProviderModel(ref, { env });
      expect([name, typeof model.doGenerateSamples]).toEqual([
        name,
        entry.samples === "separate-requests" ? "undefined" : "function",
      ]);
    }
    // Anthropic has no `n`; it declares the write-first prompt cache the samples are primed for.
    expect(createProviderModel(refs.anthropic, { env }).promptCache).toEqual({ minPrefixTokens: 1024 });
  });

  it("creates models without any network or key lookups beyond the env it is given", () => {
    const model = createProviderModel("openai:gpt-4o-mini", { env: { OPENAI_API_KEY: "k" } });
    expect([model.provider, model.modelId]).toEqual(["openai", "gpt-4o-mini"]);
  });

  it("gives openai-compatible models an id that includes the server", () => {
    const model = createProviderModel("openai-compatible:http://10.0.0.2:8000/v1#qwen", { env: {} });
    expect([model.provider, model.modelId]).toEqual(["openai-compatible", "http://10.0.0.2:8000/v1#qwen"]);
  });

  it("rejects malformed refs with a UserInputError", () => {
    expect(() => createProviderModel("gpt-4o", { env: {} })).toThrow(UserInputError);
    expect(() => createProviderModel("nope:model", { env: {} })).toThrow(UserInputError);
  });

  it("points a missing key at env vars only (config files may not hold keys)", () => {
    for (const [provider, keyEnv] of [
      ["openai", "OPENAI_API_KEY"],
      ["anthropic", "ANTHROPIC_API_KEY"],
      ["google", "GOOGLE_GENERATIVE_AI_API_KEY"],
    ] as const) {
      const error = (() => {
        try {
          createProviderModel(`${provider}:some-model`, { env: {} });
        } catch (caught) {
          return caught;
        }
      })();
      expect(UserInputError.isInstance(error)).toBe(true);
      expect((error as UserInputError).hint).toBe(
        `export ${keyEnv}=... (or name a different variable with providers.${provider}.apiKeyEnv in the config)`,
      );
    }
  });
});

describe("ollamaBaseURL", () => {
  it("uses config, then OLLAMA_HOST, then localhost, always ending in /v1", () => {
    expect(ollamaBaseURL({ env: {} })).toBe("http://127.0.0.1:11434/v1");
    expect(ollamaBaseURL({ env: { OLLAMA_HOST: "gpu-box:11434" } })).toBe("http://gpu-box:11434/v1");
    expect(ollamaBaseURL({ env: { OLLAMA_HOST: "https://o.example/" } })).toBe("https://o.example/v1");
    expect(ollamaBaseURL({ baseURL: "http://h:1/v1", env: { OLLAMA_HOST: "x:2" } })).toBe("http://h:1/v1");
  });
});
