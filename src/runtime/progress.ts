import { basename } from "node:path";
import type { Logger, ProgressReporter } from "../core/context.js";
import type { DownloadReporter } from "../llm/providers/local-model-files.js";

export interface TerminalReporterOptions {
  /** Where bars and log lines go (stderr, so stdout stays clean for data). */
  stream: NodeJS.WritableStream & { columns?: number };
  /** Redraw a one-line bar in place (a TTY); otherwise print a few plain lines. */
  interactive: boolean;
  /** Only warnings are printed. */
  quiet?: boolean;
  /** Injectable clock in ms (tests). */
  now?: () => number;
}

export interface TerminalReporter {
  progress: ProgressReporter;
  log: Logger;
  /** Model-file downloads: shown in place of the bar while they run, then one "downloaded" line. */
  download: DownloadReporter;
}

const REDRAW_INTERVAL_MS = 100;
/** Not interactive (CI logs, pipes): a plain "label: n/total after Ns" line at most this often. */
const PLAIN_LINE_INTERVAL_MS = 30_000;
const BAR_WIDTH = 24;

/**
 * Progress and log lines on one stream. Interactive: one bar line redrawn in place (log lines clear
 * it first and it comes back after); finish() clears it. Not interactive: a start and a done line, and
 * a count line at most every 30 s in between.
 */
export function createTerminalReporter(options: TerminalReporterOptions): TerminalReporter {
  const now = options.now ?? (() => Date.now());
  const quiet = options.quiet ?? false;
  let label = "";
  let total: number | undefined;
  let done = 0;
  let note = "";
  let startedAt = 0;
  let lastDraw = 0;
  let lastPlainLine = 0;
  let barVisible = false;
  let active = false;
  // A download in progress takes over the bar line; the step's bar comes back when it ends.
  let transfer: { name: string; received: number; total: number | undefined; startedAt: number } | undefined;

  const write = (text: string): void => {
    options.stream.write(text);
  };
  const clearBar = (): void => {
    if (barVisible) write("\r\x1b[2K");
    barVisible = false;
  };
  const drawBar = (): void => {
    const width = Math.max(40, options.stream.columns ?? 80);
    const state =
      transfer === undefined
        ? { label, done, total, note, elapsedMs: now() - startedAt }
        : {
            label: `downloading ${transfer.name}`,
            done: mebibytes(transfer.received),
            total: transfer.total === undefined ? undefined : mebibytes(transfer.total),
            note: "MiB",
            elapsedMs: now() - transfer.startedAt,
          };
    write(`\r\x1b[2K${renderBar(state).slice(0, width - 1)}`);
    barVisible = true;
    lastDraw = now();
  };
  const showsBar = options.interactive && !quiet;

  const progress: ProgressReporter = {
    start(nextLabel, nextTotal) {
      label = nextLabel;
      total = nextTotal;
      done = 0;
      note = "";
      startedAt = now();
      lastPlainLine = startedAt;
      active = true;
      if (showsBar) drawBar();
      else if (!quiet) write(`${label}${total === undefined ? "" : ` (${total})`}...\n`);
    },
    advance(by = 1, nextNote) {
      done += by;
      if (nextNote !== undefined) note = nextNote;
      // Throttled: hundreds of quick advances must not flood the terminal.
      if (showsBar && active && (now() - lastDraw >= REDRAW_INTERVAL_MS || done === total)) drawBar();
      // Without a bar, a long step still says how far it is, so a CI log is never silent for minutes.
      else if (
        !showsBar &&
        !quiet &&
        active &&
        done !== total &&
        now() - lastPlainLine >= PLAIN_LINE_INTERVAL_MS
      ) {
        lastPlainLine = now();
        const count = total === undefined ? `${done}` : `${done}/${total}`;
        write(`${label}: ${count} after ${((lastPlainLine - startedAt) / 1000).toFixed(0)}s\n`);
      }
    },
    finish(finalNote) {
      if (!active) return;
      active = false;
      clearBar();
      const seconds = ((now() - startedAt) / 1000).toFixed(1);
      const count = total === undefined ? `${done}` : `${done}/${total}`;
      if (!quiet && (!options.interactive || finalNote !== undefined)) {
        write(`${label}: ${count} in ${seconds}s${finalNote === undefined ? "" : ` — ${finalNote}`}\n`);
      }
    },
  };

  const line = (text: string): void => {
    const hadBar = barVisible;
    clearBar();
    write(`${text}\n`);
    if (hadBar && (active || transfer !== undefined)) drawBar();
  };
  const log: Logger = {
    info(message) {
      if (!quiet) line(message);
    },
    warn(message) {
      line(`warning: ${message}`);
    },
  };
  const download: DownloadReporter = (update) => {
    const starting = transfer === undefined;
    if (transfer === undefined) {
      const name = basename(new URL(update.url).pathname) || update.url;
      transfer = { name, received: 0, total: update.totalBytes, startedAt: now() };
      if (!showsBar && !quiet && !update.done) {
        const size = update.totalBytes === undefined ? "" : ` (${mebibytes(update.totalBytes)} MiB)`;
        write(`downloading ${name}${size}...\n`);
      }
    }
    transfer.received = update.receivedBytes;
    transfer.total = update.totalBytes;
    if (update.done) {
      const { name, received, startedAt: began } = transfer;
      transfer = undefined;
      if (!quiet)
        line(`downloaded ${name}: ${mebibytes(received)} MiB in ${((now() - began) / 1000).toFixed(1)}s`);
      return;
    }
    if (showsBar && (starting || now() - lastDraw >= REDRAW_INTERVAL_MS)) drawBar();
  };
  return { progress, log, download };
}

function mebibytes(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

/** "label [#######.........] 12/40 30% 0:12 note" */
export function renderBar(state: {
  label: string;
  done: number;
  total: number | undefined;
  note: string;
  elapsedMs: number;
}): string {
  const elapsed = formatDuration(state.elapsedMs);
  if (state.total === undefined || state.total <= 0) {
    return `${state.label} ${state.done} ${elapsed}${state.note ? ` ${state.note}` : ""}`;
  }
  const share = Math.min(1, state.done / state.total);
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}`;
  const percent = `${Math.floor(share * 100)}%`;
  return `${state.label} [${bar}] ${state.done}/${state.total} ${percent} ${elapsed}${state.note ? ` ${state.note}` : ""}`;
}

function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
