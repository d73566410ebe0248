import { describe, expect, it } from "vitest";
import { isPostgresUrl, redactStoreLocation, scrubSecrets, storeLocationProblem } from "./postgres-url.js";

describe("store locations", () => {
  it("tells a PostgreSQL URL from a SQLite path", () => {
    expect(isPostgresUrl("postgres://db.example/bench")).toBe(true);
    expect(isPostgresUrl("  POSTGRESQL://u@h/d")).toBe(true);
    expect(isPostgresUrl(".benchsmith/benchsmith.sqlite")).toBe(false);
    expect(isPostgresUrl("/data/postgres://odd")).toBe(false);
    expect(isPostgresUrl("C:\\runs\\store.sqlite")).toBe(false);
  });

  it("accepts paths and postgres URLs, and names what is wrong with other schemes", () => {
    expect(storeLocationProblem("runs/store.sqlite")).toBeUndefined();
    expect(storeLocationProblem(":memory:")).toBeUndefined();
    expect(storeLocationProblem("postgres://u:p@localhost:5432/bench")).toBeUndefined();
    expect(storeLocationProblem("mysql://u:p@h/d")).toMatch(/"mysql:\/\/" stores are not supported/);
    expect(storeLocationProblem("postgres://u:hunter22@[bad/d")).toMatch(/not a valid URL/);
    expect(storeLocationProblem("postgres://u:hunter22@[bad/d")).not.toContain("hunter22");
  });

  it("masks the password and password-like parameters, keeping the rest", () => {
    expect(redactStoreLocation("postgres://bench:s3cr%40t@db.example:5433/runs")).toBe(
      "postgres://bench:***@db.example:5433/runs",
    );
    expect(redactStoreLocation("postgres://bench@db.example/runs")).toBe("postgres://bench@db.example/runs");
    expect(redactStoreLocation("postgresql://h/d?password=topsecret&sslmode=require")).toBe(
      "postgresql://h/d?password=***&sslmode=require",
    );
    expect(redactStoreLocation("postgres://u:hunter22@[bad/d")).toBe("postgres://u:***@[bad/d");
    expect(redactStoreLocation("mysql://root:hunter22@db/x")).toBe("mysql://root:***@db/x");
    // Paths are shown as they are, even ones a URL parser would take for a scheme.
    expect(redactStoreLocation("C:\\runs\\store.sqlite")).toBe("C:\\runs\\store.sqlite");
    expect(redactStoreLocation("/srv/user:pass@host/store.sqlite")).toBe("/srv/user:pass@host/store.sqlite");
  });

  it("scrubs the URL, its decoded password and PGPASSWORD out of a message", () => {
    const url = "postgres://bench:s3cr%40t@db.example/runs";
    const message = `failed for ${url}: server said "s3cr@t" and "envsecret" and "s3cr%40t"`;
    expect(scrubSecrets(message, url, { PGPASSWORD: "envsecret" })).toBe(
      'failed for postgres://bench:***@db.example/runs: server said "***" and "***" and "***"',
    );
    // A one-letter password is not masked everywhere (it would garble the message and protect nothing).
    expect(scrubSecrets("a bad day", "postgres://u:a@h/d", {})).toBe("a bad day");
  });
});
