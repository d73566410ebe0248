import { UserInputError } from "../../core/errors.js";

/** `difficulty=1,novelty=0.5` -> { difficulty: 1, novelty: 0.5 } (syntax only; names are checked on resolve). */
export function parseWeightList(text: string): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const part of text.split(",")) {
    const [name, value, extra] = part.split("=").map((piece) => piece.trim());
    const weight = Number(value);
    if (!name || value === undefined || value === "" || extra !== undefined || !Number.isFinite(weight))
      throw new UserInputError(
        `cannot read weight "${part.trim()}"`,
        "write name=weight pairs, e.g. novelty=1",
      );
    weights[name] = weight;
  }
  return weights;
}
