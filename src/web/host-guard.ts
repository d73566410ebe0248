import type { MiddlewareHandler } from "hono";

/**
 * Refuses any request whose Host header is not this server's own loopback name and port: a page on
 * another origin that rebinds its DNS name to 127.0.0.1 sends its own name as Host (DNS rebinding).
 */
export function hostGuard(allowedHosts: () => readonly string[]): MiddlewareHandler {
  return async (context, next) => {
    const host = context.req.header("host")?.toLowerCase();
    if (host === undefined || !allowedHosts().includes(host))
      return context.text("forbidden: this viewer answers only to 127.0.0.1 and localhost", 403);
    await next();
  };
}

/** The Host values a loopback server on `port` accepts. */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}
