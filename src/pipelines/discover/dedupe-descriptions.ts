import { answerTokens } from "../../evaluate/normalize-answer.js";

/** A proposal as the proposer returned it. */
export interface RawProposal {
  description: string;
  parent?: string | null | undefined;
  requirement?: string | null | undefined;
}

/** Order-free identity of a description: its normalised words, sorted and de-duplicated. */
export function descriptionKey(text: string): string {
  return [...new Set(answerTokens(text))].sort().join(" ");
}

/**
 * Splits proposals into new ones and rejected ones (a duplicate of an earlier description or of one
 * earlier in the same batch, or empty); a parent id that names no earlier description is dropped. Two descriptions
 * are duplicates when they have the same words, whatever their order, case or punctuation.
 */
export function dedupeProposals(options: {
  proposals: readonly RawProposal[];
  earlier: readonly { id: string; description: string }[];
}): { fresh: RawProposal[]; rejected: { description: string; reason: string }[] } {
  const seen = new Map<string, string>(
    options.earlier.map((entry) => [descriptionKey(entry.description), entry.id]),
  );
  const ids = new Set(options.earlier.map((entry) => entry.id));
  const fresh: RawProposal[] = [];
  const rejected: { description: string; reason: string }[] = [];
  for (const proposal of options.proposals) {
    const description = proposal.description.trim();
    const key = descriptionKey(description);
    if (key === "") {
      rejected.push({ description, reason: "empty description" });
      continue;
    }
    const duplicateOf = seen.get(key);
    if (duplicateOf !== undefined) {
      rejected.push({ description, reason: `duplicate of ${duplicateOf}` });
      continue;
    }
    // A parent id the trajectory does not hold is dropped: the description itself is still usable.
    const named = proposal.parent?.trim();
    const parent = named !== undefined && ids.has(named) ? named : undefined;
    seen.set(key, "another proposal of the same batch");
    fresh.push({ description, parent, requirement: proposal.requirement?.trim() || undefined });
  }
  return { fresh, rejected };
}
