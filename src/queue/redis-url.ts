import { redactStoreLocation } from "../store/postgres-url.js";

const REDIS_SCHEME = /^rediss?:\/\//i;

/** Why `location` is not a usable `--queue` (undefined when it is a redis:// or rediss:// URL). */
export function redisUrlProblem(location: string): string | undefined {
  if (!REDIS_SCHEME.test(location.trim()))
    return `${redactRedisUrl(location)} is not a redis:// URL (e.g. redis://127.0.0.1:6379)`;
  try {
    new URL(location.trim());
    return undefined;
  } catch {
    return `${redactRedisUrl(location)} is not a valid URL`;
  }
}

/** A Redis URL fit to print or store: its password becomes "***" (the same masking as store URLs). */
export function redactRedisUrl(location: string): string {
  return redactStoreLocation(location);
}
