import type { Command } from "commander";
import { UserInputError } from "../../index.js";
// Until src/index.ts re-exports ./web/index.js, the web front end is imported directly.
import { startViewer } from "../../internal.js";
import type { CommandModule } from "../command-module.js";
import { openCliRuntimeForReading } from "../global-options.js";
import { print } from "../output.js";
import { parseNumberOption } from "../parse-options.js";

/** Resolves on the first Ctrl-C (or SIGTERM). */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/**
 * Serves the store on 127.0.0.1 until `stopped` resolves (default: Ctrl-C), printing the URL
 * first.
 */
export async function runView(
  flags: { port: string },
  command: Command,
  stopped: Promise<void> = untilSignal(),
): Promise<void> {
  const port = parseNumberOption("--port", flags.port, {
    integer: true,
    min: 0,
    max: 65535,
    hint: "use 1-65535, or 0 for any free port",
  });
  const runtime = await openCliRuntimeForReading(command);
  try {
    let viewer: Awaited<ReturnType<typeof startViewer>>;
    try {
      viewer = await startViewer({ store: runtime.store, port });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
        throw new UserInputError(
          `port ${port} is in use`,
          "pass another --port, or --port 0 for any free one",
        );
      throw error;
    }
    print(`benchsmith view: ${viewer.url}  (read-only, 127.0.0.1 only; Ctrl-C to stop)`);
    await stopped;
    await viewer.close();
  } finally {
    await runtime.close();
  }
}

/** `benchsmith view`: the local, read-only viewer over the store, on 127.0.0.1 until Ctrl-C. */
export const viewCommand: CommandModule = {
  name: "view",
  summary: "Browse every run in the store in a local read-only web viewer (127.0.0.1 only)",
  register(program: Command) {
    program
      .command("view")
      .description(this.summary)
      .option("--port <n>", "port on 127.0.0.1 (0 picks a free one)", "4173")
      .action((flags: { port: string }, command: Command) => runView(flags, command));
  },
};
