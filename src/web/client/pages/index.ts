import type { PageDefinition } from "../page.js";
import { auditPage } from "./audit.js";
import { comparePage } from "./compare.js";
import { difficultyPage } from "./difficulty.js";
import { itemsPage } from "./items.js";
import { leaderboardPage } from "./leaderboard.js";
import { runPage } from "./run.js";
import { tunePage } from "./tune.js";

/**
 * Every page, in tab order; a page shows only when the summary holds what it `needs`, so the
 * discover and plan pages plug in here without touching shared code.
 */
export const PAGES = {
  leaderboard: leaderboardPage,
  difficulty: difficultyPage,
  compare: comparePage,
  items: itemsPage,
  audit: auditPage,
  tune: tunePage,
  run: runPage,
} as const satisfies Record<string, PageDefinition>;
