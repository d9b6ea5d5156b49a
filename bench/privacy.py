"""Precision and recall of the sensitive-data check on labelled feedback texts, and its cost.

The labelled sets are JSON lines in ``bench/data/privacy/``: ``evaluation-*.jsonl`` (held
out: written apart from the check and never used to tune it), ``tuning*.jsonl`` (the
earlier held-out sets, retired to tuning once their errors had been looked at) and
``dev.jsonl`` (for tuning). Each line is one feedback text:

    {"id": "fi-0001", "lang": "fi", "text": "...",
     "labels": [{"kind": "name", "text": "Virtasen"}, {"kind": "phone", "text": "040 123 4567"}],
     "note": "why the text is hard (optional)"}

A label names a kind and a snippet of the text; every whole-word occurrence of the snippet
is an expected finding of that kind. A finding of the check is right when it overlaps an
expected finding of its kind; an expected finding is found when a finding of its kind
overlaps it.

    python -m bench.privacy                 # both sets, per kind, and the cost per 1 kB
    python -m bench.privacy --validate F    # check a file's format and labels only
    python -m bench.privacy --errors        # also list every miss and false finding
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import timeit
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data" / "privacy"
SETS = ("evaluation", "tuning", "dev")
KINDS = ("hetu", "phone", "email", "iban", "plate", "address", "name", "health")
# Targets of issue 8: recall per kind, precision over all findings.
RECALL_TARGETS = {
    "hetu": 0.99,
    "phone": 0.99,
    "email": 0.99,
    "name": 0.90,
    "address": 0.90,
    "health": 0.90,
}
PRECISION_TARGET = 0.90
LANGUAGES = ("fi", "sv", "en")


@dataclass
class Text:
    id: str
    lang: str
    text: str
    expected: list[tuple[str, int, int]] = field(default_factory=list)


def occurrences(text: str, snippet: str) -> list[tuple[int, int]]:
    """Whole-word occurrences: not preceded or followed by a letter or digit."""
    pattern = re.compile(r"(?<![\w])" + re.escape(snippet) + r"(?![\w])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def load(path: Path) -> tuple[list[Text], list[str]]:
    """The texts of one file, and every problem found in it."""
    from stdnum.fi import hetu

    texts, problems, seen = [], [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not JSON ({error})")
            continue
        missing = {"id", "lang", "text", "labels"} - row.keys()
        if missing:
            problems.append(f"{where}: missing {sorted(missing)}")
            continue
        if row["id"] in seen:
            problems.append(f"{where}: id {row['id']} used twice")
        seen.add(row["id"])
        if row["lang"] not in LANGUAGES:
            problems.append(f"{where}: lang {row['lang']!r} is not one of {LANGUAGES}")
        item = Text(row["id"], row["lang"], row["text"])
        for label in row["labels"]:
            kind, snippet = label.get("kind"), label.get("text", "")
            if kind not in KINDS:
                problems.append(f"{where}: unknown kind {kind!r}")
                continue
            spans = occurrences(item.text, snippet)
            if not snippet or not spans:
                problems.append(f"{where}: {kind} {snippet!r} is not a whole word in the text")
                continue
            if kind == "hetu" and not hetu.is_valid(re.sub(r"\s", "", snippet).upper()):
                problems.append(f"{where}: {snippet!r} is not a valid identity code")
            item.expected.extend((kind, start, end) for start, end in spans)
        item.expected = sorted(set(item.expected), key=lambda e: (e[1], e[2], e[0]))
        texts.append(item)
    return texts, problems


@dataclass
class Score:
    found: Counter = field(default_factory=Counter)  # expected findings found, per kind
    expected: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)  # findings that were right, per kind
    reported: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)
    false: list = field(default_factory=list)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(texts: list[Text]) -> Score:
    from palaute.privacy.checks import check_text

    result = Score()
    for item in texts:
        findings = [(str(f.kind), f.start, f.end) for f in check_text(item.text)]
        for kind, start, end in item.expected:
            result.expected[kind] += 1
            if any(k == kind and overlaps((s, e), (start, end)) for k, s, e in findings):
                result.found[kind] += 1
            else:
                result.misses.append((item.id, kind, item.text[start:end], item.text))
        for kind, start, end in findings:
            result.reported[kind] += 1
            if any(k == kind and overlaps((s, e), (start, end)) for k, s, e in item.expected):
                result.right[kind] += 1
            else:
                result.false.append((item.id, kind, item.text[start:end], item.text))
    return result


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def show(value: float | None) -> str:
    return "   –" if value is None else f"{value:.3f}"


def report(name: str, texts: list[Text], *, errors: bool) -> bool:
    """Print the figures of one set; whether every target holds."""
    result = score(texts)
    kinds = [k for k in KINDS if result.expected[k] or result.reported[k]]
    print(f"\n{name}: {len(texts)} texts, {sum(result.expected.values())} labelled findings")
    header = ("kind", "expected", "found", "recall", "reported", "precision")
    print("{:<9} {:>8} {:>6} {:>7} {:>9} {:>9}".format(*header))
    met = True
    for kind in kinds:
        recall = ratio(result.found[kind], result.expected[kind])
        precision = ratio(result.right[kind], result.reported[kind])
        target = RECALL_TARGETS.get(kind)
        mark = ""
        if target is not None:
            ok = recall is not None and recall >= target
            met &= ok
            mark = f"  recall target {target:.2f}: {'met' if ok else 'MISSED'}"
        print(
            f"{kind:<9} {result.expected[kind]:>8} {result.found[kind]:>6} {show(recall):>7} "
            f"{result.reported[kind]:>9} {show(precision):>9}{mark}"
        )
    precision = ratio(sum(result.right.values()), sum(result.reported.values()))
    recall = ratio(sum(result.found.values()), sum(result.expected.values()))
    ok = precision is not None and precision >= PRECISION_TARGET
    met &= ok
    print(
        f"{'all':<9} {sum(result.expected.values()):>8} {sum(result.found.values()):>6} "
        f"{show(recall):>7} {sum(result.reported.values()):>9} {show(precision):>9}"
        f"  precision target {PRECISION_TARGET:.2f}: {'met' if ok else 'MISSED'}"
    )
    if errors:
        for title, rows in (("missed", result.misses), ("false findings", result.false)):
            print(f"\n{name}, {title}:")
            for text_id, kind, snippet, _text in rows:
                print(f"  {text_id:<10} {kind:<8} {snippet!r}")
    return met


def cost(texts: list[Text]) -> bool:
    """Time of the check on 1 kB texts: the set's texts joined into texts of at least 1 kB
    (real feedback, so real findings), each timed on its first check in this process (the
    name cache cold) and at its best of five; and the fixed typical text of ``bench``.
    Whether the median per kB is under the target of one millisecond."""
    from palaute.privacy import lexicon, names
    from palaute.privacy.checks import check_text

    from .__main__ import TEXT_1KB

    lexicon.load()
    check_text(TEXT_1KB)
    chunks, current = [], ""
    for item in texts:
        current += item.text + "\n\n"
        if len(current.encode()) >= 1024:
            chunks.append(current)
            current = ""
    names.analyse.cache_clear()
    cold, warm = [], []
    for chunk in chunks:
        kb = len(chunk.encode()) / 1024
        started = time.perf_counter()
        check_text(chunk)
        cold.append((time.perf_counter() - started) / kb * 1000)
    for chunk in chunks:
        kb = len(chunk.encode()) / 1024
        warm.append(
            min(timeit.repeat(lambda c=chunk: check_text(c), repeat=5, number=1)) / kb * 1000
        )
    single = min(timeit.repeat(lambda: check_text(TEXT_1KB), repeat=7, number=200)) / 200 * 1000

    def spread(values: list[float]) -> str:
        ordered = sorted(values)
        p90 = ordered[int(len(ordered) * 0.9)]
        return f"median {statistics.median(ordered):.3f}, p90 {p90:.3f}, max {ordered[-1]:.3f}"

    met = statistics.median(warm) < 1.0 and single < 1.0
    print(f"\ncost per kB on {len(chunks)} texts of 1–2 kB joined from the set:")
    print(f"  first check (name cache cold): {spread(cold)} ms")
    print(f"  best of five:                  {spread(warm)} ms")
    print(f"  the typical {len(TEXT_1KB.encode())}-byte text of bench: {single:.3f} ms")
    print(f"  target < 1 ms per kB (median, and the typical text): {'met' if met else 'MISSED'}")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--validate", type=Path, help="only check the format of this file")
    parser.add_argument("--errors", action="store_true", help="list misses and false findings")
    parser.add_argument("--set", choices=SETS, action="append", help="only these sets")
    args = parser.parse_args(argv)
    if args.validate:
        texts, problems = load(args.validate)
        counts = Counter(kind for t in texts for kind, _, _ in t.expected)
        clean = sum(1 for t in texts if not t.expected)
        print(f"{len(texts)} texts ({clean} without labels); {dict(counts)}")
        print(dict(Counter(t.lang for t in texts)))
        for problem in problems:
            print(problem)
        return 1 if problems else 0

    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    met = True
    for name in args.set or SETS:
        texts, problems = [], []
        for path in sorted(DATA.glob(f"{name}*.jsonl")):
            more, trouble = load(path)
            texts += more
            problems += trouble
        if problems or not texts:
            print("\n".join(problems) or f"no texts for {name}")
            return 1
        held_out = name == "evaluation"
        met &= report(name, texts, errors=args.errors) or not held_out
        if held_out:
            met &= cost(texts)
    print(f"\ntargets on the evaluation set: {'MET' if met else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
