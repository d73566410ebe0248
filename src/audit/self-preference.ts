import type { Item } from "../core/item.js";

/**
 * The model a reference names, whatever the endpoint: "openai:gpt-4o-mini" and
 * "openai-compatible:http://host/v1#gpt-4o-mini" both name gpt-4o-mini.
 */
export function modelNameOf(ref: string): string {
  const trimmed = ref.trim();
  const hash = trimmed.lastIndexOf("#");
  const name = hash >= 0 ? trimmed.slice(hash + 1) : trimmed.slice(trimmed.indexOf(":") + 1);
  return name.toLowerCase();
}

/** Whether two model references name the same model (same ref, or same model through another endpoint). */
export function sameModel(a: string, b: string): boolean {
  return a.trim() === b.trim() || modelNameOf(a) === modelNameOf(b);
}

/**
 * A warning when the judge generated (part of) the benchmark it judges: LLM judges tend to rate
 * their own output higher. Generators come from the generating run's spec and from item provenance.
 */
export function selfPreferenceWarning(options: {
  judge: string;
  /** Generators recorded by the generating run (--run). */
  runGenerators: readonly string[];
  items: readonly Item[];
}): string | undefined {
  const { judge } = options;
  const fromRun = options.runGenerators.filter((generator) => sameModel(generator, judge));
  const fromItems = options.items.filter((item) => {
    const model = item.provenance?.model;
    return model !== undefined && sameModel(model, judge);
  }).length;
  if (fromRun.length === 0 && fromItems === 0) return undefined;
  const sources = [
    ...(fromRun.length ? [`the generating run's generator ${fromRun[0]}`] : []),
    ...(fromItems ? [`the provenance of ${fromItems} of ${options.items.length} items`] : []),
  ];
  return (
    `the judge ${judge} is also the generator (${sources.join("; ")}): LLM judges tend to rate their own ` +
    "output higher (self-preference), so faithfulness and alignment may be inflated; judge with a model that did not write the items"
  );
}
