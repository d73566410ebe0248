import { describe, expect, it } from "vitest";
import { createTerminalReporter, renderBar } from "./progress.js";

function capture() {
  const chunks: string[] = [];
  return {
    chunks,
    stream: { write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WritableStream,
  };
}

describe("renderBar", () => {
  it("fills the bar by share done and shows counts, percent and elapsed time", () => {
    expect(renderBar({ label: "items", done: 6, total: 24, note: "", elapsedMs: 65_000 })).toBe(
      `items [${"#".repeat(6)}${".".repeat(18)}] 6/24 25% 1:05`,
    );
    expect(renderBar({ label: "calls", done: 3, total: undefined, note: "ok", elapsedMs: 0 })).toBe(
      "calls 3 0:00 ok",
    );
  });
});

describe("createTerminalReporter", () => {
  it("prints only a start and a done line when not interactive", () => {
    const { chunks, stream } = capture();
    let clock = 0;
    const { progress } = createTerminalReporter({ stream, interactive: false, now: () => clock });
    progress.start("generating", 3);
    progress.advance();
    progress.advance(2);
    clock = 1500;
    progress.finish("3 accepted");
    expect(chunks).toEqual(["generating (3)...\n", "generating: 3/3 in 1.5s — 3 accepted\n"]);
  });

  it("says how far a long step is every 30 s when not interactive, never more often", () => {
    const { chunks, stream } = capture();
    let clock = 0;
    const { progress } = createTerminalReporter({ stream, interactive: false, now: () => clock });
    progress.start("evaluating", 12);
    clock = 20_000;
    progress.advance();
    clock = 31_000;
    progress.advance();
    clock = 40_000;
    progress.advance();
    clock = 61_000;
    progress.advance(9);
    progress.finish();
    expect(chunks).toEqual([
      "evaluating (12)...\n",
      "evaluating: 2/12 after 31s\n",
      "evaluating: 12/12 in 61.0s\n",
    ]);
  });

  it("redraws one line in place when interactive and clears it on finish", () => {
    const { chunks, stream } = capture();
    const { progress, log } = createTerminalReporter({ stream, interactive: true, now: () => 0 });
    progress.start("items", 2);
    log.info("hello");
    progress.advance(2);
    progress.finish();
    const output = chunks.join("");
    expect(output.startsWith("\r\x1b[2Kitems [")).toBe(true);
    expect(output).toContain("\r\x1b[2Khello\n");
    expect(output).toContain("2/2 100%");
    expect(output.endsWith("\r\x1b[2K")).toBe(true);
    expect(output).not.toMatch(/\n$/);
  });

  it("keeps warnings but drops progress and info when quiet", () => {
    const { chunks, stream } = capture();
    const { progress, log } = createTerminalReporter({ stream, interactive: true, quiet: true });
    progress.start("items", 2);
    progress.advance();
    log.info("hidden");
    log.warn("shown");
    progress.finish("done");
    expect(chunks).toEqual(["warning: shown\n"]);
  });

  describe("download", () => {
    const update = (receivedBytes: number, done = false) => ({
      url: "https://example.test/repo/resolve/main/tiny-q4.gguf",
      path: "/cache/0123456789-tiny-q4.gguf",
      receivedBytes,
      totalBytes: 4 * 2 ** 20,
      done,
    });

    it("prints a start and a done line when not interactive", () => {
      const { chunks, stream } = capture();
      let clock = 0;
      const { download } = createTerminalReporter({ stream, interactive: false, now: () => clock });
      download(update(2 ** 20));
      download(update(3 * 2 ** 20));
      clock = 2500;
      download(update(4 * 2 ** 20));
      download(update(4 * 2 ** 20, true));
      expect(chunks).toEqual([
        "downloading tiny-q4.gguf (4 MiB)...\n",
        "downloaded tiny-q4.gguf: 4 MiB in 2.5s\n",
      ]);
    });

    it("takes over the bar line while it runs, then brings the step's bar back", () => {
      const { chunks, stream } = capture();
      const { progress, download } = createTerminalReporter({ stream, interactive: true, now: () => 0 });
      progress.start("make: items", 10);
      download(update(2 ** 20));
      expect(chunks.at(-1)).toBe(
        `\r\x1b[2Kdownloading tiny-q4.gguf [${"#".repeat(6)}${".".repeat(18)}] 1/4 25% 0:00 MiB`,
      );
      download(update(4 * 2 ** 20, true));
      expect(chunks.slice(-3)).toEqual([
        "\r\x1b[2K",
        "downloaded tiny-q4.gguf: 4 MiB in 0.0s\n",
        `\r\x1b[2Kmake: items [${".".repeat(24)}] 0/10 0% 0:00`,
      ]);
    });

    it("prints nothing when quiet", () => {
      const { chunks, stream } = capture();
      const { download } = createTerminalReporter({ stream, interactive: true, quiet: true });
      download(update(2 ** 20));
      download(update(4 * 2 ** 20, true));
      expect(chunks).toEqual([]);
    });
  });
});
