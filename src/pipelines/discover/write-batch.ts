import { z } from "zod";
import type { Item } from "../../core/item.js";
import type { LanguageModel } from "../../core/language-model.js";
import { normalizeAnswer } from "../../evaluate/normalize-answer.js";
import type { Passage } from "../../sources/source.js";
import { buildItem } from "./build-item.js";
import { checkDraft } from "./check-draft.js";
import { checkSupport } from "./check-support.js";
import { CHECKPOINT_KEYS, type Checkpoints } from "./checkpoint.js";
import type { DraftBatch } from "./draft.js";
import { groundDescription } from "./ground-description.js";
import type { DiscoverSource } from "./open-discover-source.js";
import { type BatchRecord, BatchRecordSchema, type Description, PassageSchema } from "./state.js";
import { writeWithPrograms } from "./write-programs.js";
import { writeQuestions } from "./write-questions.js";

const GroundingSchema = z.union([
  z.object({ passages: z.array(PassageSchema) }),
  z.object({ failure: z.string() }),
]);

export interface BatchSettings {
  domain: string;
  questions: number;
  passages: number;
  format: "open" | "mcq";
  seed: number;
  /** False: the writer gets no passages and no programs (`--no-privileged`). */
  privileged: boolean;
}

/**
 * One batch of a description: ground (retrieval sources), write with the privileged information,
 * check every draft (schema, format, leakage, duplicates, then support or program agreement) and
 * build the accepted items. Retrieved passages and the checked batch are each stored before the next
 * step, so `--resume` repeats neither.
 */
export async function writeBatch(options: {
  checkpoints: Checkpoints;
  description: Description;
  batch: number;
  /** The description's accepted items from earlier batches. */
  existing: readonly Item[];
  source: DiscoverSource;
  writer: LanguageModel;
  writerRef: string;
  judge: LanguageModel;
  settings: BatchSettings;
  signal?: AbortSignal | undefined;
}): Promise<BatchRecord> {
  const { checkpoints, description, batch, source, settings } = options;
  const grounded = settings.privileged && source.kind === "retrieval" ? source : undefined;
  const grounding = grounded
    ? await checkpoints.once(CHECKPOINT_KEYS.passages(description.id, batch), GroundingSchema, () =>
        groundDescription({
          source: grounded.source,
          description: description.description,
          limit: settings.passages,
          batch,
          signal: options.signal,
        }),
      )
    : undefined;
  return checkpoints.once(CHECKPOINT_KEYS.batch(description.id, batch), BatchRecordSchema, async () => {
    if (grounding !== undefined && "failure" in grounding)
      return { batch, passageIds: [], items: [], rejected: [], failure: grounding.failure };
    const passages = grounding?.passages;
    const drafted = await draft({ ...options, passages });
    return checkDrafts({ ...options, drafted, passages: passages ?? [] });
  });
}

function draft(
  options: Parameters<typeof writeBatch>[0] & { passages: Passage[] | undefined },
): Promise<DraftBatch> {
  const { settings, source } = options;
  const common = {
    writer: options.writer,
    domain: settings.domain,
    description: options.description.description,
    count: settings.questions,
    format: settings.format,
    existing: options.existing.map((item) => item.question),
    seed: settings.seed,
    batch: options.batch,
    signal: options.signal,
  };
  if (settings.privileged && source.kind === "execution")
    return writeWithPrograms({ ...common, code: source.source });
  return writeQuestions({ ...common, passages: options.passages });
}

async function checkDrafts(
  options: Parameters<typeof writeBatch>[0] & { drafted: DraftBatch; passages: readonly Passage[] },
): Promise<BatchRecord> {
  const { drafted, description, batch, settings } = options;
  const record: BatchRecord = {
    batch,
    passageIds: options.passages.map((passage) => passage.id),
    items: [],
    rejected: [...drafted.rejected],
    ...(drafted.failure === undefined ? {} : { failure: drafted.failure }),
  };
  const seen = new Set(options.existing.map((item) => normalizeAnswer(item.question)));
  const cited = options.passages.length > 0;
  for (const candidate of drafted.drafts) {
    const checked = checkDraft({ draft: candidate, format: settings.format, seen });
    if ("reason" in checked) {
      record.rejected.push({ question: candidate.question, reason: checked.reason });
      continue;
    }
    const checks = [...candidate.checks, ...checked.passed];
    if (cited) {
      const support = await checkSupport({
        draft: candidate,
        passages: options.passages,
        judge: options.judge,
        seed: settings.seed,
        signal: options.signal,
      });
      if (!support.supported) {
        record.rejected.push({ question: candidate.question, reason: `support: ${support.reason}` });
        continue;
      }
      checks.push(`support:${support.method}`);
    }
    seen.add(normalizeAnswer(candidate.question));
    const id = `${description.id}-b${batch}-q${record.items.length + 1}`;
    record.items.push(
      buildItem({
        draft: candidate,
        id,
        description,
        format: settings.format,
        source: settings.privileged ? options.source.spelling : "none (--no-privileged)",
        writer: options.writerRef,
        checks,
        seed: settings.seed,
      }),
    );
  }
  return record;
}
