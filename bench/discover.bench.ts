/**
 * `npm run bench:discover`: the discover loop in the simulated world of issue 12 — topics whose
 * per-candidate accuracies come from a hidden table, refinements that make them harder, a fixed
 * prior benchmark for novelty, and a scripted proposer that reads the trajectory. For each world
 * size, over world seeds x proposer seeds, it runs 8 iterations x 5 proposals x 20 questions and
 * reports the objective the winner reaches as a fraction of the oracle optimum (found by
 * enumerating the whole description space with the same metric code), how often it is within 3%
 * of it, and the calls used, for three searches:
 *   adaptive      the proposer sees the trajectory each iteration (AutoBencher)
 *   non-adaptive  one blind call proposes all 40 descriptions at once (`--no-adaptive`)
 *   random        each iteration draws 5 descriptions uniformly from the space
 * Models are in-process scripted models; "calls" counts every model call (all of them misses).
 */
import { oracleOptimum, trueObjective } from "../src/pipelines/discover/__fixtures__/oracle.js";
import { createWorld } from "../src/pipelines/discover/__fixtures__/simulated-world.js";
import { discoverContext, memoryStore } from "../src/pipelines/discover/__fixtures__/test-context.js";
import { type ProposerKind, worldModels } from "../src/pipelines/discover/__fixtures__/world-models.js";
import { discoverBenchmark } from "../src/pipelines/discover/run-discover.js";

const BAND = { low: 0.3, high: 0.5 };
const SETTINGS = {
  weights: { difficulty: 1, novelty: 1, separability: 0.5 },
  minSalience: 0.5,
  targetBand: BAND,
};
const QUESTIONS = 20;
const WORLD_SEEDS = [1, 2, 3, 4];
const PROPOSER_SEEDS = [1, 2, 3, 4, 5];
const SIZES = [
  { name: "15 topics", regions: 3 },
  { name: "40 topics", regions: 8 },
];
const MODES: { name: string; adaptive: boolean; proposer: ProposerKind }[] = [
  { name: "adaptive", adaptive: true, proposer: "adaptive" },
  { name: "non-adaptive", adaptive: false, proposer: "adaptive" },
  { name: "random", adaptive: true, proposer: "random" },
];

const pad = (text: string | number, width: number) => String(text).padEnd(width);
const started = Date.now();
console.log(
  `discover bench: 8 iterations x 5 proposals x ${QUESTIONS} questions, 6 candidates, band ${BAND.low}-${BAND.high}, ` +
    `${WORLD_SEEDS.length} worlds x ${PROPOSER_SEEDS.length} seeds per cell`,
);
console.log(
  `${pad("world", 11)}${pad("search", 14)}${pad("objective / oracle", 20)}${pad("within 3%", 11)}${pad("calls/run", 11)}proposer+writer+salience / candidates`,
);
for (const size of SIZES) {
  for (const mode of MODES) {
    const fractions: number[] = [];
    let within = 0;
    const calls = { total: 0, proposer: 0, writer: 0, salience: 0, candidates: 0 };
    for (const worldSeed of WORLD_SEEDS) {
      const world = createWorld(worldSeed, { regions: size.regions });
      const oracle = oracleOptimum(world, QUESTIONS, SETTINGS);
      for (const seed of PROPOSER_SEEDS) {
        const models = worldModels(world, { proposer: mode.proposer, questions: QUESTIONS });
        const store = await memoryStore();
        const result = await discoverBenchmark(
          {
            domain: world.domain,
            candidates: [...world.candidates],
            writer: "mock:writer",
            proposer: "mock:proposer",
            privileged: false,
            adaptive: mode.adaptive,
            iterations: 8,
            proposals: 5,
            questions: QUESTIONS,
            targetAccuracy: BAND,
            priors: [world.prior],
            noveltyPriors: 1,
            finalSize: QUESTIONS,
            format: "mcq",
            seed,
          },
          discoverContext({ store, resolve: models.resolveModel }),
        );
        await store.close();
        const winner = result.ranked[0]?.description;
        const value = winner === undefined ? 0 : trueObjective(world, winner, QUESTIONS, SETTINGS).value;
        fractions.push(value / oracle.value);
        if (value >= 0.97 * oracle.value) within++;
        for (const [role, count] of Object.entries(models.calls)) {
          calls.total += count;
          if (role in calls) calls[role as keyof typeof calls] += count;
        }
      }
    }
    const runs = fractions.length;
    const mean = fractions.reduce((sum, value) => sum + value, 0) / runs;
    const sorted = [...fractions].sort((a, b) => a - b);
    const low = sorted[Math.floor(runs * 0.1)] ?? 0;
    const per = (count: number) => (count / runs).toFixed(1);
    console.log(
      `${pad(size.name, 11)}${pad(mode.name, 14)}${pad(`${mean.toFixed(3)} (p10 ${low.toFixed(2)})`, 20)}` +
        `${pad(`${within}/${runs}`, 11)}${pad(per(calls.total), 11)}` +
        `${per(calls.proposer)}+${per(calls.writer)}+${per(calls.salience)} / ${per(calls.candidates)}`,
    );
  }
}
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
