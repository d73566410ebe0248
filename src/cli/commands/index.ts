import type { CommandModule } from "../command-module.js";
import { auditCommand } from "./audit.js";
import { discoverCommand } from "./discover.js";
import { evalCommand } from "./eval.js";
import { exportCommand } from "./export.js";
import { importCommand } from "./import.js";
import { makeCommand } from "./make.js";
import { modelsCommand } from "./models.js";
import { planCommand } from "./plan.js";
import { planSizeCommand } from "./plan-size.js";
import { reportCommand } from "./report.js";
import { runsCommand } from "./runs.js";
import { storeCommand } from "./store.js";
import { tuneCommand } from "./tune.js";
import { viewCommand } from "./view.js";
import { workerCommand } from "./worker.js";

/** Every CLI command, in help order. Each file owns its flags and action. */
export const COMMANDS = {
  make: makeCommand,
  tune: tuneCommand,
  discover: discoverCommand,
  plan: planCommand,
  eval: evalCommand,
  audit: auditCommand,
  "plan-size": planSizeCommand,
  export: exportCommand,
  import: importCommand,
  report: reportCommand,
  view: viewCommand,
  models: modelsCommand,
  runs: runsCommand,
  store: storeCommand,
  worker: workerCommand,
} as const satisfies Record<string, CommandModule>;
