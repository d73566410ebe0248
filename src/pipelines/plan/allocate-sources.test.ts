import { describe, expect, it } from "vitest";
import { allocateSources, standaloneSupply } from "./allocate-sources.js";

const supply = (entries: Record<string, number>) => new Map(Object.entries(entries));
const source = (...segments: string[]) => ({ segments });

describe("allocateSources (two-phase greedy)", () => {
  it("caps each source in phase 1, then tops up in score order", () => {
    // quota 10, cap ceil(0.6 * 10) = 6: phase 1 gives a 6 and b 4 (what is left); nothing for c
    const [allocation] = allocateSources({
      requests: [{ quota: 10, sources: [source("a"), source("b"), source("c")] }],
      supply: supply({ a: 100, b: 100, c: 100 }),
      capShare: 0.6,
    });
    expect(allocation).toEqual({ allocated: [6, 4, 0], remainder: 0, exhausted: [], spare: 290 });
  });

  it("tops up the best source past its cap when the others run out", () => {
    // cap 6: a 6, b only 1 (exhausted), c 0 of 3 (exhausted); phase 2 gives a the missing 3
    const [allocation] = allocateSources({
      requests: [{ quota: 10, sources: [source("a"), source("b"), source("c")] }],
      supply: supply({ a: 100, b: 1, c: 0 }),
      capShare: 0.6,
    });
    expect(allocation?.allocated).toEqual([9, 1, 0]);
    expect(allocation?.remainder).toBe(0);
    expect(allocation?.exhausted).toEqual([
      { source: 1, wanted: 4, got: 1 },
      { source: 2, wanted: 3, got: 0 },
    ]);
  });

  it("reports the remainder when every source is exhausted", () => {
    const [allocation] = allocateSources({
      requests: [{ quota: 10, sources: [source("a"), source("b")] }],
      supply: supply({ a: 3, b: 2 }),
      capShare: 0.6,
    });
    expect(allocation).toMatchObject({ allocated: [3, 2], remainder: 5, spare: 0 });
  });

  it("counts rows two subtasks share once, and serves subtasks in the given order", () => {
    const requests = [
      { quota: 5, sources: [source("law", "jurisprudence")] },
      { quota: 5, sources: [source("law")] },
    ];
    const natural = allocateSources({ requests, supply: supply({ law: 6, jurisprudence: 0 }), capShare: 1 });
    expect(natural.map((entry) => entry.remainder)).toEqual([0, 4]);
    const reordered = allocateSources({
      requests,
      supply: supply({ law: 6, jurisprudence: 0 }),
      capShare: 1,
      order: [1, 0],
    });
    expect(reordered.map((entry) => entry.allocated)).toEqual([[1], [5]]);
    expect(standaloneSupply(requests[0] as (typeof requests)[0], supply({ law: 6, jurisprudence: 2 }))).toBe(
      8,
    );
  });

  it("spreads a source's items over its segments round-robin", () => {
    const supplyMap = supply({ x: 10, y: 1, z: 10 });
    const [allocation] = allocateSources({
      requests: [{ quota: 7, sources: [source("x", "y", "z")] }],
      supply: supplyMap,
      capShare: 1,
    });
    // x y z x z x z: 3 + 1 + 3 rows drawn; 20 of 21 left... minus 7 = 14
    expect(allocation).toMatchObject({ allocated: [7], remainder: 0, spare: 14 });
  });
});
