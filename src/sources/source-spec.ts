import { UserInputError } from "../core/errors.js";
import type { SourceEntry } from "./source.js";

/** A parsed `--source` value: which entry, and the argument after the colon (`docs:<dir>`). */
export interface SourceSpec<Id extends string = string> {
  id: Id;
  argument: string | undefined;
}

/** How each entry is spelled on the command line: "docs:<dir>", "wikipedia", "code". */
export function sourceSpellings(entries: Readonly<Record<string, SourceEntry>>): string[] {
  return Object.values(entries).map((entry) =>
    entry.needs.argument === undefined ? entry.id : `${entry.id}:${entry.needs.argument}`,
  );
}

/**
 * Parses "<id>" or "<id>:<argument>" against the entries. The argument is everything after the
 * first colon, so Windows paths (docs:C:\notes) survive. An unknown id, a missing argument or an
 * argument the entry does not take is a UserInputError naming the allowed forms.
 */
export function parseSourceSpec<Id extends string>(
  text: string,
  entries: Readonly<Record<Id, SourceEntry>>,
): SourceSpec<Id> {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(":");
  const id = colon < 0 ? trimmed : trimmed.slice(0, colon);
  const argument = colon < 0 ? undefined : trimmed.slice(colon + 1).trim();
  const allowed = `allowed: ${sourceSpellings(entries).join(" | ")}`;
  if (!Object.hasOwn(entries, id)) throw new UserInputError(`unknown source "${text}"`, allowed);
  const entry = entries[id as Id];
  if (entry.needs.argument !== undefined && (argument === undefined || argument === "")) {
    throw new UserInputError(`the ${id} source needs ${entry.needs.argument}: "${text}"`, allowed);
  }
  if (entry.needs.argument === undefined && argument !== undefined) {
    throw new UserInputError(`the ${id} source takes no argument: "${text}"`, allowed);
  }
  return { id: id as Id, argument };
}
