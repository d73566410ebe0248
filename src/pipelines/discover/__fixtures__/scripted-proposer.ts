import { createRng, type Rng } from "../../../core/rng.js";
import type { SimulatedWorld } from "./simulated-world.js";

/** How the scripted proposer picks: by reading the trajectory, or at random from the whole space. */
export type ProposerKind = "adaptive" | "random";

interface Row {
  id: string;
  description: string;
  best: number | undefined;
  novelty: number | undefined;
  separability: number | undefined;
  objective: number | undefined;
  feasible: boolean;
  salient: boolean;
}

function parseRows(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split("\n")) {
    const head = /^(D\d+)(?: \(refines D\d+\))? "(.*?)" \| accuracies: (.*?) \| n=/.exec(line);
    if (head === null) continue;
    const number = (name: string) => {
      const value = new RegExp(`\\| ${name} (-?\\d+\\.\\d+)`).exec(line)?.[1];
      return value === undefined ? undefined : Number(value);
    };
    const accuracies = [...(head[3] as string).matchAll(/ (\d\.\d\d) \[/g)].map((hit) => Number(hit[1]));
    rows.push({
      id: head[1] as string,
      description: head[2] as string,
      best: accuracies.length > 0 ? Math.max(...accuracies) : undefined,
      novelty: number("novelty"),
      separability: number("separability"),
      objective: number("objective"),
      feasible: /\| objective -?\d+\.\d+(?! infeasible)/.test(line),
      salient: !line.includes("needs a salient description"),
    });
  }
  return rows;
}

/**
 * The proposals of one call, as a sensible proposer would make them. Adaptive: start from plain
 * topics; then refine the most promising rows (in the band: by objective; too easy: by what they
 * should score once refined, since refinements keep the ranking), exploring two new topics per
 * call. Random, or a blind call (`### propose-all`): uniform draws from the whole space.
 */
export function propose(world: SimulatedWorld, text: string, kind: ProposerKind, seed: number) {
  const count = Number(/Propose (\d+)/.exec(text)?.[1] ?? 1);
  const rng = createRng(`proposer:${seed}`);
  const rows = parseRows(text);
  const taken = new Set(rows.map((row) => row.description));
  const fresh = (description: string) => !taken.has(description);
  if (kind === "random" || rows.length === 0 || text.startsWith("### propose-all")) {
    const pool = rng.shuffle(world.space().filter(fresh));
    const topics = rng.shuffle(world.topics.map((_, topic) => world.describe(topic, [])).filter(fresh));
    // An adaptive proposer starts from plain topics; a random one draws from everything.
    const first = kind === "adaptive" && !text.startsWith("### propose-all") ? topics : pool;
    return first.slice(0, count).map((description) => ({ description, parent: null, requirement: null }));
  }
  const band = /within (\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)/.exec(text);
  const high = band ? Number(band[2]) : 1;
  const low = band ? Number(band[1]) : 0;
  const potential = (row: Row): number => {
    if (!row.salient || row.best === undefined) return Number.NEGATIVE_INFINITY;
    if (row.best < low) return Number.NEGATIVE_INFINITY;
    // Too easy: what it should score once refined into the band (refinements keep the ranking).
    if (row.best > high) return (row.novelty ?? 0) + 0.5 * (row.separability ?? 0) + (1 - high);
    return row.objective ?? Number.NEGATIVE_INFINITY;
  };
  const ranked = [...rows].sort((a, b) => potential(b) - potential(a));
  const proposals: { description: string; parent: string | null; requirement: string | null }[] = [];
  const explore = Math.min(2, count - 1);
  for (const row of ranked) {
    if (proposals.length >= count - explore || potential(row) === Number.NEGATIVE_INFINITY) break;
    const parsed = world.parse(row.description);
    if (parsed === undefined || parsed.requirements.length >= world.maxDepth) continue;
    for (const requirement of shuffled(rng, world.requirements.length)) {
      if (parsed.requirements.includes(requirement) || proposals.length >= count - explore) continue;
      const description = world.describe(parsed.topic, [...parsed.requirements, requirement]);
      if (!fresh(description)) continue;
      taken.add(description);
      proposals.push({ description, parent: row.id, requirement: world.requirements[requirement] as string });
    }
  }
  const topics = rng.shuffle(world.topics.map((_, topic) => world.describe(topic, [])).filter(fresh));
  const rest = rng.shuffle(world.space().filter(fresh));
  for (const description of [...topics, ...rest]) {
    if (proposals.length >= count) break;
    if (!taken.has(description)) proposals.push({ description, parent: null, requirement: null });
    taken.add(description);
  }
  return proposals;
}

function shuffled(rng: Rng, length: number): number[] {
  return rng.shuffle(Array.from({ length }, (_, index) => index));
}
