import { PLAIN_NUMBER, RELATIVE_TOLERANCE } from "../../evaluate/grade-open-answer.js";

/**
 * Python text of gradeOpenAnswer (evaluate/grade-open-answer.ts) with its normaliser
 * (evaluate/normalize-answer.ts), shared by the Inspect task file and the lm-eval grading module.
 * It needs `re` and `unicodedata` imported. The number pattern and tolerance come from
 * grade-open-answer.ts; the pattern runs with re.ASCII so `\d` means 0-9 as in JavaScript.
 */
export const OPEN_GRADING_PYTHON = String.raw`

PLAIN_NUMBER = re.compile(${JSON.stringify(PLAIN_NUMBER.source)}, re.ASCII)
RELATIVE_TOLERANCE = ${RELATIVE_TOLERANCE}


def normalize_answer(text):
    value = unicodedata.normalize("NFKC", text).lower()
    value = re.sub(r"([0-9]),(?=[0-9]{3}(?![0-9]))", r"\1", value)
    value = re.sub(r"([0-9])\.0+(?![0-9])", r"\1", value)
    value = re.sub(r"(?<![0-9])\.|\.(?![0-9])", " ", value)
    value = re.sub(r"-(?![0-9])", " ", value)
    value = re.sub(r"[^\w\s.-]|_", " ", value)
    value = re.sub(r"(^|\s)(?:a|an|the)(?=\s|$)", " ", value)
    return re.sub(r"\s+", " ", value).strip()


def open_answer_span(reply):
    text = reply.replace("**", "").strip()
    if text == "":
        return None
    markers = list(re.finditer(r"\b(?:final\s+)?answer\s*(?:is\s*)?[:\uff1a]\s*", text, re.IGNORECASE))
    if not markers:
        return text
    after = text[markers[-1].end():].split("\n")[0].strip()
    return text if after == "" else re.sub(r"[.]$", "", after)


def read_number(text):
    trimmed = text.strip()
    if not re.search(r"[0-9]", trimmed) or not PLAIN_NUMBER.fullmatch(trimmed):
        return None
    return float(trimmed.replace(",", ""))


def same_number(left, right):
    return left == right or abs(left - right) <= RELATIVE_TOLERANCE * max(abs(left), abs(right))


def grade_open(reply, reference):
    """(answer span, correct): exact or normalised match of the text after the last "Answer:",
    else, when both read as plain numbers, equality within RELATIVE_TOLERANCE ("2.50" = "2.5")."""
    extracted = open_answer_span(reply)
    if extracted is None:
        return None, False
    if extracted == reference.strip():
        return extracted, True
    normalized = normalize_answer(reference)
    if normalized != "" and normalize_answer(extracted) == normalized:
        return extracted, True
    answer_number, reference_number = read_number(extracted), read_number(reference)
    if answer_number is not None and reference_number is not None:
        return extracted, same_number(answer_number, reference_number)
    return extracted, False
`;
