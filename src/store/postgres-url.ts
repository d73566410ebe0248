/**
 * Store locations: a SQLite file path, or a `postgres://` / `postgresql://` URL. The URL may carry a
 * password; it must never reach a log or an error message, so everything shown goes through here.
 */
const POSTGRES_SCHEME = /^postgres(?:ql)?:\/\//i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const SECRET_PARAMETERS = ["password", "sslpassword"];
const MASK = "***";

/** True for a location the PostgreSQL backend opens. */
export function isPostgresUrl(location: string): boolean {
  return POSTGRES_SCHEME.test(location.trim());
}

/** Why `location` is not a usable store location (undefined when it is): a path, or a postgres URL. */
export function storeLocationProblem(location: string): string | undefined {
  if (isPostgresUrl(location)) {
    try {
      new URL(location.trim());
      return undefined;
    } catch {
      return `${redactStoreLocation(location)} is not a valid URL`;
    }
  }
  if (ANY_SCHEME.test(location)) {
    const scheme = location.slice(0, location.indexOf(":"));
    return `"${scheme}://" stores are not supported: give a SQLite file path or a postgres:// URL`;
  }
  return undefined;
}

/** A store location fit to show: a URL's password (and password-like parameters) become "***"; a path stays. */
export function redactStoreLocation(location: string): string {
  if (!ANY_SCHEME.test(location.trim())) return location;
  try {
    const url = new URL(location.trim());
    if (url.password !== "") url.password = MASK;
    for (const name of SECRET_PARAMETERS) if (url.searchParams.has(name)) url.searchParams.set(name, MASK);
    return url.toString().replaceAll(encodeURIComponent(MASK), MASK);
  } catch {
    // Not parseable: mask anything between "user:" and "@" the way a URL would hold it.
    return location.replace(/(\/\/[^/:@]*:)[^@/]*@/, `$1${MASK}@`);
  }
}

/** The secrets a message about `location` must not contain: the URL's password and PGPASSWORD. */
function secretsOf(location: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const secrets: string[] = [];
  try {
    const url = new URL(location.trim());
    if (url.password !== "") secrets.push(decodeURIComponent(url.password), url.password);
    for (const name of SECRET_PARAMETERS) {
      const value = url.searchParams.get(name);
      if (value) secrets.push(value);
    }
  } catch {
    const match = /\/\/[^/:@]*:([^@/]*)@/.exec(location);
    if (match?.[1]) secrets.push(match[1]);
  }
  if (env.PGPASSWORD) secrets.push(env.PGPASSWORD);
  // Masking a one- or two-letter secret would garble every message and protect nothing.
  return [...new Set(secrets)].filter((secret) => secret.length >= 3).sort((a, b) => b.length - a.length);
}

/** `text` with every secret of `location` masked, and the location itself shown redacted. */
export function scrubSecrets(text: string, location: string, env: NodeJS.ProcessEnv = process.env): string {
  let scrubbed = text.replaceAll(location, redactStoreLocation(location));
  for (const secret of secretsOf(location, env)) scrubbed = scrubbed.replaceAll(secret, MASK);
  return scrubbed;
}
