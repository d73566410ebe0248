import { type DiscoverOptions, parseAccuracyBand, parseWeightList } from "../../index.js";
import { asChoice, asInteger, asList, asNumber, asText, type FlagTable } from "../flag-table.js";

/** Every DiscoverOptions field and the flag that sets it (null: set another way). */
export const DISCOVER_FLAGS: FlagTable<DiscoverOptions> = {
  domain: null, // the <domain> argument
  priors: null, // read from the --prior files
  candidates: {
    flag: "--candidates <models>",
    description: "candidate models, comma-separated",
    parse: asList,
  },
  writer: {
    flag: "--writer <model>",
    description: "writer of the questions (default: the configured default model)",
    parse: asText,
  },
  proposer: {
    flag: "--proposer <model>",
    description: "proposer of descriptions (default: the writer)",
    parse: asText,
  },
  judge: {
    flag: "--judge <model>",
    description: "grading, support and salience judge (default: the writer)",
    parse: asText,
  },
  source: {
    flag: "--source <source>",
    description: "privileged information: docs:<dir> | wikipedia | code (default: none)",
    parse: asText,
  },
  privileged: { flag: "--no-privileged", description: "the writer gets no source (AutoBencher's ablation)" },
  adaptive: {
    flag: "--no-adaptive",
    description: "propose every description at once, without the trajectory (AutoBencher's ablation)",
  },
  iterations: { flag: "--iterations <n>", description: "propose-explore iterations", parse: asInteger },
  proposals: {
    flag: "--proposals <k>",
    description: "descriptions proposed per iteration",
    parse: asInteger,
  },
  questions: { flag: "--questions <n>", description: "questions written per description", parse: asInteger },
  passages: { flag: "--passages <n>", description: "passages retrieved per batch", parse: asInteger },
  targetAccuracy: {
    flag: "--target-accuracy <band>",
    description: "band for the best candidate's accuracy, e.g. 0.1-0.3",
    parse: (text) => parseAccuracyBand(text),
  },
  objective: { flag: "--objective <id>", description: "search objective", parse: asText },
  weights: {
    flag: "--weights <list>",
    description: "objective weights, e.g. difficulty=1,novelty=1,separability=0.5",
    parse: (text) => parseWeightList(text),
  },
  minSalience: { flag: "--min-salience <x>", description: "smallest salience kept", parse: asNumber },
  noveltyPriors: {
    flag: "--novelty-priors <n>",
    description: "at most n prior benchmarks for novelty (default: candidates - 2)",
    parse: asInteger,
  },
  novelty: {
    flag: "--novelty <mode>",
    description: "in-sample (AutoBencher's) or leave-one-out prediction",
    parse: asChoice(["in-sample", "leave-one-out"]),
  },
  finalSize: { flag: "--final-size <n>", description: "items in the final benchmark", parse: asInteger },
  keep: {
    flag: "--keep <k>",
    description: "best descriptions scaled up into the benchmark",
    parse: asInteger,
  },
  format: { flag: "--format <format>", description: "open or mcq", parse: asChoice(["open", "mcq"]) },
  seed: { flag: "--seed <n>", description: "seed of every call and of the option order", parse: asInteger },
  concurrency: { flag: "--concurrency <n>", description: "candidate answers in flight", parse: asInteger },
  wikipediaApi: {
    flag: "--wikipedia-api <url>",
    description: "MediaWiki API endpoint (a mirror)",
    parse: asText,
  },
  pageviewsApi: { flag: "--pageviews-api <url>", description: "Wikimedia REST API root", parse: asText },
};
