"""Words for search: tokens, folding and stems, exactly as the browser makes them.

theme/runtime/search.js repeats every rule here in JavaScript, so that a word typed by the
reader and the same word in the text give the same term; tests/test_search.py runs both on
every word of a site and compares. The rules:

- tokens: runs of letters and digits; a hyphenated compound (көші-қон) gives its parts
  and the whole without hyphens, so "қон" finds it and "көші-қон" finds only it.
- folding: lower case (every Kazakh letter included), then ё → е and each Kazakh letter
  to the Russian letter a reader types for it on a Russian keyboard (ә → а, ғ → г,
  қ → к, ң → н, ө → о, ұ ү → у, һ → х, і → и), in every language.
- stems: Snowball (PyStemmer 2.2: Snowball 2.2's C stemmers, the same algorithms as the
  vendored snowball.js) for
  the languages in SNOWBALL; for Kazakh, which Snowball lacks, the light suffix stripping
  of kazakh_stem(); other languages are folded only. Search matches stems by prefix, so a
  stem that keeps part of an ending still finds its forms.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from itertools import chain, repeat

# Languages with a Snowball stemmer in both PyStemmer and the vendored snowball.js.
SNOWBALL = {"en": "english", "ru": "russian"}
FOLD = str.maketrans("ёәғқңөұүһі", "еагкноуухи")
TOKEN = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
HYPHENS = re.compile(r"[-\u2010\u2011]")
MIN_TOKEN = 2  # shorter tokens are neither indexed nor searched
# Kazakh inflectional endings (plural, case, possessive, the locative-relative -дағы),
# in Kazakh spelling; kazakh_stem() folds them like the words.
KAZAKH_ENDINGS = """
    дағы дегі тағы тегі
    лар лер дар дер тар тер
    ның нің дың дің тың тің
    ға ге қа ке на не
    ны ні ды ді ты ті ын ін
    да де та те нда нде
    дан ден тан тен нан нен
    мен бен пен
    сы сі ы і
"""
KAZAKH_MIN_STEM = 3  # letters an ending must leave
KAZAKH_PASSES = 3  # endings stripped at most: plural + possessive + case


def fold(word: str) -> str:
    """A word in the form search compares: NFC, lower case, Kazakh letters and ё folded."""
    return unicodedata.normalize("NFC", word).lower().translate(FOLD)


def _endings() -> tuple[str, ...]:
    """The Kazakh endings, folded, longest first."""
    return tuple(sorted({fold(e) for e in KAZAKH_ENDINGS.split()}, key=lambda e: (-len(e), e)))


ENDINGS = _endings()
ENDING_SETS = tuple((n, frozenset(e for e in ENDINGS if len(e) == n))
                    for n in sorted({len(e) for e in ENDINGS}, reverse=True))


def kazakh_stem(word: str) -> str:
    """A folded Kazakh word without up to three inflectional endings, each the longest that
    leaves at least KAZAKH_MIN_STEM letters: мигранттарға → мигранттар → мигрант."""
    for _ in range(KAZAKH_PASSES):
        for n, endings in ENDING_SETS:
            if len(word) - n >= KAZAKH_MIN_STEM and word[-n:] in endings:
                word = word[:-n]
                break
        else:
            break
    return word


@functools.lru_cache(maxsize=None)
def _snowball(algorithm: str):
    """One Snowball stemmer (imported only when a language needs it)."""
    import Stemmer  # PyStemmer: Snowball's own C code (20x the pure-Python port's speed)
    return Stemmer.Stemmer(algorithm)


@functools.lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """The search term of one folded word in lang."""
    if lang == "kk":
        return kazakh_stem(word)
    if lang in SNOWBALL:
        return _snowball(SNOWBALL[lang]).stemWord(word)
    return word


@functools.lru_cache(maxsize=200_000)
def word_terms(token: str, lang: str) -> tuple[str, ...]:
    """The terms of one token in a text: its stem; for a compound, its parts' and then
    the whole's (without hyphens)."""
    parts = HYPHENS.split(fold(token))
    words = [part for part in parts if len(part) >= MIN_TOKEN] if len(parts) > 1 else []
    whole = "".join(parts)
    if len(whole) >= MIN_TOKEN:
        words.append(whole)
    return tuple(stem(word, lang) for word in words)


def term_counts(text: str, lang: str) -> Counter:
    """How often each term occurs in a text, in the order of first occurrence: the same as
    Counter(text_terms(text, lang)), with each distinct word folded and stemmed once
    (word_terms is cached) and the counting done by C loops, not a Python one."""
    return Counter(chain.from_iterable(map(word_terms, TOKEN.findall(text), repeat(lang))))


def text_terms(text: str, lang: str) -> list[str]:
    """Every term of a text, in order (repeated as often as it occurs)."""
    return [term for token in TOKEN.findall(text) for term in word_terms(token, lang)]


def query_terms(query: str, lang: str) -> list[str]:
    """The terms a reader's query searches for: one per word, a compound as a whole (the
    browser's search.js does the same)."""
    words = (HYPHENS.sub("", fold(token)) for token in TOKEN.findall(query))
    return [stem(word, lang) for word in words if len(word) >= MIN_TOKEN]
