import { type Command, Option } from "commander";
import { InvalidOptionError, UserInputError } from "../index.js";

/** One flag: how the user spells it, what it means, and how its text becomes the option's value. */
export interface FlagSpec<Value> {
  /** commander spelling: "-n, --count <n>", "--direct", "--no-attr". */
  flag: string;
  description: string;
  /** Text -> value (syntax only: ranges are the library's to check). Absent for boolean switches. */
  parse?: (text: string, flag: string) => Value;
}

/**
 * Every option of a library options type, mapped to its flag or to null (set another way: an argument,
 * a file, a test hook). A new option without an entry does not compile, so none goes undeclared.
 */
export type FlagTable<Options> = {
  readonly [Key in keyof Required<Options>]-?: FlagSpec<Options[Key]> | null;
};

type Entries<Options> = Array<[keyof Options & string, FlagSpec<unknown>]>;

function entriesOf<Options>(table: FlagTable<Options>): Entries<Options> {
  return (Object.entries(table) as Entries<Options>).filter(([, spec]) => spec !== null);
}

/** The long flag ("--count") of a spelling, as it is shown in messages. */
export function longFlag(spec: FlagSpec<unknown>): string {
  return new Option(spec.flag).long ?? spec.flag;
}

/** Declares the table's flags on `command`; a library default shows in help as "(default: x)". */
export function addFlags<Options>(
  command: Command,
  table: FlagTable<Options>,
  defaults: Partial<Record<keyof Options, unknown>> = {},
): Command {
  for (const [key, spec] of entriesOf(table)) {
    const fallback = defaults[key];
    const shown =
      fallback === undefined || spec.flag.includes("--no-") ? "" : ` (default: ${String(fallback)})`;
    command.addOption(new Option(spec.flag, `${spec.description}${shown}`));
  }
  return command;
}

/** The options the user typed on the command line (defaults are the library's, so nothing else is set). */
export function readFlags<Options>(command: Command, table: FlagTable<Options>): Partial<Options> {
  const values: Partial<Record<keyof Options, unknown>> = {};
  for (const [key, spec] of entriesOf(table)) {
    const attribute = new Option(spec.flag).attributeName();
    if (command.getOptionValueSource(attribute) !== "cli") continue;
    const raw: unknown = command.getOptionValue(attribute);
    values[key] = spec.parse && typeof raw === "string" ? spec.parse(raw, longFlag(spec)) : raw;
  }
  return values as Partial<Options>;
}

/** Names the flag instead of the library option in an InvalidOptionError (`-n, --count must be ...`). */
export function withFlagNames<Options>(table: FlagTable<Options>, error: unknown): unknown {
  if (!InvalidOptionError.isInstance(error)) return error;
  const spec = (table as Record<string, FlagSpec<unknown> | null>)[error.option];
  if (spec === undefined || spec === null) return error;
  return new UserInputError(`${longFlag(spec)} ${error.problem}`, error.hint);
}

/** Flags typed on this command line whose value differs from the stored run's: "--count 5 (stored 20)". */
export function differingFlags<Options>(
  command: Command,
  table: FlagTable<Options>,
  stored: Partial<Options>,
): string[] {
  const given = readFlags(command, table);
  const show = (value: unknown) => (typeof value === "object" ? "(file)" : JSON.stringify(value ?? null));
  return entriesOf(table)
    .filter(([key]) => key in given && JSON.stringify(given[key]) !== JSON.stringify(stored[key]))
    .map(([key, spec]) => `${longFlag(spec)} ${show(given[key])} (stored ${show(stored[key])})`);
}

/** Text parsers for flags: syntax only, naming the flag. */
export const asInteger = (text: string, flag: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value)) throw new UserInputError(`${flag} must be an integer, got "${text}"`);
  return value;
};
export const asNumber = (text: string, flag: string): number => {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value))
    throw new UserInputError(`${flag} must be a number, got "${text}"`);
  return value;
};
export const asText = (text: string): string => text;
/** "a", "a or b", "a, b or c". */
function orList(values: readonly string[]): string {
  return values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
}
/** Parser for an enum flag: the text must be one of `values` (`--format must be open or mcq, got "x"`). */
export const asChoice =
  <const Values extends readonly string[]>(values: Values) =>
  (text: string, flag: string): Values[number] => {
    const chosen = values.find((value) => value === text);
    if (chosen === undefined) throw new UserInputError(`${flag} must be ${orList(values)}, got "${text}"`);
    return chosen;
  };
/** "a, b,c" -> ["a", "b", "c"]. */
export const asList = (text: string): string[] =>
  text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
