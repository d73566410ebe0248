import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { UserInputError } from "../core/errors.js";

const USER_FIXABLE = new Set([
  "EACCES",
  "EEXIST",
  "EPERM",
  "EROFS",
  "ENOENT",
  "ENOTDIR",
  "EISDIR",
  "ENOSPC",
  "EDQUOT",
]);

/**
 * Runs `write` for an output the user named; a file-system refusal (permissions, a missing or
 * read-only folder, a full disk) becomes one UserInputError line naming the file, not a stack.
 */
export async function writeOutput(path: string, what: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === undefined || !USER_FIXABLE.has(code)) throw error;
    throw new UserInputError(
      `cannot write ${what} ${path} (${code})`,
      code === "ENOSPC" || code === "EDQUOT"
        ? "free some disk space, then --resume the run"
        : "choose a path you can write to, then --resume the run",
    );
  }
}

/**
 * Fails now, with one line, when an output the user named (or its default) cannot be written: its folder
 * is missing or read-only, or the file exists read-only or is a folder. Checked before a run pays for
 * any call, so a bad `--out` costs nothing. (A full disk is still only found when writing.)
 */
export async function assertWritable(path: string, what: string): Promise<void> {
  const refuse = (reason: string): never => {
    throw new UserInputError(
      `cannot write ${what} ${path} (${reason})`,
      "choose a path you can write to with --out",
    );
  };
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) refuse("EISDIR");
  const target = existing === undefined ? dirname(path) : path;
  await access(target, constants.W_OK).catch((error: unknown) => {
    const code = error instanceof Error && "code" in error ? String(error.code) : "not writable";
    refuse(code);
  });
}
