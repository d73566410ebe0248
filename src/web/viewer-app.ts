import { Hono } from "hono";
import { BenchsmithError, type RunStore } from "../index.js";
import { hostGuard } from "./host-guard.js";
import { filterFromParams } from "./item-filter.js";
import { createReportCache, type ReportCacheOptions } from "./report-cache.js";
import { renderViewerShell } from "./report-html.js";
import { createRunLister } from "./run-list.js";
import { REPORT_CSS } from "./styles.js";

/** The viewer's policy: scripts only from this origin (no inline script), data only from its own API. */
export const VIEWER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // Observable Plot writes a <style> into each figure and style attributes on marks.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const MAX_PAGE = 200;

export interface ViewerAppOptions {
  store: RunStore;
  /** Host header values to answer to (see loopbackHosts); read per request, so a port picked at listen time works. */
  allowedHosts: () => readonly string[];
  /** The browser bundle (loadClientBundle). */
  bundle: () => Promise<string>;
  /** How runs' reports are cached (tests lower the outline threshold and hold index builds). */
  reportCache?: ReportCacheOptions;
}

/** The read-only viewer: run list, the pages' shell and bundle, and a JSON API serving items page by page. */
export function createViewerApp(options: ViewerAppOptions): Hono {
  const { store } = options;
  const reports = createReportCache(store, options.reportCache);
  const listRuns = createRunLister(store);
  const app = new Hono();
  app.use("*", hostGuard(options.allowedHosts));
  // Every request answered counts: a background index build waits for a page load's requests to pass.
  app.use("*", async (_context, next) => {
    const done = reports.request();
    try {
      await next();
    } finally {
      done();
    }
  });
  app.use("*", async (context, next) => {
    if (context.req.method !== "GET" && context.req.method !== "HEAD")
      return context.text("the viewer is read-only", 405, { allow: "GET, HEAD" });
    await next();
    context.header("content-security-policy", VIEWER_CSP);
    context.header("x-content-type-options", "nosniff");
    context.header("referrer-policy", "no-referrer");
    context.header("cross-origin-resource-policy", "same-origin");
    context.header("x-frame-options", "DENY");
  });
  const runOr404 = async (id: string) => store.getRun(id);

  app.get("/assets/app.js", async (context) =>
    context.body(await options.bundle(), 200, { "content-type": "text/javascript; charset=utf-8" }),
  );
  app.get("/assets/app.css", (context) =>
    context.body(REPORT_CSS, 200, { "content-type": "text/css; charset=utf-8" }),
  );
  app.get("/api/runs", async (context) => context.json({ runs: await listRuns() }));
  app.get("/api/runs/:id/report", async (context) => {
    const run = await runOr404(context.req.param("id"));
    if (!run) return context.json({ error: "no such run" }, 404);
    return context.json(await reports.summary(run));
  });
  app.get("/api/runs/:id/items", async (context) => {
    const run = await runOr404(context.req.param("id"));
    if (!run) return context.json({ error: "no such run" }, 404);
    const params = new URL(context.req.url).searchParams;
    const offset = Math.max(0, Number.parseInt(params.get("offset") ?? "0", 10) || 0);
    const limit = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(params.get("limit") ?? "50", 10) || 50));
    return context.json(await reports.items(run, filterFromParams(params), offset, limit));
  });
  app.get("/api/runs/:id/items/:itemId", async (context) => {
    const run = await runOr404(context.req.param("id"));
    const item = run ? await reports.item(run, context.req.param("itemId")) : undefined;
    return item ? context.json(item) : context.json({ error: "no such item" }, 404);
  });
  const shell = renderViewerShell("benchsmith view");
  app.get("/", (context) => context.html(shell));
  app.get("/runs/:id", (context) => context.html(shell));
  app.notFound((context) => context.text("not found", 404));
  app.onError((error, context) => {
    // Known errors (unreadable files, another version's data) explain themselves; others do not leak internals.
    const message = BenchsmithError.isInstance(error) ? error.message : "internal error";
    return context.json({ error: message }, 500);
  });
  return app;
}
