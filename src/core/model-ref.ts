import { UserInputError } from "./errors.js";

/** Parsed model reference. `openai-compatible:<baseURL>#<model>` carries its base URL. */
export interface ModelRef {
  provider: string;
  modelId: string;
  baseURL?: string;
  /** The original string, used as the display name and in cache keys. */
  ref: string;
}

/**
 * Parses "provider:model" against the provider names the caller knows (the provider registry in
 * llm/ passes its own: see `parseModelRef` there). Throws UserInputError with a hint for anything else.
 */
export function parseModelRefWith(ref: string, known: readonly string[]): ModelRef {
  const trimmed = ref.trim();
  const colon = trimmed.indexOf(":");
  if (colon <= 0) {
    throw new UserInputError(
      `model reference "${ref}" has no provider prefix`,
      `write it as <provider>:<model>, e.g. openai:gpt-4o-mini; providers: ${known.join(", ")}`,
    );
  }
  const provider = trimmed.slice(0, colon);
  const rest = trimmed.slice(colon + 1);
  if (!known.includes(provider)) {
    throw new UserInputError(`unknown provider "${provider}" in "${ref}"`, `providers: ${known.join(", ")}`);
  }
  if (rest.length === 0) {
    throw new UserInputError(`model reference "${ref}" names no model`, `e.g. ${provider}:<model-name>`);
  }
  if (provider === "openai-compatible") {
    const hash = rest.lastIndexOf("#");
    const baseURL = hash > 0 ? rest.slice(0, hash) : "";
    const modelId = hash > 0 ? rest.slice(hash + 1) : "";
    if (!/^https?:\/\//.test(baseURL) || modelId.length === 0) {
      throw new UserInputError(
        `"${ref}" is not a valid openai-compatible reference`,
        "write it as openai-compatible:http://127.0.0.1:8000/v1#<model>",
      );
    }
    return { provider, modelId, baseURL, ref: trimmed };
  }
  return { provider, modelId: rest, ref: trimmed };
}
