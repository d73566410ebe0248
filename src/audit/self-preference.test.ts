import { describe, expect, it } from "vitest";
import type { Item } from "../core/item.js";
import { sameModel, selfPreferenceWarning } from "./self-preference.js";

const item = (id: string, model?: string): Item => ({
  id,
  format: "open",
  question: `q ${id}`,
  answer: "a",
  ...(model ? { provenance: { pipeline: "make", model } } : {}),
});

describe("self-preference", () => {
  it("the same model through another endpoint is the same model", () => {
    expect(sameModel("openai:gpt-4o-mini", "openai-compatible:http://127.0.0.1:9/v1#gpt-4o-mini")).toBe(true);
    expect(sameModel("openai:gpt-4o-mini", "openai:gpt-4o")).toBe(false);
  });

  it("warns when the judge wrote the items, naming where that was recorded", () => {
    const items = [item("1", "openai:gpt-4o-mini"), item("2", "openai:gpt-4o"), item("3")];
    const warning = selfPreferenceWarning({
      judge: "openai:gpt-4o-mini",
      runGenerators: ["openai:gpt-4o-mini"],
      items,
    });
    expect(warning).toContain("the generating run's generator openai:gpt-4o-mini");
    expect(warning).toContain("the provenance of 1 of 3 items");
    expect(warning).toContain("self-preference");
    expect(
      selfPreferenceWarning({ judge: "anthropic:claude", runGenerators: ["openai:gpt-4o"], items }),
    ).toBeUndefined();
  });
});
