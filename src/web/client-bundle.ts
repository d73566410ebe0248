import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { UnavailableError } from "../index.js";

/** Written by the package build (`dist/web/assets/report.js`); absent in a source checkout. */
const PREBUILT = new URL("./assets/report.js", import.meta.url);
/** The browser entry, present in a source checkout (tests, tsx). */
const ENTRY = new URL("./client/main.ts", import.meta.url);

let cached: Promise<string> | undefined;

/**
 * The pages' browser script as one IIFE: the prebuilt file in the built package, else bundled now
 * from src/web/client with esbuild (once per process).
 */
export function loadClientBundle(): Promise<string> {
  cached ??= readFile(PREBUILT, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
    return bundleClient();
  });
  return cached;
}

/** Bundles src/web/client/main.ts (Observable Plot and d3 included) into one minified IIFE, ASCII only. */
export async function bundleClient(): Promise<string> {
  const esbuild = await import("esbuild").catch(() => {
    throw new UnavailableError(
      "the report script is not built and esbuild is not installed",
      "run `npm run build` (it writes dist/web/assets/report.js) or install esbuild",
    );
  });
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(ENTRY)],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    charset: "ascii",
    legalComments: "none",
    logLevel: "silent",
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new UnavailableError("esbuild produced no report script");
  // Inlined in <script>: a literal "</script" inside a string would end the element early.
  return text.replace(/<\/(script)/gi, "<\\/$1");
}
