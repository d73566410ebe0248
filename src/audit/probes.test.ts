import { describe, expect, it } from "vitest";
import type { Item } from "../core/item.js";
import { createRng } from "../core/rng.js";
import { answerArtifactFlags } from "../evaluate/answer-artifacts.js";
import { MockLanguageModel } from "../testing/mock-language-model.js";
import type { AuditReport } from "./audit-options.js";
import { formatAuditReport } from "./format-report.js";
import { heuristicProbes, questionHiddenProbe } from "./probes.js";

/** 100 four-option items whose key is the longest option in `longestKeys` of them (chance 0.25). */
function itemsWithLongestKey(longestKeys: number): Item[] {
  return Array.from({ length: 100 }, (_, index) => {
    const keyIndex = index % 4;
    const options = ["aa", "bb", "cc", "dd"];
    // Either the key or the option after it is the single longest one.
    options[index < longestKeys ? keyIndex : (keyIndex + 1) % 4] = "a much longer option";
    return {
      id: `q${index}`,
      format: "mcq",
      question: `Question ${index}?`,
      options,
      answer: "ABCD"[keyIndex] as string,
    };
  });
}

const longestProbe = (items: Item[]) => {
  const probe = heuristicProbes(items, createRng(3)).find((result) =>
    result.probe.endsWith("always-longest"),
  );
  if (!probe) throw new Error("no always-longest probe");
  return probe;
};

describe("heuristicProbes", () => {
  it("uses eval's artifact rule: 35/100 vs chance 0.25 is above chance but not an artifact", () => {
    // Wilson 95% low of 35/100 is ~0.264 by hand: above 0.25, below 0.25 + 0.10.
    const probe = longestProbe(itemsWithLongestKey(35));
    expect(probe.accuracy).toBe(0.35);
    expect(probe.chance).toBeCloseTo(0.25, 12);
    expect(probe.low).toBeGreaterThan(0.25);
    expect(probe.low).toBeLessThan(0.35);
    expect(probe.isArtifact).toBe(false);
    expect(answerArtifactFlags([{ id: "always-longest", correct: 35, total: 100, chance: 0.25 }])).toEqual(
      [],
    );
  });

  it("flags 60/100 vs chance 0.25 in both audit and eval, and the report says so", () => {
    const probe = longestProbe(itemsWithLongestKey(60));
    expect(probe.isArtifact).toBe(true);
    expect(
      answerArtifactFlags([{ id: "always-longest", correct: 60, total: 100, chance: 0.25 }]),
    ).toHaveLength(1);
    const report = {
      benchmark: "b",
      itemCount: 100,
      rows: [],
      leakage: [],
      probes: [probe],
      warnings: [],
      notes: [],
    };
    const lines = formatAuditReport(report as unknown as AuditReport);
    expect(lines.some((line) => line.includes("always-longest") && line.includes("answer artifact"))).toBe(
      true,
    );
  });
});

describe("questionHiddenProbe", () => {
  it("stops asking after Ctrl-C (the run's signal) and hands the call in flight the signal", async () => {
    const controller = new AbortController();
    const stop = new Error("run stopped by Ctrl-C");
    const model = new MockLanguageModel({
      respond: () => {
        controller.abort(stop);
        return "A";
      },
    });
    const probe = questionHiddenProbe({
      model,
      label: "mock:probe",
      items: itemsWithLongestKey(10),
      rng: createRng(1),
      signal: controller.signal,
    });
    await expect(probe).rejects.toBe(stop);
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0]?.abortSignal).toBe(controller.signal);
  });
});
