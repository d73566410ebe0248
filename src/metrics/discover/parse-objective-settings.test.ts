import { describe, expect, it } from "vitest";
import { UserInputError } from "../../core/errors.js";
import { autobencherObjective } from "./autobencher-objective.js";
import { parseAccuracyBand, parseObjectiveWeights } from "./parse-objective-settings.js";

describe("parseObjectiveWeights", () => {
  it("reads name=weight pairs, spaces allowed, and returns only the given ones", () => {
    expect(parseObjectiveWeights("difficulty=1,novelty=1,separability=0.5", autobencherObjective)).toEqual({
      difficulty: 1,
      novelty: 1,
      separability: 0.5,
    });
    expect(parseObjectiveWeights(" novelty = .25 , difficulty=2e-1", autobencherObjective)).toEqual({
      novelty: 0.25,
      difficulty: 0.2,
    });
  });

  it.each([
    ["", /empty/],
    ["safety=1", /unknown objective term "safety"/],
    ["difficulty", /cannot read weight/],
    ["difficulty=", /not a number/],
    ["difficulty=-1", /not a number >= 0/],
    ["difficulty=0x10", /not a number/],
    ["difficulty=1=2", /cannot read weight/],
    ["difficulty=1,difficulty=2", /given twice/],
    ["difficulty=1,", /cannot read weight/],
  ])("rejects %j", (text, message) => {
    expect(() => parseObjectiveWeights(text, autobencherObjective)).toThrow(UserInputError);
    expect(() => parseObjectiveWeights(text, autobencherObjective)).toThrow(message);
  });
});

describe("parseAccuracyBand", () => {
  it("reads low-high", () => {
    expect(parseAccuracyBand("0.1-0.3")).toEqual({ low: 0.1, high: 0.3 });
    expect(parseAccuracyBand(" 0.3 - 0.5 ")).toEqual({ low: 0.3, high: 0.5 });
    expect(parseAccuracyBand("0-1")).toEqual({ low: 0, high: 1 });
  });

  it.each([
    ["0.3-0.1", /low > high/],
    ["10-30", /above 1/],
    ["0.2", /cannot read/],
    ["a-b", /cannot read/],
    ["-0.1-0.3", /cannot read/],
    ["0.1-0.3-0.5", /cannot read/],
    ["", /cannot read/],
  ])("rejects %j", (text, message) => {
    expect(() => parseAccuracyBand(text)).toThrow(UserInputError);
    expect(() => parseAccuracyBand(text)).toThrow(message);
  });
});
