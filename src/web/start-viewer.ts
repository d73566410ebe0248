import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { RunStore } from "../index.js";
import { loadClientBundle } from "./client-bundle.js";
import { loopbackHosts } from "./host-guard.js";
import type { ReportCacheOptions } from "./report-cache.js";
import { createViewerApp } from "./viewer-app.js";

/** The one interface the viewer listens on: never beyond this machine. */
export const VIEWER_HOSTNAME = "127.0.0.1";

export interface RunningViewer {
  url: string;
  port: number;
  /** The bound address, e.g. { address: "127.0.0.1", port }. */
  address: AddressInfo;
  close(): Promise<void>;
}

/** Starts the viewer on 127.0.0.1:`port` (0 picks a free port) over a store; resolves once it listens. */
export async function startViewer(options: {
  store: RunStore;
  port: number;
  reportCache?: ReportCacheOptions;
}): Promise<RunningViewer> {
  let port = options.port;
  const app = createViewerApp({
    store: options.store,
    allowedHosts: () => loopbackHosts(port),
    bundle: loadClientBundle,
    ...(options.reportCache ? { reportCache: options.reportCache } : {}),
  });
  // Built before listening, so the first page load does not wait for esbuild.
  await loadClientBundle();
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: VIEWER_HOSTNAME }, (info) => {
      port = info.port;
      resolve({
        url: `http://${VIEWER_HOSTNAME}:${info.port}/`,
        port: info.port,
        address: info,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive connections of an open browser tab would otherwise hold close() open.
            if ("closeAllConnections" in server) server.closeAllConnections();
          }),
      });
    });
    server.once("error", reject);
  });
}
