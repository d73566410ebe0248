import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleClient } from "./client-bundle.js";

/** Writes the browser script the built package serves and inlines (build step: dist/web/assets/report.js). */
export async function writeClientBundle(path: string): Promise<{ path: string; bytes: number }> {
  const text = await bundleClient();
  const target = resolve(path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);
  return { path: target, bytes: Buffer.byteLength(text) };
}

// `tsx src/web/build-client-bundle.ts dist/web/assets/report.js` (the package's build step).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const written = await writeClientBundle(process.argv[2] ?? "dist/web/assets/report.js");
  process.stdout.write(`report script: ${written.path} (${written.bytes} bytes)\n`);
}
