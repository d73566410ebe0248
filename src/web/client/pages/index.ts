import type { PageDefinition } from "../page.js";
import { auditPage } from "./audit.js";
import { comparePage } from "./compare.js";
import { difficultyPage } from "./difficulty.js";
import { discoverPage } from "./discover.js";
import { itemsPage } from "./items.js";
import { leaderboardPage } from "./leaderboard.js";
import { planPage } from "./plan.js";
import { runPage } from "./run.js";
import { tunePage } from "./tune.js";

/**
 * Every page, in tab order; a page shows only when the summary holds what it `needs`, so a
 * pipeline's page plugs in here without touching shared code.
 */
export const PAGES = {
  leaderboard: leaderboardPage,
  difficulty: difficultyPage,
  compare: comparePage,
  items: itemsPage,
  audit: auditPage,
  tune: tunePage,
  discover: discoverPage,
  plan: planPage,
  run: runPage,
} as const satisfies Record<string, PageDefinition>;
