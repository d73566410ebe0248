import { createHash } from "node:crypto";

/**
 * A unit's BullMQ job id: its kind and a digest of its idempotent key's parts ("eval.<40 hex>"), so
 * re-adding a unit still queued or running is a no-op. A digest, because BullMQ refuses ":" in custom
 * ids and model refs contain one.
 */
export function unitJobId(kind: string, keyParts: readonly string[]): string {
  return `${kind}.${createHash("sha256").update(keyParts.join("\u0000")).digest("hex").slice(0, 40)}`;
}
