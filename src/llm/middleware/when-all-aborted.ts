/**
 * A signal that aborts once every one of `signals` has (with the reason of the last to abort): a request shared
 * by several callers stops only when none of them still wants it. Undefined when any caller passed no
 * signal (that caller can never cancel). `dispose` removes the listeners from long-lived run signals.
 */
export function whenAllAborted(signals: readonly (AbortSignal | undefined)[]): {
  signal: AbortSignal | undefined;
  dispose: () => void;
} {
  const distinct = [...new Set(signals)];
  const only = distinct[0];
  if (only === undefined || distinct.includes(undefined)) return { signal: undefined, dispose: () => {} };
  if (distinct.length === 1) return { signal: only, dispose: () => {} };
  const controller = new AbortController();
  const present = distinct as AbortSignal[];
  const check = (event?: Event): void => {
    const last = event?.target instanceof AbortSignal ? event.target : present[0];
    if (present.every((signal) => signal.aborted)) controller.abort(last?.reason);
  };
  for (const signal of present) signal.addEventListener("abort", check, { once: true });
  check();
  return {
    signal: controller.signal,
    dispose: () => {
      for (const signal of present) signal.removeEventListener("abort", check);
    },
  };
}
