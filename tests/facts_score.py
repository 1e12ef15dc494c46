"""Score people, organisations, places and quotes against a hand-annotated corpus.

    python tests/facts_score.py [tests/facts_corpus/heldout.toml] [--errors]

The corpus (TOML) has one ``[[article]]`` per article: ``text``, ``published``, and the lists
``people``, ``organizations``, ``places`` (each entity a list of its surface forms) and
``[[article.quote]]`` items (``text``: a piece of the quote; ``speaker``: an entity's first form
or ``"?"``). Names match after Arabic folding (hamza/alef, ى/ي, ة/ه, marks, a leading article
or clitic): equal, or one contains the other when the shorter has four letters or more; each
predicted entity pairs with at most one annotated entity (all its mentions are tried). A quote
is found when a predicted quote covers at least half of the annotated piece; its speaker is
right when it matches a form of the annotated speaker, or is empty for ``"?"``.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from factsheet.facts.sheet import build_sheet

HERE = Path(__file__).resolve().parent
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def fold(s: str) -> str:
    s = _MARKS.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و")
    s = s.replace("ئ", "ي")
    s = re.sub(r"[^\w\s]|_", " ", s)
    out = []
    for w in s.split():
        if len(w) > 4:
            w = re.sub(r"^(?:[وفبل]|وب|ول|فب|فل)?(?:ال|لل)", "", w)
        out.append(w)
    return " ".join(out)


def same(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short.replace(" ", "")) >= 4 and f" {short} " in f" {long_} "


@dataclass
class Tally:
    """Matched, predicted and annotated counts of one kind."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0


@dataclass
class Scores:
    kinds: dict[str, Tally] = field(default_factory=lambda: {
        k: Tally() for k in ("people", "organizations", "places", "quotes")})
    speaker_right: int = 0

    @property
    def speaker_share(self) -> float:
        found = self.kinds["quotes"].matched
        return self.speaker_right / found if found else 0.0


def _pair(preds: list[list[str]], golds: list[list[str]]) -> tuple[list[int], list[int]]:
    used: set[int] = set()
    unmatched = []
    for i, names in enumerate(preds):
        hit = next((j for j, g in enumerate(golds) if j not in used
                    and any(same(p, x) for p in names for x in g)), None)
        if hit is None:
            unmatched.append(i)
        else:
            used.add(hit)
    return unmatched, [j for j in range(len(golds)) if j not in used]


def score(corpus: Path) -> Scores:
    data = tomllib.loads(corpus.read_text(encoding="utf-8"))
    out = Scores()
    for art in data["article"]:
        text = art["text"]
        sheet = build_sheet(text, dt.date.fromisoformat(art["published"]))
        found = {
            "people": [[p.name, *(m.text for m in p.mentions)] for p in sheet.people if p.name],
            "organizations": [[o.name, *(m.text for m in o.mentions),
                               *([o.acronym] if o.acronym else [])] for o in sheet.organizations],
            "places": [[p.name, *(m.text for m in p.mentions)] for p in sheet.places],
        }
        forms: dict[str, list[str]] = {}
        for kind, preds in found.items():
            golds = art.get(kind, [])
            for g in golds:
                forms[g[0]] = g
            un_p, un_g = _pair(preds, golds)
            t = out.kinds[kind]
            t.matched += len(preds) - len(un_p)
            t.predicted += len(preds)
            t.gold += len(golds)
            t.errors += [f"{art['id']:14} {kind:13} FP   {preds[i][0]}" for i in un_p]
            t.errors += [f"{art['id']:14} {kind:13} MISS {golds[j][0]}" for j in un_g]
        q = out.kinds["quotes"]
        q.predicted += len(sheet.quotes)
        used: set[int] = set()
        for gq in art.get("quote", []):
            q.gold += 1
            start = text.index(gq["text"])
            end = start + len(gq["text"])
            hit = next((k for k, p in enumerate(sheet.quotes) if k not in used
                        and min(end, p.end) - max(start, p.start) >= (end - start) / 2), None)
            if hit is None:
                q.errors.append(f"{art['id']:14} quote MISS {gq['speaker']}: {gq['text']}")
                continue
            used.add(hit)
            q.matched += 1
            got = sheet.quotes[hit].speaker
            want = gq["speaker"]
            ok = (want == "?" and not got) or (want != "?" and bool(got) and any(
                same(got or "", f) for f in forms.get(want, [want])))
            out.speaker_right += ok
            if not ok:
                q.errors.append(f"{art['id']:14} quote speaker want {want} got {got}")
    return out


def report(s: Scores) -> str:
    lines = []
    for kind, t in s.kinds.items():
        lines.append(f"{kind:13} P {t.precision:.3f}  R {t.recall:.3f}  "
                     f"(pred {t.predicted}, gold {t.gold})")
    lines.append(f"speaker right {s.speaker_right}/{s.kinds['quotes'].matched} "
                 f"({s.speaker_share:.3f})")
    return "\n".join(lines)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    result = score(Path(args[0]) if args else HERE / "facts_corpus" / "heldout.toml")
    if "--errors" in sys.argv:
        for t in result.kinds.values():
            print("\n".join(t.errors))
    print(report(result))
