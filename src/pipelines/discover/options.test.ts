import { describe, expect, it } from "vitest";
import { InvalidOptionError, UserInputError } from "../../core/errors.js";
import { DISCOVER_DEFAULTS, resolveDiscoverOptions } from "./options.js";
import { parseWeightList } from "./parse-weight-list.js";

const base = { domain: " world history ", candidates: ["mock:a", " mock:b ", "mock:c"], writer: "mock:w" };

function problem(overrides: object): string {
  try {
    resolveDiscoverOptions({ ...base, ...overrides });
  } catch (error) {
    if (InvalidOptionError.isInstance(error)) return `${error.option}: ${error.problem}`;
    throw error;
  }
  return "accepted";
}

describe("resolveDiscoverOptions", () => {
  it("applies the defaults: proposer and judge are the writer, novelty priors are candidates - 2", () => {
    const resolved = resolveDiscoverOptions(base);
    expect(resolved).toMatchObject({
      ...DISCOVER_DEFAULTS,
      domain: "world history",
      candidates: ["mock:a", "mock:b", "mock:c"],
      proposer: "mock:w",
      judge: "mock:w",
      noveltyPriors: 1,
      priors: [],
    });
    expect(resolved.source).toBeUndefined();
    expect(resolved.targetAccuracy).toBeUndefined();
  });

  it("names the option of every bad value", () => {
    expect(problem({ domain: "  " })).toBe("domain: is empty");
    expect(problem({ candidates: [] })).toBe("candidates: lists no model");
    expect(problem({ candidates: ["mock:a", "mock:a"] })).toBe("candidates: lists mock:a twice");
    expect(problem({ iterations: 0 })).toBe("iterations: must be a positive integer, got 0");
    expect(problem({ finalSize: 2.5 })).toBe("finalSize: must be a positive integer, got 2.5");
    expect(problem({ minSalience: 1.5 })).toBe("minSalience: must be in [0, 1], got 1.5");
    expect(problem({ targetAccuracy: { low: 0.5, high: 0.2 } })).toBe(
      "targetAccuracy: must be low-high within [0, 1], got 0.5-0.2",
    );
    expect(problem({ objective: "safety" })).toBe('objective: is unknown: "safety"');
    expect(problem({ weights: { salience: 1 } })).toBe('weights: names no term "salience"');
    expect(problem({ weights: { novelty: -1 } })).toBe("weights: novelty=-1 must be a number >= 0");
    expect(problem({ source: "s3:bucket" })).toBe('source: is not usable: unknown source "s3:bucket"');
    expect(problem({ source: "docs" })).toMatch(/^source: is not usable: the docs source needs <dir>/);
    expect(problem({ format: "essay" })).toBe('format: must be open or mcq, got "essay"');
    expect(problem({ novelty: "loo" })).toBe('novelty: must be in-sample or leave-one-out, got "loo"');
    expect(problem({ noveltyPriors: -1 })).toBe("noveltyPriors: must be an integer >= 0, got -1");
    expect(problem({ source: "code", weights: { novelty: 0 } })).toBe("accepted");
  });
});

describe("parseWeightList", () => {
  it("reads name=weight pairs and rejects anything else", () => {
    expect(parseWeightList("difficulty=1, novelty=0.5")).toEqual({ difficulty: 1, novelty: 0.5 });
    for (const text of ["novelty", "novelty=", "novelty=x", "a=1=2"])
      expect(() => parseWeightList(text)).toThrow(UserInputError);
  });
});
