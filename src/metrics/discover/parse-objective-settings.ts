import { UserInputError } from "../../core/errors.js";
import type { AccuracyBand, DiscoverObjective } from "./objective.js";

// a plain non-negative decimal: "1", "0.5", ".5", "2e-1"; no hex, no empty string (Number("") is 0)
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Parses the CLI spelling of objective weights, `difficulty=1,novelty=1,separability=0.5`, against
 * the term names `objective` declares. Terms left out keep their defaults (they are not returned).
 * Throws UserInputError on an unknown or repeated name, a missing `=`, or a weight that is not >= 0.
 */
export function parseObjectiveWeights(text: string, objective: DiscoverObjective): Record<string, number> {
  const known = Object.keys(objective.defaultWeights);
  const hint = `write name=weight pairs separated by commas; ${objective.id} weighs ${known.join(", ")}`;
  if (text.trim() === "") throw new UserInputError("empty --weights", hint);
  const weights: Record<string, number> = {};
  for (const part of text.split(",")) {
    const [rawName, rawWeight, extra] = part.split("=").map((piece) => piece.trim());
    if (rawName === undefined || rawWeight === undefined || extra !== undefined || rawName === "") {
      throw new UserInputError(`cannot read weight "${part.trim()}"`, hint);
    }
    if (!known.includes(rawName)) throw new UserInputError(`unknown objective term "${rawName}"`, hint);
    if (Object.hasOwn(weights, rawName)) throw new UserInputError(`weight "${rawName}" given twice`, hint);
    if (!NUMBER.test(rawWeight)) {
      throw new UserInputError(`weight ${rawName}=${rawWeight} is not a number >= 0`, hint);
    }
    weights[rawName] = Number(rawWeight);
  }
  return weights;
}

/**
 * Parses an accuracy band such as `0.1-0.3` (bounds inclusive, 0 <= low <= high <= 1).
 * Throws UserInputError on anything else, e.g. `0.3-0.1`, `10-30` or `0.2`.
 */
export function parseAccuracyBand(text: string): AccuracyBand {
  const hint = "write low-high with accuracies in [0, 1], e.g. 0.1-0.3";
  const parts = text.split("-").map((piece) => piece.trim());
  if (parts.length !== 2 || !parts.every((piece) => NUMBER.test(piece))) {
    throw new UserInputError(`cannot read accuracy band "${text}"`, hint);
  }
  const [low, high] = parts.map(Number) as [number, number];
  if (high > 1) throw new UserInputError(`accuracy band "${text}" goes above 1`, hint);
  if (low > high) throw new UserInputError(`accuracy band "${text}" has low > high`, hint);
  return { low, high };
}
