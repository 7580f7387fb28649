"""Where marker reading goes wrong on a PLOS render: the distribution of errors by context.

Run: ``python benchmarks/superscript_errors.py [--render superscript|web] [--half dev|held|all]
[--examples N] [--kind KIND] [--limit N] [--shared DIR]``

Each article of ``../shared/corpus/plos`` is audited offline (as ``score.py`` does) and its
report compared with ``truth.json``, with ``score.py``'s own matching rules (imported from the
shared folder), so the figures printed agree with it on the same articles:

* the four figures of the issue (marker recall and precision, cited set exact, clean numbering);
* missed truth markers and false report markers, counted by context: what stands before the
  digits (a lower-case word, an acronym, a digit and a full stop as in ``1.2.23``, sentence
  punctuation, a comma, a closing bracket or quote, a space after a word or after punctuation,
  a line start) and what follows them (a lower-case word, a capital, punctuation, a line end);
* for articles whose cited set is wrong: how many numbers are missing or extra, and whether a
  missing number's only truth markers were missed (and in which context), or an extra number
  comes from a false marker or from a number above the list.

The articles sorted by folder name are split by position: even positions are the development
half (``--half dev``, the only one whose examples should be read when changing the reader),
odd positions the half held apart (``--half held``, only measured). ``--examples N`` prints up
to N error examples of each kind (``--kind`` picks one), from the dev half unless asked.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from corpus_eval import shared_dir

import claimcheck

RENDER_FILES = {"web": "web.txt", "superscript": "superscript.txt"}


def load_score(shared: Path) -> ModuleType:
    """The corpus's ``score.py``, imported from the shared folder."""
    spec = importlib.util.spec_from_file_location("corpus_score", shared / "corpus" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def halves(folder: Path) -> dict[str, list[Path]]:
    """The article folders sorted by name: even positions ("dev") and odd ones ("held")."""
    dirs = sorted(p for p in folder.iterdir() if (p / "truth.json").is_file())
    return {"dev": dirs[0::2], "held": dirs[1::2]}


def before_kind(text: str, start: int) -> str:
    """What stands right before a marker's digits."""
    head = text[max(0, start - 40) : start]
    if not head or head.endswith("\n"):
        return "line-start"
    last = head[-1]
    if last == " ":
        stripped = head.rstrip(" ")
        if not stripped or stripped.endswith("\n"):
            return "line-start"
        prev = stripped[-1]
        if prev.isalpha():
            return "space-after-word"
        if prev.isdigit():
            return "space-after-digit"
        return f"space-after-{_punct_name(prev)}"
    if last.isdigit():
        return "digit"
    if last.isalpha():
        token = re.search(r"[\w-]+$", head)
        word = token.group() if token else last
        letters = re.sub(r"[^A-Za-z]", "", word.split("-")[-1])
        if re.search(r"\d", word) or "-" in word:
            return "glued-token-with-digits-or-hyphen"
        if letters.isupper():
            return "glued-acronym"
        if letters[1:] != letters[1:].lower():
            return "glued-mixed-case"
        return "glued-word"
    if last in ".!?":
        prev = head[-2:-1]
        if prev.isdigit():
            return "glued-digit."
        if prev.isalpha():
            return "glued-word."
        return f"glued-{_punct_name(prev)}."
    if last in ",;:":
        prev = head[-2:-1]
        return "glued-digit," if prev.isdigit() else "glued-comma"
    return f"glued-{_punct_name(last)}"


def _punct_name(char: str) -> str:
    if char in ")]}":
        return "bracket"
    if char in "\"'”’“‘":
        return "quote"
    if char in ".!?":
        return "stop"
    if char in ",;:":
        return "comma"
    if char in "-–—‐":
        return "dash"
    return "other" if char else "nothing"


def after_kind(text: str, end: int) -> str:
    """What follows a marker's digits."""
    rest = text[end : end + 40]
    if not rest or rest.startswith("\n"):
        return "line-end"
    if rest[0] == " ":
        nxt = rest.lstrip(" ")[:1]
        if not nxt or nxt == "\n":
            return "line-end"
        if nxt.islower():
            return "space-lower"
        if nxt.isupper():
            return "space-capital"
        if nxt.isdigit():
            return "space-digit"
        return f"space-{_punct_name(nxt)}"
    return _punct_name(rest[0])


def context(text: str, start: int, end: int, width: int = 45) -> str:
    return (
        text[max(0, start - width) : start] + "⟦" + text[start:end] + "⟧" + text[end : end + width]
    ).replace("\n", "⏎")


def analyse(score: ModuleType, folder: Path, render: str) -> dict[str, Any]:
    """One article: the figures' counts and its errors, with their contexts."""
    truth = score.load(str(folder))
    markers = truth["renders"][render]["markers"]
    text = (folder / RENDER_FILES[render]).read_text(encoding="utf-8")
    report = claimcheck.audit(str(folder / RENDER_FILES[render]), offline=True, store=False, progress=False)
    found, right, mine = score.marker_scores(markers, report)
    cited = set(truth["cited_numbers"])
    got = {n for c in report.claims for n in c.citations}
    clean = not any(
        f.code == "citation-not-in-list"
        or (f.code == "reference-never-cited" and f.reference_number in cited)
        for f in report.findings
    )
    out: dict[str, Any] = {
        "slug": folder.name,
        "found": found,
        "truth": len(markers),
        "right": right,
        "mine": mine,
        "cited_ok": got == cited,
        "clean": clean,
        "refs": len(report.references),
        "missed": [],
        "false": [],
        "missing": sorted(cited - got),
        "extra": sorted(got - cited),
    }
    for tm in markers:
        one = score.marker_scores([tm], report)[0]
        if not one:
            s, e = tm["start"], tm["end"]
            out["missed"].append(
                (before_kind(text, s), after_kind(text, e), tm["numbers"], context(text, s, e))
            )
    for m in score.report_markers(report):
        over = [t for t in markers if t["start"] < m.end and m.start < t["end"]]
        if not (over and set(m.numbers) <= {n for t in over for n in t["numbers"]}):
            kind = "wrong-numbers" if over else "no-truth"
            out["false"].append(
                (
                    before_kind(text, m.start),
                    after_kind(text, m.end),
                    list(m.numbers),
                    context(text, m.start, m.end),
                    kind,
                    m.style,
                )
            )
    out["missing_why"] = []
    for n in out["missing"]:
        carriers = [t for t in markers if n in t["numbers"]]
        kinds = sorted({before_kind(text, t["start"]) for t in carriers})
        out["missing_why"].append((n, len(carriers), kinds))
    out["extra_why"] = []
    for n in out["extra"]:
        why = "above-list" if n > out["refs"] else "false-marker"
        out["extra_why"].append((n, why))
    return out


def weak_examples(score: ModuleType, folder: Path) -> list[tuple[tuple[str, ...], bool]]:
    """The article's weak candidates (groups the rules do not read): their features and whether they cite."""
    from claimcheck.read.claims import learn_habit
    from claimcheck.read.load import load_source, read_article
    from claimcheck.read.sequence import candidates
    from claimcheck.read.superscripts import weak_features

    truth = score.load(str(folder))
    want = {(m["start"], m["end"]): tuple(m["numbers"]) for m in truth["renders"]["superscript"]["markers"]}
    article, refs = read_article(load_source(str(folder / "superscript.txt")))
    habit = learn_habit((b.text for b in article.body_blocks), len(refs) or None)
    out = []
    for block in article.blocks:
        if block.kind.value not in ("paragraph", "list_item"):
            continue
        for cand in candidates(block.text, block.start, habit):
            m = cand.marker
            if cand.ruled:
                continue
            found = weak_features(article.text, m.start, m.end)
            if found is not None:
                out.append((found, want.get((m.start, m.end)) == m.numbers))
    return out


def fit(score: ModuleType, folders: list[Path]) -> None:
    """Fit the weak candidates' log-odds (``WEAK_SCORE``) by logistic regression and print them."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    data = [x for d in folders for x in weak_examples(score, d)]
    vec = DictVectorizer()
    features = vec.fit_transform([dict.fromkeys(f, 1) for f, _ in data])
    labels = [y for _, y in data]
    model = LogisticRegression(C=1.0, max_iter=1000).fit(features, labels)
    print(f"{len(data)} weak candidates, {sum(labels)} cite")
    print(f'    "intercept": {model.intercept_[0]:.2f},')
    counts = Counter(k for f, _ in data for k in f)
    for name, weight in sorted(zip(vec.feature_names_, model.coef_[0], strict=True)):
        print(f'    "{name}": {weight:.2f},  # {counts[name]} candidates')


def figures(rows: list[dict[str, Any]]) -> str:
    def rate(a: str, b: str) -> float:
        den = sum(r[b] for r in rows)
        return round(sum(r[a] for r in rows) / den, 3) if den else 0.0

    n = len(rows) or 1
    return (
        f"n={len(rows)} marker_recall={rate('found', 'truth')} marker_precision={rate('right', 'mine')} "
        f"cited_set_exact={round(sum(r['cited_ok'] for r in rows) / n, 3)} "
        f"clean_numbering={round(sum(r['clean'] for r in rows) / n, 3)}"
    )


def distribution(rows: list[dict[str, Any]]) -> None:
    missed = Counter((b, a) for r in rows for b, a, *_ in r["missed"])
    false = Counter((b, a, x[2]) for r in rows for b, a, *x in r["false"])
    print(f"\nmissed truth markers: {sum(missed.values())}")
    for (b, a), k in missed.most_common():
        print(f"  {k:5}  before={b:35} after={a}")
    print(f"\nfalse report markers: {sum(false.values())}")
    for (b, a, kind), k in false.most_common():
        print(f"  {k:5}  before={b:35} after={a:15} {kind}")
    bad = [r for r in rows if not r["cited_ok"]]
    print(f"\ncited set wrong in {len(bad)} articles")
    only_missing = sum(bool(r["missing"]) and not r["extra"] for r in bad)
    only_extra = sum(bool(r["extra"]) and not r["missing"] for r in bad)
    both = len(bad) - only_missing - only_extra
    print(f"  only missing numbers: {only_missing}, only extra: {only_extra}, both: {both}")
    sizes = Counter(len(r["missing"]) + len(r["extra"]) for r in bad)
    print("  wrong numbers per article: " + ", ".join(f"{k}:{v}" for k, v in sorted(sizes.items())))
    why_missing = Counter(kind for r in bad for _, _, kinds in r["missing_why"] for kind in kinds)
    print(
        "  missing numbers, contexts of their truth markers: "
        + ", ".join(f"{k}={v}" for k, v in why_missing.most_common())
    )
    why_extra = Counter(w for r in bad for _, w in r["extra_why"])
    print("  extra numbers: " + ", ".join(f"{k}={v}" for k, v in why_extra.most_common()))


def examples(rows: list[dict[str, Any]], limit: int, kind: str | None) -> None:
    print(f"\nexamples (up to {limit} per kind)")
    seen: Counter[str] = Counter()
    for r in rows:
        for b, a, numbers, ctx in r["missed"]:
            key = f"missed {b} / {a}"
            if (kind is None or kind in key) and seen[key] < limit:
                seen[key] += 1
                print(f"  [{key}] {r['slug']} {numbers}: {ctx}")
        for b, a, numbers, ctx, what, style in r["false"]:
            key = f"false {b} / {a} {what}"
            if (kind is None or kind in key) and seen[key] < limit:
                seen[key] += 1
                print(f"  [{key}] {r['slug']} {numbers} ({style}): {ctx}")
        for n, carriers, kinds in r["missing_why"] if kind in (None, "missing") else ():
            print(f"  [missing] {r['slug']} {n}: {carriers} truth markers, {kinds}")
        for n, why in r["extra_why"] if kind in (None, "extra") else ():
            print(f"  [extra] {r['slug']} {n}: {why} (refs {r['refs']})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--render", choices=sorted(RENDER_FILES), default="superscript")
    ap.add_argument("--half", choices=["dev", "held", "all"], default="all")
    ap.add_argument("--examples", type=int, default=0, help="print up to N examples of each kind")
    ap.add_argument("--kind", help="only examples whose kind contains this text")
    ap.add_argument("--limit", type=int, help="only the first N articles of each half")
    ap.add_argument("--shared", help="the shared data folder (default ../shared)")
    ap.add_argument("--save", help="write the per-article results to this JSON file")
    ap.add_argument("--load", help="read per-article results saved by --save instead of auditing")
    ap.add_argument("--fit", action="store_true", help="fit WEAK_SCORE on the chosen half and print it")
    args = ap.parse_args(argv)
    shared = shared_dir(args.shared)
    if shared is None:
        print("no shared corpus found: pass --shared DIR or set CLAIMCHECK_SHARED", file=sys.stderr)
        return 2
    score = load_score(shared)
    parts = halves(shared / "corpus" / "plos")
    names = ["dev", "held"] if args.half == "all" else [args.half]
    if args.fit:
        fit(score, [d for name in names for d in parts[name][: args.limit]])
        return 0
    rows: dict[str, list[dict[str, Any]]] = json.loads(Path(args.load).read_text()) if args.load else {}
    for name in names:
        if not args.load:
            rows[name] = [analyse(score, d, args.render) for d in parts[name][: args.limit]]
        print(f"{args.render} {name:4} {figures(rows[name])}", flush=True)
    if args.half == "all":
        print(f"{args.render} all  {figures(rows['dev'] + rows['held'])}")
    if args.save:
        Path(args.save).write_text(json.dumps(rows))
    for name in names:
        print(f"\n== {name} half: error distribution")
        distribution(rows[name])
    if args.examples:
        examples(rows["dev"] if "dev" in rows else rows[names[0]], args.examples, args.kind)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
