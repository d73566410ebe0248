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
