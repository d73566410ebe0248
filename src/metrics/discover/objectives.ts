import { UserInputError } from "../../core/errors.js";
import { autobencherObjective } from "./autobencher-objective.js";
import type { DiscoverObjective } from "./objective.js";

/** Search objectives for `discover`, by id. Add e.g. a safety objective here; nothing else changes. */
export const OBJECTIVES = {
  autobencher: autobencherObjective,
} as const satisfies Record<string, DiscoverObjective>;

export type DiscoverObjectiveId = keyof typeof OBJECTIVES;

/** The objective named `id` (from `--objective`), or a UserInputError listing the known ones. */
export function objectiveById(id: string): DiscoverObjective {
  if (Object.hasOwn(OBJECTIVES, id)) return OBJECTIVES[id as DiscoverObjectiveId];
  throw new UserInputError(
    `unknown objective "${id}"`,
    `choose one of: ${Object.keys(OBJECTIVES).join(", ")}`,
  );
}
