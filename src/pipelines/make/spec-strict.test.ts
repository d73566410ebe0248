import { describe, expect, it } from "vitest";
import { UserInputError } from "../../core/errors.js";
import { parseSpecYaml } from "./spec-yaml.js";

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("hand-written specs", () => {
  it("an unknown key is a UserInputError naming the key and the allowed keys", () => {
    for (const [text, key] of [
      ["foo: 1\n", "foo"],
      ["demand: chemistry\natributes:\n  - name: topic\n    values: [acids]\n", "atributes"],
    ] as const) {
      const error = thrown(() => parseSpecYaml(text, "spec.yaml"));
      expect(UserInputError.isInstance(error)).toBe(true);
      const { message, hint } = error as UserInputError;
      expect(message).toContain(`"${key}"`);
      for (const allowed of ["demand", "paraphrasedDemand", "description", "attributes", "strategies"])
        expect(hint).toContain(allowed);
    }
  });

  it("a spec with known keys only still parses", () => {
    expect(parseSpecYaml("demand: chemistry\n", "spec.yaml")).toEqual({ demand: "chemistry" });
  });

  it("difficulty dimensions in a hand-written spec parse; the old level lists are a named error", () => {
    const yaml =
      "strategies:\n  - name: steps\n    values:\n      - {value: one, difficulty: 1}\n      - {value: many, difficulty: 7.5}\n";
    expect(parseSpecYaml(yaml, "spec.yaml")).toEqual({
      strategies: [
        {
          name: "steps",
          values: [
            { value: "one", difficulty: 1 },
            { value: "many", difficulty: 7.5 },
          ],
        },
      ],
    });
    expect(() => parseSpecYaml("strategies:\n  - level: 1\n    strategies: [x]\n", "old.yaml")).toThrow(
      /old.yaml is not a valid make spec: strategies.0.name/,
    );
  });
});
