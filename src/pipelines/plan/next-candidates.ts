import type { Candidate, ExecutionEnv } from "./execution-env.js";
import type { PlannedSubtask } from "./plan-document.js";

/** The rows (then scratch items) a wave tries: each source's own deficit plus what earlier sources could not give. */
export async function nextCandidates(
  env: ExecutionEnv,
  subtask: PlannedSubtask,
  deficit: number,
): Promise<{ candidates: Candidate[]; stopReason?: string; shortReason?: string }> {
  const tried = env.book.tried(subtask.name).filter((entry) => entry.status === "accepted");
  const candidates: Candidate[] = [];
  let left = deficit;
  let carry = 0;
  for (const source of subtask.sources) {
    const own = Math.max(
      0,
      source.allocated - tried.filter((entry) => entry.trace.card === source.card).length,
    );
    const want = Math.min(left, own + carry);
    const rows = await env.rows.next(source, want);
    candidates.push(...rows.map((row) => ({ source, row })));
    carry = want - rows.length;
    left -= rows.length;
  }
  if (left === 0 || env.options.fromScratch === "never") return { candidates };
  const written = await env.scratch(left, env.book.takenKeys());
  candidates.push(...written.items.map((scratch) => ({ scratch })));
  return {
    candidates,
    ...(written.stopReason ? { stopReason: written.stopReason } : {}),
    ...(written.shortReason ? { shortReason: written.shortReason } : {}),
  };
}
