import { describe, expect, it } from "vitest";
import { createRng } from "../core/rng.js";
import { toDenseVectors } from "./pairwise-distance.js";
import { projectEmbeddings } from "./projection.js";

const ids = (count: number) => Array.from({ length: count }, (_, index) => `q${index}`);

describe("projectEmbeddings", () => {
  it("finds the principal axes of a 2-D cloud embedded in 3-D, with their variance shares", () => {
    // Points (3t, 0, s) for t in {-2..2}, s in {-1, 1}: variance along x is 9·2 = 18 per t², along z 1.
    const rows: number[][] = [];
    for (let t = -2; t <= 2; t++) for (const s of [-1, 1]) rows.push([3 * t, 0, s]);
    const projection = projectEmbeddings({
      vectors: toDenseVectors(rows),
      itemIds: ids(rows.length),
      rng: createRng(7),
    });
    // Sum of squares: x 9·(4+1+0+1+4)·2 = 180, z 10 -> shares 180/190 and 10/190.
    expect(projection.explained[0]).toBeCloseTo(180 / 190, 9);
    expect(projection.explained[1]).toBeCloseTo(10 / 190, 9);
    // The first coordinate is the centred x (sign fixed positive along x), the second ±z.
    projection.points.forEach((point, index) => {
      expect(point.x).toBeCloseTo(rows[index]?.[0] ?? Number.NaN, 9);
      expect(Math.abs(point.y)).toBeCloseTo(1, 9);
    });
    expect(projection.total).toBe(10);
    expect(projection.method).toContain("PCA");
  });

  it("samples at most `limit` items with the seed, deterministically, and keeps difficulty labels", () => {
    const rng = createRng(3);
    const rows = Array.from({ length: 50 }, () => [rng.normal(), rng.normal() * 2, rng.normal() * 0.1, 1]);
    const difficulties = rows.map((_, index) => (index % 2 === 0 ? index / 50 : undefined));
    const run = (seed: number) =>
      projectEmbeddings({
        vectors: toDenseVectors(rows),
        itemIds: ids(rows.length),
        difficulties,
        rng: createRng(seed),
        limit: 20,
      });
    const first = run(11);
    expect(first.points).toHaveLength(20);
    expect(first.total).toBe(50);
    expect(run(11)).toEqual(first);
    expect(run(12).points.map((point) => point.itemId)).not.toEqual(
      first.points.map((point) => point.itemId),
    );
    for (const point of first.points) {
      const index = Number(point.itemId.slice(1));
      expect(point.difficulty).toBe(difficulties[index]);
    }
    // The second axis is orthogonal to the first: projected coordinates are uncorrelated.
    const meanX = first.points.reduce((sum, point) => sum + point.x, 0) / 20;
    const meanY = first.points.reduce((sum, point) => sum + point.y, 0) / 20;
    const covariance = first.points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
    expect(Math.abs(covariance)).toBeLessThan(1e-6);
  });

  it("maps identical vectors to the origin with no variance explained", () => {
    const projection = projectEmbeddings({
      vectors: toDenseVectors([
        [1, 2],
        [1, 2],
      ]),
      itemIds: ids(2),
      rng: createRng(1),
    });
    expect(projection.explained).toEqual([0, 0]);
    for (const point of projection.points) expect([point.x, point.y]).toEqual([0, 0]);
  });
});
