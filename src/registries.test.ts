import { describe, expect, it } from "vitest";
import { COMMANDS } from "./cli/commands/index.js";
import { HEURISTIC_BASELINES } from "./evaluate/heuristic-baselines.js";
import { DESIGNERS } from "./pipelines/tune/designers/index.js";
import { TEMPLATES } from "./pipelines/tune/templates/index.js";

// CRITERIA, PROVIDERS and EXPORT_FORMATS have completeness tests beside their maps.
interface Registry {
  entries: Record<string, object>;
  /** The field that must equal the entry's key. */
  idField: string;
  describedBy: string;
  callables: readonly string[];
  flags: readonly string[];
}

const REGISTRIES: Record<string, Registry> = {
  TEMPLATES: {
    entries: TEMPLATES,
    idField: "name",
    describedBy: "description",
    callables: ["generate", "score"],
    flags: [],
  },
  DESIGNERS: {
    entries: DESIGNERS,
    idField: "id",
    describedBy: "description",
    callables: ["propose"],
    flags: ["usesFeedback", "needsModel", "singleProposal", "stopsWhenConfirmed"],
  },
  HEURISTIC_BASELINES: {
    entries: HEURISTIC_BASELINES,
    idField: "id",
    describedBy: "description",
    callables: ["predict"],
    flags: ["probesArtifacts"],
  },
  COMMANDS: {
    entries: COMMANDS,
    idField: "name",
    describedBy: "summary",
    callables: ["register"],
    flags: [],
  },
};

describe.each(Object.entries(REGISTRIES))("%s", (_name, registry) => {
  it("has entries", () => {
    expect(Object.keys(registry.entries).length).toBeGreaterThan(0);
  });

  it.each(Object.entries(registry.entries))("%s is complete and keyed by its id", (key, entry) => {
    const fields = entry as Record<string, unknown>;
    expect(fields[registry.idField]).toBe(key);
    expect(String(fields[registry.describedBy] ?? "").trim().length).toBeGreaterThan(10);
    for (const callable of registry.callables) expect(typeof fields[callable], callable).toBe("function");
    for (const flag of registry.flags) expect(typeof fields[flag], flag).toBe("boolean");
  });
});
