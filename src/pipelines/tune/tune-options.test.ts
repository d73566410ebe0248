import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../core/errors.js";
import { TUNE_PRESETS } from "./presets.js";
import { resolveTuneOptions, TUNE_DEFAULTS } from "./tune-options.js";

const required = { template: "multi-hop", targetModel: "openai:gpt-4o-mini", targetAccuracy: 0.5 } as const;

describe("resolveTuneOptions", () => {
  it("sizes the final benchmark so the standard error at the target is <= tolerance/2", () => {
    expect(resolveTuneOptions(required).finalItems).toBe(400);
    expect(resolveTuneOptions({ ...required, targetAccuracy: 0.9 }).finalItems).toBe(144);
    expect(resolveTuneOptions({ ...required, targetAccuracy: 0.75, tolerance: 0.1 }).finalItems).toBe(75);
    // Never below one iteration's sample; an explicit size wins.
    expect(resolveTuneOptions({ ...required, tolerance: 0.5, itemsPerIter: 30 }).finalItems).toBe(30);
    expect(resolveTuneOptions({ ...required, finalItems: 12 }).finalItems).toBe(12);
    expect(resolveTuneOptions({ ...required, tolerance: 0 }).finalItems).toBe(TUNE_DEFAULTS.itemsPerIter);
  });

  it("the betal preset fixes BeTaL's protocol for one run: 10 iterations, designer temperature 0.5", () => {
    expect(TUNE_PRESETS.betal.targets).toEqual([0.25, 0.5, 0.75, 0.9]);
    const resolved = resolveTuneOptions({ ...required, preset: "betal" });
    expect(resolved).toMatchObject({ preset: "betal", maxIters: 10, designerTemperature: 0.5 });
    // Options it does not fix stay free; the same value given explicitly is no conflict.
    expect(resolveTuneOptions({ ...required, preset: "betal", tolerance: 0.1, maxIters: 10 }).tolerance).toBe(
      0.1,
    );
  });

  it("a value contradicting the preset is an error naming the option", () => {
    const conflict = () => resolveTuneOptions({ ...required, preset: "betal", maxIters: 4 });
    expect(conflict).toThrow(InvalidOptionError);
    expect(conflict).toThrow("maxIters is 10 under the betal preset, got 4");
    expect(() => resolveTuneOptions({ ...required, preset: "betal", designerTemperature: 1 })).toThrow(
      "designerTemperature is 0.5 under the betal preset, got 1",
    );
    expect(() => resolveTuneOptions({ ...required, preset: "nope" as "betal" })).toThrow(
      'preset must be one of betal, got "nope"',
    );
  });

  it("checks the designer temperature's range", () => {
    expect(resolveTuneOptions(required).designerTemperature).toBe(0.5);
    expect(resolveTuneOptions({ ...required, designerTemperature: 0 }).designerTemperature).toBe(0);
    expect(() => resolveTuneOptions({ ...required, designerTemperature: 3 })).toThrow(
      "designerTemperature must be a number in [0, 2], got 3",
    );
  });
});
