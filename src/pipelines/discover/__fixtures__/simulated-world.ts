import { createRng, hashString } from "../../../core/rng.js";
import type { PriorResults } from "../options.js";

/**
 * A simulated world for the discover loop (tests and `npm run bench:discover`): topics and
 * refinements whose per-candidate accuracies come from a hidden table. A description is a topic,
 * optionally with requirements ("Topic — r1; r2"); each requirement scales every candidate's accuracy
 * down by its own factor (harder, same ranking), so the only way into the target band is refinement.
 */
export interface SimulatedWorld {
  domain: string;
  topics: readonly string[];
  requirements: readonly string[];
  /** Most requirements a description can add to its topic. */
  maxDepth: number;
  candidates: readonly string[];
  /** A fixed prior benchmark over the candidates (novelty is measured against it). */
  prior: PriorResults;
  /** The canonical text of a topic with requirements (indices into `requirements`). */
  describe(topic: number, requirements: readonly number[]): string;
  parse(description: string): { topic: number; requirements: number[] } | undefined;
  /** The hidden accuracy of a candidate on a description; undefined outside the world. */
  accuracy(candidate: string, description: string): number | undefined;
  salience(description: string): number;
  /** Every description the world holds (topics x requirement sets of size <= MAX_DEPTH). */
  space(): string[];
}

const REGIONS = [
  "Byzantine",
  "Hanseatic",
  "Mughal",
  "Inca",
  "Carolingian",
  "Ottoman",
  "Song dynasty",
  "Khmer",
];
const SUBJECTS = ["coinage", "trade routes", "architecture", "naval history", "court gossip"];
const REQUIREMENTS = [
  "exact dates",
  "minor officials",
  "numeric quantities",
  "primary-source wording",
  "regional variants",
  "later reinterpretations",
];
// Refinements add at most this many requirements to a topic.
const MAX_DEPTH = 3;

/** Builds the world for `seed`: which topics rank the candidates unlike the prior, and by how much. */
export function createWorld(
  seed: number,
  size: { candidates?: number; regions?: number } = {},
): SimulatedWorld {
  const candidateCount = size.candidates ?? 6;
  const TOPICS = REGIONS.slice(0, size.regions ?? REGIONS.length).flatMap((region) =>
    SUBJECTS.map((subject) => `${region} ${subject}`),
  );
  // Gossip is not what the domain is about: those topics are below any sensible --min-salience.
  const NOT_SALIENT = new Set(TOPICS.flatMap((topic, index) => (topic.endsWith("gossip") ? [index] : [])));
  const rng = createRng(`world:${seed}`);
  const candidates = Array.from({ length: candidateCount }, (_, index) => `mock:c${index + 1}`);
  const general = candidates.map((_, index) => 0.9 - (0.4 * index) / Math.max(1, candidateCount - 1));
  // Per topic: a level, and a mix between the prior's ranking and a topic-specific one (the novelty).
  const tables = TOPICS.map(() => {
    const level = 0.6 + 0.35 * rng.next();
    // Most topics rank the candidates like the prior (low novelty); a few do not.
    const twist = rng.next() ** 3;
    const own = rng.shuffle(general);
    return candidates.map((_, index) => {
      const mixed = (1 - twist) * (general[index] as number) + twist * (own[index] as number);
      return Math.min(0.98, Math.max(0.02, level * (mixed / 0.9)));
    });
  });
  const factors = REQUIREMENTS.map(() => 0.55 + 0.35 * rng.next());
  const describe = (topic: number, requirements: readonly number[]) => {
    const sorted = [...new Set(requirements)].sort((a, b) => a - b);
    const name = TOPICS[topic] as string;
    return sorted.length === 0 ? name : `${name} — ${sorted.map((index) => REQUIREMENTS[index]).join("; ")}`;
  };
  const parse = (description: string) => {
    const [name, rest] = description.split(" — ");
    const topic = TOPICS.indexOf((name ?? "").trim());
    if (topic < 0) return undefined;
    const requirements = (rest ?? "")
      .split(";")
      .map((part) => part.trim())
      .filter((part) => part !== "")
      .map((part) => REQUIREMENTS.indexOf(part));
    if (requirements.some((index) => index < 0) || requirements.length > MAX_DEPTH) return undefined;
    return { topic, requirements: [...new Set(requirements)].sort((a, b) => a - b) };
  };
  return {
    domain: "medieval and early-modern world history",
    topics: TOPICS,
    requirements: REQUIREMENTS,
    maxDepth: MAX_DEPTH,
    candidates,
    prior: {
      name: "general knowledge",
      accuracies: candidates.map((model, index) => ({ model, accuracy: general[index] as number, n: 500 })),
    },
    describe,
    parse,
    accuracy(candidate, description) {
      const parsed = parse(description);
      const index = candidates.indexOf(candidate);
      if (parsed === undefined || index < 0) return undefined;
      const scale = parsed.requirements.reduce(
        (product, requirement) => product * (factors[requirement] as number),
        1,
      );
      return (tables[parsed.topic]?.[index] as number) * scale;
    },
    salience(description) {
      const parsed = parse(description);
      return parsed === undefined || NOT_SALIENT.has(parsed.topic) ? 0.3 : 0.9;
    },
    space() {
      const sets: number[][] = [[]];
      for (const set of sets) {
        if (set.length >= MAX_DEPTH) continue;
        for (let next = (set.at(-1) ?? -1) + 1; next < REQUIREMENTS.length; next++) sets.push([...set, next]);
      }
      return TOPICS.flatMap((_, topic) => sets.map((set) => describe(topic, set)));
    },
  };
}

/** The reference answer of question k of a description (the candidates compute the same). */
export function answerFor(description: string, k: number): string {
  return `code ${(hashString(`${description}#${k}`) % 9000) + 1000}`;
}

/** Whether candidate `index` answers question k (0-based, of n) correctly: exactly round(accuracy·n) of n are. */
export function answersCorrectly(accuracy: number, k: number, n: number, index: number): boolean {
  return (k + 3 * index) % n < Math.round(accuracy * n);
}
