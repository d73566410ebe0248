import { OPEN_GRADING_PYTHON } from "./open-grading-python.js";

/** Python module written beside the lm-eval task YAMLs; `<name>_open.yaml` loads it with `!function`. */
export const LM_EVAL_GRADING_MODULE = "benchsmith_grading";

/** What the open task's `process_results` names: `<module>.<function>`, resolved beside the YAML. */
export const LM_EVAL_PROCESS_RESULTS = `${LM_EVAL_GRADING_MODULE}.process_results`;

const HEADER = `"""benchsmith's open-answer grading for lm-evaluation-harness, written by benchsmith export --format lm-eval.

The _open task's process_results: the text after the last "Answer:" (else the whole reply) is
compared with the reference exactly, then after normalising case, punctuation, articles and
number formatting, then as numbers within a relative tolerance when both read as plain numbers
("2.50" = "2.5"), as benchsmith eval grades open answers. exact_match is 1.0 or 0.0 per doc.
"""

import re
import unicodedata
`;

const ENTRY = `

def process_results(doc, results):
    """exact_match of one doc: its reply (after take_first) graded against doc["answer"]."""
    _, correct = grade_open(str(results[0]), str(doc["answer"]))
    return {"exact_match": 1.0 if correct else 0.0}
`;

/** The text of `benchsmith_grading.py`. */
export function lmEvalGradingSource(): string {
  return HEADER + OPEN_GRADING_PYTHON + ENTRY;
}
