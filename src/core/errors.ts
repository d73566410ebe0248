/**
 * One base error with named subclasses carrying fields. `isInstance` works across
 * module copies (checks a symbol marker instead of the prototype chain).
 */
const marker = Symbol.for("benchsmith.error");

export class BenchsmithError extends Error {
  readonly [marker] = true;
  /** Stable machine-readable name, also used by the CLI to pick an exit code. */
  readonly code: string;
  /** One line telling the user what to do next (shown by the CLI under the message). */
  readonly hint: string | undefined;

  constructor(options: { code: string; message: string; hint?: string | undefined; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "BenchsmithError";
    this.code = options.code;
    this.hint = options.hint;
  }

  static isInstance(error: unknown): error is BenchsmithError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** A mistake in what the user asked for: bad flag, config, model ref, unreadable file. Exit code 2. */
export class UserInputError extends BenchsmithError {
  constructor(message: string, hint?: string) {
    super({ code: "user_input", message, hint });
    this.name = "UserInputError";
  }
  static override isInstance(error: unknown): error is UserInputError {
    return BenchsmithError.isInstance(error) && error.code === "user_input";
  }
}

/** Config file or flags failed validation; `path` is the file, `issues` the field-level problems. */
export class ConfigError extends BenchsmithError {
  readonly path: string | undefined;
  readonly issues: string[];
  constructor(options: { message: string; path?: string; issues?: string[]; hint?: string }) {
    super({ code: "config", message: options.message, hint: options.hint });
    this.name = "ConfigError";
    this.path = options.path;
    this.issues = options.issues ?? [];
  }
  static override isInstance(error: unknown): error is ConfigError {
    return BenchsmithError.isInstance(error) && error.code === "config";
  }
}

/** A provider call failed. `isRetryable` drives the retry middleware. */
export class ProviderCallError extends BenchsmithError {
  readonly provider: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly responseBody: string | undefined;
  constructor(options: {
    provider: string;
    message: string;
    statusCode?: number | undefined;
    isRetryable: boolean;
    retryAfterMs?: number | undefined;
    responseBody?: string | undefined;
    hint?: string;
    cause?: unknown;
  }) {
    super({ code: "provider_call", message: options.message, hint: options.hint, cause: options.cause });
    this.name = "ProviderCallError";
    this.provider = options.provider;
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable;
    this.retryAfterMs = options.retryAfterMs;
    this.responseBody = options.responseBody;
  }
  static override isInstance(error: unknown): error is ProviderCallError {
    return BenchsmithError.isInstance(error) && error.code === "provider_call";
  }
}

/** The model's output could not be turned into the requested object, even after the repair attempt. */
export class NoObjectGeneratedError extends BenchsmithError {
  readonly text: string;
  readonly issues: string[];
  constructor(options: { message: string; text: string; issues?: string[] }) {
    super({ code: "no_object", message: options.message });
    this.name = "NoObjectGeneratedError";
    this.text = options.text;
    this.issues = options.issues ?? [];
  }
  static override isInstance(error: unknown): error is NoObjectGeneratedError {
    return BenchsmithError.isInstance(error) && error.code === "no_object";
  }
}

/** A run hit its --max-cost / --max-calls budget. Pipelines stop cleanly and keep what they accepted. */
export class BudgetExceededError extends BenchsmithError {
  readonly limit: "cost" | "calls";
  constructor(limit: "cost" | "calls", message: string) {
    super({ code: "budget", message });
    this.name = "BudgetExceededError";
    this.limit = limit;
  }
  static override isInstance(error: unknown): error is BudgetExceededError {
    return BenchsmithError.isInstance(error) && error.code === "budget";
  }
}

/** A required optional component (a provider SDK, llama.cpp binary, model file) is not available here. */
export class UnavailableError extends BenchsmithError {
  constructor(message: string, hint?: string) {
    super({ code: "unavailable", message, hint });
    this.name = "UnavailableError";
  }
  static override isInstance(error: unknown): error is UnavailableError {
    return BenchsmithError.isInstance(error) && error.code === "unavailable";
  }
}

/** Data in the store (a run's spec, a checkpoint) that does not parse: written by another version, or damaged. */
export class StoredDataError extends BenchsmithError {
  /** What was read, e.g. `spec of run make-...` or `state "slots" of run ...`. */
  readonly what: string;
  readonly issues: string[];
  constructor(what: string, issues: string[], hint?: string) {
    super({
      code: "stored_data",
      message: `${what} does not match this version of benchsmith: ${issues.slice(0, 3).join("; ")}`,
      hint: hint ?? "it was written by another benchsmith version; start a new run instead of --resume",
    });
    this.name = "StoredDataError";
    this.what = what;
    this.issues = issues;
  }
  static override isInstance(error: unknown): error is StoredDataError {
    return BenchsmithError.isInstance(error) && error.code === "stored_data";
  }
}

/**
 * A library option with a bad value. The message starts with the option's name (`count must be ...`);
 * the CLI rewrites that name to the flag the user typed (`-n, --count must be ...`).
 */
export class InvalidOptionError extends UserInputError {
  readonly option: string;
  readonly problem: string;
  constructor(option: string, problem: string, hint?: string) {
    super(`${option} ${problem}`, hint);
    this.name = "InvalidOptionError";
    this.option = option;
    this.problem = problem;
  }
  static override isInstance(error: unknown): error is InvalidOptionError {
    return UserInputError.isInstance(error) && typeof (error as { option?: unknown }).option === "string";
  }
}
