import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's chromium; the browser tests run against it (CI installs it) and skip only where it is absent. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Why the browser tests skip here, or undefined when they run. Under CI (which installs it) a missing binary throws. */
export const CHROMIUM_MISSING: string | undefined = chromiumMissing(process.env);

function chromiumMissing(env: NodeJS.ProcessEnv): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `no chromium binary at ${CHROMIUM_PATH} (apt-get install chromium)`;
  if (env.CI) throw new Error(`CI is set but ${reason}`);
  return reason;
}

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

/** Where screenshots go: $BENCHSMITH_ARTIFACTS, else a folder under the system temp directory. */
export function artifactsDir(): string {
  const directory = process.env.BENCHSMITH_ARTIFACTS ?? join(tmpdir(), "benchsmith-artifacts");
  mkdirSync(directory, { recursive: true });
  return directory;
}

export interface Chromium {
  context: BrowserContext;
  /** The fresh user-data directory (its path is on every Chromium process's command line). */
  profile: string;
  /** A new tab that records page errors and console messages (CSP violations show up there). */
  newPage(): Promise<{ page: Page; errors: string[]; console: string[] }>;
  close(): Promise<void>;
}

/** Headless chromium with a fresh profile that is deleted on close. */
export async function launchChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), "benchsmith-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    profile,
    async newPage() {
      const page = await context.newPage();
      const errors: string[] = [];
      const messages: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => messages.push(`${message.type()}: ${message.text()}`));
      return { page, errors, console: messages };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
