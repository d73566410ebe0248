import { z } from "zod";
import { fillTemplate } from "../../core/fill-template.js";
import type { LanguageModel } from "../../core/language-model.js";
import { generateObject } from "../../llm/generate.js";
import { dedupeProposals } from "./dedupe-descriptions.js";
import { DISCOVER_PROMPTS } from "./prompts.js";
import type { Description, ProposalStep } from "./state.js";

const ProposalsSchema = z.object({
  proposals: z.array(
    z.object({
      description: z.string(),
      parent: z.string().nullish(),
      requirement: z.string().nullish(),
    }),
  ),
});

export interface ProposeOptions {
  proposer: LanguageModel;
  domain: string;
  desiderata: string;
  /** The trajectory text (adaptive search); undefined asks for all proposals at once, blind. */
  trajectory: string | undefined;
  count: number;
  /** Descriptions explored so far (duplicates of these are rejected). */
  earlier: readonly Description[];
  /** Iteration of the first proposal; `perIteration` proposals go to each iteration from there. */
  firstIteration: number;
  perIteration: number;
  seed: number;
  signal?: AbortSignal | undefined;
}

/**
 * The propose step: the proposer sees the domain, the desiderata and (adaptive) the trajectory, and
 * returns up to `count` descriptions, new or refining an earlier one. Duplicates are rejected with a
 * reason; an unusable reply (invalid JSON after the repair attempt) is a `failure`, never a throw.
 * Ids continue the earlier ones: D1, D2, ...
 */
export async function proposeDescriptions(options: ProposeOptions): Promise<ProposalStep> {
  const template = options.trajectory === undefined ? DISCOVER_PROMPTS.proposeAll : DISCOVER_PROMPTS.propose;
  const slots = {
    domain: options.domain,
    desiderata: options.desiderata,
    count: options.count,
    ...(options.trajectory === undefined ? {} : { trajectory: options.trajectory }),
  };
  const reply = await generateObject({
    model: options.proposer,
    schema: ProposalsSchema,
    schemaName: "proposals",
    system: template.system,
    prompt: fillTemplate(template.template, slots),
    temperature: 1,
    seed: options.seed,
    ...(options.signal ? { abortSignal: options.signal } : {}),
  });
  if (!reply.success) return { descriptions: [], rejected: [], failure: `proposer: ${reply.error.message}` };
  const { fresh, rejected } = dedupeProposals({
    proposals: reply.value.object.proposals,
    earlier: options.earlier,
  });
  for (const extra of fresh.slice(options.count))
    rejected.push({ description: extra.description, reason: `more than the ${options.count} asked for` });
  const descriptions = fresh.slice(0, options.count).map(
    (proposal, index): Description => ({
      id: `D${options.earlier.length + index + 1}`,
      iteration: options.firstIteration + Math.floor(index / options.perIteration),
      description: proposal.description,
      ...(proposal.parent === undefined || proposal.parent === null ? {} : { parent: proposal.parent }),
      ...(proposal.requirement === undefined || proposal.requirement === null
        ? {}
        : { requirement: proposal.requirement }),
    }),
  );
  return { descriptions, rejected, ...(descriptions.length === 0 ? { failure: "no new description" } : {}) };
}
