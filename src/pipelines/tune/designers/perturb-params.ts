import { canonicalJson } from "../../../core/json.js";
import type { Rng } from "../../../core/rng.js";
import { fromUnit, type ParamSpec, type ParamValues, unitOf } from "../param-space.js";

/**
 * A random neighbour of `params`, undirected: numbers move by a normal step of `scale` x their
 * range; an enum moves one option with probability 2·scale; a boolean flips with probability scale.
 */
export function perturbParams(
  specs: readonly ParamSpec[],
  params: ParamValues,
  rng: Rng,
  scale: number,
): ParamValues {
  const values: ParamValues = {};
  for (const spec of specs) {
    const value = params[spec.name];
    if (spec.kind === "boolean") {
      values[spec.name] = rng.next() < scale ? value !== true : value === true;
    } else if (spec.kind === "enum") {
      const options = spec.options ?? [];
      const index = Math.max(0, options.indexOf(String(value)));
      const step = rng.next() < 2 * scale ? (rng.next() < 0.5 ? -1 : 1) : 0;
      // At either end the only neighbour is inwards.
      const moved = index + step < 0 || index + step >= options.length ? index - step : index + step;
      values[spec.name] = options[Math.min(options.length - 1, Math.max(0, moved))] ?? String(value);
    } else {
      values[spec.name] = fromUnit(spec, unitOf(spec, value) + scale * rng.normal());
    }
  }
  return values;
}

/**
 * A neighbour that was not measured yet: up to `attempts` perturbations, the step growing each time
 * (a small integer range often rounds a small step back to the same value). Undefined if all collide.
 */
export function unseenNeighbour(options: {
  specs: readonly ParamSpec[];
  params: ParamValues;
  measured: readonly ParamValues[];
  rng: Rng;
  scale: number;
  attempts?: number;
}): ParamValues | undefined {
  const seen = new Set(options.measured.map((params) => canonicalJson(params)));
  const attempts = options.attempts ?? 20;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const scale = Math.min(1, options.scale * (1 + attempt / 4));
    const candidate = perturbParams(options.specs, options.params, options.rng, scale);
    if (!seen.has(canonicalJson(candidate))) return candidate;
  }
  return undefined;
}
