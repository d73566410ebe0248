import type { z } from "zod";
import type { Rng } from "../../core/rng.js";

/** One tunable parameter as the designers see it, derived from the template's zod schema. */
export interface ParamSpec {
  name: string;
  kind: "integer" | "number" | "enum" | "boolean";
  description: string;
  min?: number;
  max?: number;
  options?: readonly string[];
  /** Which way makes items harder ("none": no declared direction, held at its midpoint). */
  harder: "higher" | "lower" | "none";
}

type ParamValue = number | string | boolean;
export type ParamValues = Record<string, ParamValue>;

interface FieldLike {
  description?: string | undefined;
  meta(): Record<string, unknown> | undefined;
  def: { type: string; innerType?: unknown };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  options?: readonly unknown[];
}

/**
 * Reads names, kinds, ranges, meanings and difficulty directions from a zod object schema.
 * Returns the problems instead of throwing, so a user template gets one clear message.
 */
export function describeParams(schema: z.ZodObject): { specs: ParamSpec[]; problems: string[] } {
  const specs: ParamSpec[] = [];
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(schema.shape)) {
    let field = raw as unknown as FieldLike;
    // Defaults and optionals wrap the real field.
    while ((field.def.type === "default" || field.def.type === "optional") && field.def.innerType) {
      field = field.def.innerType as FieldLike;
    }
    const meta = field.meta?.() ?? (raw as unknown as FieldLike).meta?.() ?? {};
    const description = field.description ?? (typeof meta.description === "string" ? meta.description : "");
    if (description === "") problems.push(`parameter "${name}" has no .describe() text`);
    const harder = meta.harder === "higher" || meta.harder === "lower" ? meta.harder : "none";
    const base = { name, description, harder } as const;
    if (field.def.type === "number") {
      const min = field.minValue;
      const max = field.maxValue;
      // .int() alone implies the safe-integer range, which is no real bound.
      const bounded = (value: number | null | undefined): value is number =>
        typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER;
      if (!bounded(min) || !bounded(max)) {
        problems.push(`parameter "${name}" needs both .min() and .max()`);
        continue;
      }
      specs.push({ ...base, kind: field.isInt ? "integer" : "number", min, max });
    } else if (field.def.type === "enum") {
      specs.push({ ...base, kind: "enum", options: (field.options ?? []).map(String) });
    } else if (field.def.type === "boolean") {
      specs.push({ ...base, kind: "boolean" });
    } else {
      problems.push(`parameter "${name}" is a ${field.def.type}; use a bounded number, an enum or a boolean`);
    }
  }
  return { specs, problems };
}

/** Where a value sits along its own range in [0, 1] (0 = min / first option / false). */
export function unitOf(spec: ParamSpec, value: ParamValue | undefined): number {
  if (spec.kind === "boolean") return value === true ? 1 : 0;
  if (spec.kind === "enum") {
    const count = (spec.options ?? []).length;
    return count > 1 ? Math.max(0, (spec.options ?? []).indexOf(String(value))) / (count - 1) : 0;
  }
  const range = (spec.max ?? 1) - (spec.min ?? 0);
  return range > 0 ? (Number(value) - (spec.min ?? 0)) / range : 0;
}

/** The value at a position along its own range in [0, 1] (the inverse of `unitOf`). */
export function fromUnit(spec: ParamSpec, unit: number): ParamValue {
  const clamped = Math.min(1, Math.max(0, unit));
  if (spec.kind === "boolean") return clamped >= 0.5;
  if (spec.kind === "enum") {
    const options = spec.options ?? [];
    return options[Math.min(options.length - 1, Math.floor(clamped * options.length))] ?? "";
  }
  const min = spec.min ?? 0;
  const max = spec.max ?? 1;
  const value = min + clamped * (max - min);
  return spec.kind === "integer" ? Math.min(max, Math.floor(value + 0.5)) : Number(value.toFixed(4));
}

/**
 * Maps a scalar difficulty d in [0, 1] to params: every directed parameter moves from its
 * easy end (d = 0) to its hard end (d = 1); undirected ones stay at their midpoint.
 */
export function paramsAtDifficulty(specs: readonly ParamSpec[], difficulty: number): ParamValues {
  const values: ParamValues = {};
  for (const spec of specs) {
    const unit = spec.harder === "higher" ? difficulty : spec.harder === "lower" ? 1 - difficulty : 0.5;
    values[spec.name] = fromUnit(spec, unit);
  }
  return values;
}

/** Uniformly random params inside the declared ranges. */
export function randomParams(specs: readonly ParamSpec[], rng: Rng): ParamValues {
  const values: ParamValues = {};
  for (const spec of specs) {
    if (spec.kind === "integer") values[spec.name] = rng.int(spec.min ?? 0, spec.max ?? 0);
    else values[spec.name] = fromUnit(spec, rng.next());
  }
  return values;
}

/** Clamps/rounds proposed values into range; unknown or missing names fall back to `fallback`. */
export function clampParams(
  specs: readonly ParamSpec[],
  proposed: Record<string, unknown>,
  fallback: ParamValues,
): ParamValues {
  const values: ParamValues = {};
  for (const spec of specs) {
    const value = proposed[spec.name];
    const backup = fallback[spec.name] as ParamValue;
    if (spec.kind === "integer" || spec.kind === "number") {
      if (typeof value !== "number" || !Number.isFinite(value)) values[spec.name] = backup;
      else {
        const clamped = Math.min(spec.max ?? value, Math.max(spec.min ?? value, value));
        values[spec.name] = spec.kind === "integer" ? Math.round(clamped) : clamped;
      }
    } else if (spec.kind === "enum")
      values[spec.name] = spec.options?.includes(String(value)) ? String(value) : backup;
    else values[spec.name] = typeof value === "boolean" ? value : backup;
  }
  return values;
}

/** One line per parameter for prompts and help text: name, kind, range, meaning, direction. */
export function formatParamSpecs(specs: readonly ParamSpec[]): string {
  return specs
    .map((spec) => {
      const range =
        spec.kind === "enum"
          ? `one of ${(spec.options ?? []).map((option) => JSON.stringify(option)).join(", ")}`
          : spec.kind === "boolean"
            ? "true or false"
            : `${spec.kind} in [${spec.min}, ${spec.max}]`;
      const direction = spec.harder === "none" ? "" : ` (${spec.harder} is harder)`;
      return `- ${spec.name}: ${range}. ${spec.description}${direction}`;
    })
    .join("\n");
}
