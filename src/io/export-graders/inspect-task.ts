import { INSPECT_SCORERS_SOURCE } from "./inspect-scorers-source.js";
import { letterPattern } from "./letter-pattern.js";

export interface InspectTaskOptions {
  /** Task name prefix: tasks are `<name>_mcq` and `<name>_open`. */
  name: string;
  /** File name of the Sample JSONL, beside the task file. */
  datasetFile: string;
  /** Option counts of the MCQ items (one letter regex each); empty when there are none. */
  optionCounts: readonly number[];
  hasOpen: boolean;
  maxTokens: number;
}

const taskDefinition = (name: string, format: "mcq" | "open", scorerName: string): string => `

@task
def ${name}_${format}():
    return Task(dataset=samples("${format}"), solver=generate(), scorer=${scorerName}(), config=CONFIG)
`;

/**
 * The Inspect AI task file of an export: `<name>_mcq` and/or `<name>_open` over the Sample JSONL
 * beside it, each at temperature 0 with `maxTokens`, scored with benchsmith's reading of a reply
 * (the letter regex of letter-pattern.ts, then the option's text; open answers as
 * gradeOpenAnswer). The system message travels in each sample's `input` messages.
 */
export function inspectTaskSource(options: InspectTaskOptions): string {
  const patterns = options.optionCounts
    .map((count) => `    ${count}: re.compile(${JSON.stringify(letterPattern(count))}),`)
    .join("\n");
  const header = `"""Inspect AI tasks for ${options.name}, written by benchsmith export --format inspect.

    inspect eval ${options.name}_task.py@${options.name}_mcq --model openai/gpt-4o-mini

Every sample sends the system and user messages that benchsmith eval --cot sends, at temperature 0
with a ${options.maxTokens}-token limit, and the scorers read replies with benchsmith's rules, so
Inspect's accuracy can be compared with benchsmith's leaderboard.
"""

import re
import unicodedata
from pathlib import Path

from inspect_ai import Task, task
from inspect_ai.dataset import json_dataset
from inspect_ai.model import GenerateConfig
from inspect_ai.scorer import CORRECT, INCORRECT, Score, Target, accuracy, scorer, stderr
from inspect_ai.solver import TaskState, generate

DATASET = Path(__file__).parent / ${JSON.stringify(options.datasetFile)}
CONFIG = GenerateConfig(temperature=0, max_tokens=${options.maxTokens})
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Option-letter regex by option count: the first non-empty group of its last match is the letter
# (either case), or a longer span ("A or C") when the reply names no single option.
LETTER_PATTERNS = {
${patterns}
}
`;
  const tasks = [
    ...(options.optionCounts.length > 0 ? [taskDefinition(options.name, "mcq", "benchsmith_choice")] : []),
    ...(options.hasOpen ? [taskDefinition(options.name, "open", "benchsmith_open_answer")] : []),
  ];
  return header + INSPECT_SCORERS_SOURCE + tasks.join("");
}

/** File name of the task file for a task name. */
export const inspectTaskFile = (name: string): string => `${name}_task.py`;
