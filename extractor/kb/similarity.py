"""Text similarity on Chinese policy text, shared by the diff and the graph.

Character bigrams (of the Han characters only) and jieba words of two or more Han
characters from the policy segmenter; TF-IDF weighting over a given set of texts; cosine
and Dice.

>>> round(dice("理事会人数", "理事人数"), 2)
0.57
"""

from __future__ import annotations

import math
from collections import Counter

from extractor.segment.tokens import get_segmenter
from extractor.recache import compile_re

_HAN = compile_re(r"[\u4e00-\u9fff]")


def bigrams(text: str) -> Counter[str]:
    t = "".join(_HAN.findall(text)) or text
    return Counter(t[i:i + 2] for i in range(len(t) - 1))


def words(text: str) -> Counter[str]:
    return Counter(w for w in get_segmenter().cut(text) if len(w) >= 2 and _HAN.match(w))


def tfidf(bags: list[Counter[str]]) -> list[dict[str, float]]:
    """Sublinear TF times smoothed IDF, the IDF taken over ``bags`` themselves."""
    df = Counter(g for bag in bags for g in bag)
    n = len(bags)
    return [{g: (1 + math.log(v)) * math.log(1 + n / df[g]) for g, v in bag.items()} for bag in bags]


def cosine(x: dict[str, float], y: dict[str, float]) -> float:
    if len(x) > len(y):
        x, y = y, x
    num = sum(v * y.get(g, 0.0) for g, v in x.items())
    den = math.sqrt(sum(v * v for v in x.values())) * math.sqrt(sum(v * v for v in y.values()))
    return num / den if den else 0.0


def dice(a: str | None, b: str | None) -> float:
    """Bigram Dice coefficient of two short strings (threshold subjects)."""
    return dice_counts(bigrams(a or ""), bigrams(b or ""))


def dice_counts(x: Counter[str], y: Counter[str]) -> float:
    """Dice coefficient of two bigram bags computed once (the graph scores many pairs)."""
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 0.0


def norm_condition(c: str | None) -> str | None:
    """Conditions compared without 人: 个人会员2万以上 = 个人会员2万人以上."""
    return c.replace("人", "") if c else c
