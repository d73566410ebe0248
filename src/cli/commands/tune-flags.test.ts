import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../index.js";
import { designerShorthand } from "./tune-flags.js";

describe("designerShorthand", () => {
  it("keeps a designer's name, turns a model ref into the llm designer, and names anything else", () => {
    expect(designerShorthand({ designer: "rs-ppr" })).toEqual({ designer: "rs-ppr" });
    expect(designerShorthand({ designer: "openai:gpt-4o", tolerance: 0.1 })).toEqual({
      designer: "llm",
      designerModel: "openai:gpt-4o",
      tolerance: 0.1,
    });
    expect(designerShorthand({})).toEqual({});
    expect(() => designerShorthand({ designer: "gradient" })).toThrow(
      /^designer must be one of llm, .* or a model ref \(provider:model\), got "gradient"$/,
    );
    expect(() => designerShorthand({ designer: "gradient" })).toThrow(InvalidOptionError);
  });
});
