import { writeTextFile } from "../index.js";
import { loadClientBundle } from "./client-bundle.js";
import type { ReportData } from "./report-data.js";
import { renderStaticReport } from "./report-html.js";

/** Writes the self-contained HTML report and says where and how large it is. */
export async function writeReport(options: {
  data: ReportData;
  out: string;
}): Promise<{ path: string; bytes: number }> {
  const html = renderStaticReport(options.data, await loadClientBundle());
  await writeTextFile(options.out, html);
  return { path: options.out, bytes: Buffer.byteLength(html) };
}
