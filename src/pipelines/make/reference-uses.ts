import { z } from "zod";

/** The references one committed attempt showed the generator (difficulty diffusion's t_i counts these). */
export interface ReferenceUse {
  slot: number;
  references: readonly string[];
}

const References = z.array(z.string());
// A rejected attempt's record carries `references`; an item (accepted, or rejected as a duplicate) its provenance.
const RecordReferences = z.union([
  z.object({ references: References }),
  z.object({ provenance: z.object({ references: References }) }),
]);

/** The reference ids a stored attempt record names (none when it names none, e.g. a provider error). */
export function referencesOf(record: unknown): string[] {
  const parsed = RecordReferences.safeParse(record);
  if (!parsed.success) return [];
  return "references" in parsed.data ? parsed.data.references : parsed.data.provenance.references;
}

/** How many of the `uses` that `include` admits showed each item. */
export function countReferenceUses(
  uses: readonly ReferenceUse[],
  include: (use: ReferenceUse) => boolean,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const use of uses) {
    if (!include(use)) continue;
    for (const id of use.references) counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

/** Two use counts added up. */
export function addUses(
  left: Readonly<Record<string, number>>,
  right: Readonly<Record<string, number>>,
): Record<string, number> {
  const sum: Record<string, number> = { ...left };
  for (const [id, count] of Object.entries(right)) sum[id] = (sum[id] ?? 0) + count;
  return sum;
}
