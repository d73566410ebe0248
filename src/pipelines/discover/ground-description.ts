import type { Passage, PrivilegedSource } from "../../sources/source.js";

/**
 * The ground step: the passages a description retrieves for one batch. Batch b gets the b-th window
 * of `limit` passages, so scale-up batches write from new passages; once the source has no new
 * ones, the last window is used again (the writer then samples anew). Nothing retrieved, or a source
 * error, is a `failure` with the reason (the loop goes on); a cancelled run still throws.
 */
export async function groundDescription(options: {
  source: PrivilegedSource;
  description: string;
  limit: number;
  batch: number;
  signal?: AbortSignal | undefined;
}): Promise<{ passages: Passage[] } | { failure: string }> {
  const { limit, batch } = options;
  let retrieved: Passage[];
  try {
    retrieved = await options.source.retrieve(options.description, {
      limit: limit * (batch + 1),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { failure: `retrieval failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (retrieved.length === 0)
    return { failure: `retrieval: ${options.source.id} found nothing for "${options.description}"` };
  const window = retrieved.slice(batch * limit, (batch + 1) * limit);
  return { passages: window.length > 0 ? window : retrieved.slice(-limit) };
}
