import { describe, expect, it } from "vitest";
import * as api from "./index.js";
import {
  CRITERIA,
  DESIGNERS,
  EXPORT_FORMATS,
  evaluateBenchmark,
  makeBenchmark,
  PROVIDERS,
  TEMPLATES,
  tuneBenchmark,
} from "./index.js";

// Node drops a name two `export *` modules share (tsc reports it as TS2308): each entry point must survive.
const FUNCTIONS = [
  "makeBenchmark",
  "planBenchmark",
  "discoverBenchmark",
  "estimateMakeCost",
  "tuneBenchmark",
  "resolveTemplate",
  "defineTemplate",
  "evaluateBenchmark",
  "formatLeaderboard",
  "runAudit",
  "formatAuditReport",
  "readResultsFile",
  "readReferenceFile",
  "openRuntime",
  "runCommand",
  "parseRunSpec",
  "demandOfRun",
  "loadConfig",
  "defineConfig",
  "createProviderModel",
  "wrapForRun",
  "createRateLimiter",
  "createBudgetTracker",
  "cacheMiddleware",
  "createMemoryCache",
  "retryMiddleware",
  "costMiddleware",
  "generateText",
  "generateObject",
  "generateSamples",
  "wilsonInterval",
  "rankConfidence",
  "planSize",
  "mcnemarTest",
  "readJsonl",
  "writeJsonl",
  "openSqliteStore",
  "parseModelRef",
  "createRng",
  "wrapModel",
] as const;

const MAPS = [
  "CRITERIA",
  "TEMPLATES",
  "DESIGNERS",
  "PROVIDERS",
  "EXPORT_FORMATS",
  "HEURISTIC_BASELINES",
  "ItemSchema",
] as const;

describe("the public API (src/index.ts)", () => {
  it.each(FUNCTIONS)("exports the function %s", (name) => {
    expect(typeof (api as Record<string, unknown>)[name]).toBe("function");
  });

  it.each(MAPS)("exports the object %s", (name) => {
    const value = (api as Record<string, unknown>)[name];
    expect(typeof value).toBe("object");
    expect(value).not.toBeNull();
  });

  it("exports the error classes with their isInstance guards", () => {
    const error = new api.UserInputError("bad flag", "a hint");
    expect(api.BenchsmithError.isInstance(error)).toBe(true);
    expect(api.ConfigError.isInstance(error)).toBe(false);
  });

  it("re-exports the same objects the modules define (no stale copy)", async () => {
    const tune = await import("./pipelines/tune/index.js");
    const make = await import("./pipelines/make/index.js");
    const evaluate = await import("./evaluate/index.js");
    const metrics = await import("./metrics/index.js");
    const providers = await import("./llm/providers/index.js");
    const io = await import("./io/export-formats.js");
    expect(tuneBenchmark).toBe(tune.tuneBenchmark);
    expect(TEMPLATES).toBe(tune.TEMPLATES);
    expect(DESIGNERS).toBe(tune.DESIGNERS);
    expect(makeBenchmark).toBe(make.makeBenchmark);
    expect(evaluateBenchmark).toBe(evaluate.evaluateBenchmark);
    expect(CRITERIA).toBe(metrics.CRITERIA);
    expect(PROVIDERS).toBe(providers.PROVIDERS);
    expect(EXPORT_FORMATS).toBe(io.EXPORT_FORMATS);
  });
});
