import { OPEN_GRADING_PYTHON } from "./open-grading-python.js";

/**
 * Python text of the Inspect export's scorers (written into `<name>_task.py` by inspect-task.ts):
 * the open-answer grader of open-grading-python.ts, then ports of evaluate/extract-answer.ts's
 * option-text step (cleanReply, optionTextIndex) and evaluate/match-option-text.ts around the
 * letter regex of letter-pattern.ts. inspect-task.test.ts runs it under python3.
 */
export const INSPECT_SCORERS_SOURCE = `${OPEN_GRADING_PYTHON}${String.raw`

def clean_reply(text):
    cleaned = unicodedata.normalize("NFKC", text)
    end = cleaned.rfind("</think>")
    if end >= 0 and cleaned[end + 8:].strip() != "":
        cleaned = cleaned[end + 8:]
    cleaned = re.sub(r"\\boxed\s*\{\s*(?:\\text\s*\{)?([^{}]*)\}?\s*\}", r" answer: \1 ", cleaned)
    cleaned = cleaned.replace("$", " ")
    cleaned = re.sub(r"\*\*|__|\x60", "", cleaned)
    return cleaned.strip()


def answer_tokens(text):
    normalized = normalize_answer(text)
    return normalized.split(" ") if normalized else []


def match_option_text(reply, options):
    reply_tokens = answer_tokens(reply)
    if not reply_tokens:
        return -1
    option_tokens = [answer_tokens(option) for option in options]
    exact = [index for index, tokens in enumerate(option_tokens) if tokens == reply_tokens]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        return -1
    best, best_length, tie = -1, 0, False
    for index, tokens in enumerate(option_tokens):
        if not tokens or len(tokens) > len(reply_tokens):
            continue
        if tokens != reply_tokens[: len(tokens)] and tokens != reply_tokens[len(reply_tokens) - len(tokens):]:
            continue
        if len(tokens) > best_length:
            best, best_length, tie = index, len(tokens), False
        elif len(tokens) == best_length:
            tie = True
    return -1 if tie else best


def option_text_index(text, options):
    whole = match_option_text(text, options)
    if len(text) <= 200 and whole >= 0:
        return whole
    lines = [line for line in text.split("\n") if line.strip() != ""]
    last = lines[-1].strip() if lines else ""
    return match_option_text(re.sub(r"[.!]+$", "", last), options) if len(last) <= 200 else -1


def read_choice(completion, options):
    """The option letter a reply names, or None when it names no single option."""
    pattern = LETTER_PATTERNS.get(len(options))
    found = pattern.findall(completion) if pattern else []
    if found:
        last = found[-1] if isinstance(found[-1], tuple) else (found[-1],)
        value = next((group for group in last if group), "").strip()
        if value:
            return value.upper() if len(value) == 1 else None
    index = option_text_index(clean_reply(completion), options)
    return LETTERS[index] if index >= 0 else None


@scorer(metrics=[accuracy(), stderr()])
def benchsmith_choice():
    async def score(state: TaskState, target: Target) -> Score:
        letter = read_choice(state.output.completion, [choice.value for choice in state.choices])
        return Score(
            value=CORRECT if letter == target.text else INCORRECT,
            answer=letter,
            explanation=state.output.completion,
        )

    return score


@scorer(metrics=[accuracy(), stderr()])
def benchsmith_open_answer():
    async def score(state: TaskState, target: Target) -> Score:
        extracted, correct = grade_open(state.output.completion, target.text)
        return Score(
            value=CORRECT if correct else INCORRECT,
            answer=extracted,
            explanation=state.output.completion,
        )

    return score


def samples(kind):
    return json_dataset(str(DATASET)).filter(lambda sample: (sample.metadata or {}).get("format") == kind)
`}`;
