"""Words for search: tokens, folding and stems, exactly as the browser makes them.

theme/runtime/search-words.js repeats every rule here in JavaScript (the Kazakh and English
tables travel in the index), so that a word typed by the reader and the same word in the
text give the same term; tests/test_search.py runs both on every word of a site and
compares. The rules:

- tokens: runs of letters and digits; a hyphenated compound (көші-қон) gives its parts
  and the whole without hyphens, so "қон" finds it and "көші-қон" finds only it.
- folding: lower case (every Kazakh letter included), then ё → е and each Kazakh letter
  to the Russian letter a reader types for it on a Russian keyboard (ә → а, ғ → г,
  қ → к, ң → н, ө → о, ұ ү → у, һ → х, і → и), in every language.
- spelling: English words in American spelling (labour → labor, urbanisation →
  urbanization: english_spelling()), before the stemmer.
- stems: Snowball (PyStemmer 2.2: Snowball 2.2's C stemmers, the same algorithms as the
  vendored snowball.js) for the languages in SNOWBALL; for Kazakh, which Snowball lacks,
  kazakh_stem(): its inflectional endings cut by the rules of which ending may follow
  which stem, measured on tests/data/kk_stems.tsv; other languages are folded only.
- matching (query_words, matches): a query's word finds a text's word with the same term;
  the word being typed, the query's last, also finds the words its letters begin, so
  "Алматы" finds Алматыға but not алмай, whose letters it does not begin.
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
MIN_PREFIX = 3  # letters of the word being typed before it matches longer words
# The Kazakh stemmer's rules, in Kazakh spelling (folded on import). Which form of an ending
# can follow a stem depends on the stem's last sound (қала|ға but мигрант|қа, ел|дер but
# қала|лар) and its vowels (back а ы, front е і), so each ending lists the sounds it
# follows; that is what keeps қалады (a verb) from being қала + an accusative (қаланы).
# Folding keeps every consonant's class; of the vowels only ы (back) and е, э (front) stay
# unambiguous, the rest may be either.
KAZAKH_SOUNDS = {
    "vowel": "аеиоуыэюя",
    "glide": "иую",  # end a stem like a consonant before -ы, -дың, -ды (даму|ы, даму|дың)
    "liquid": "лрй",
    "nasal": "мнң",
    "voiced": "жз",
    "voiceless": "кқпстфхһцчшщбвгғд",  # б в г д: loanwords ending in them take -тар, -қа ...
}
# every sound but a vowel, the glides included (даму|ы, like мигрант|ы)
KAZAKH_SOUNDS["consonant"] = "".join(v for k, v in KAZAKH_SOUNDS.items() if k != "vowel")
# slot, endings : the sounds they follow ("possessive": a third-person possessive, which is
# cut with it: арасы|нда → ара)
KAZAKH_ENDINGS = """
    plural      лар лер       : vowel р й
    plural      дар дер       : л nasal voiced
    plural      тар тер       : voiceless
    possessive  ы і           : consonant
    possessive  сы сі         : а е о у э ю я
    possessive  ымыз іміз     : consonant
    case        ның нің       : vowel nasal
    case        дың дің       : glide л р й voiced
    case        тың тің       : voiceless
    case        ны ні         : vowel
    case        ды ді         : glide liquid nasal voiced
    case        ты ті         : voiceless
    case        н             : possessive
    case        ға ге         : vowel glide liquid nasal voiced
    case        қа ке         : voiceless
    case        на не         : possessive
    case        да де         : vowel glide liquid nasal voiced
    case        та те         : voiceless
    case        нда нде       : possessive
    case        дан ден       : vowel glide liquid voiced
    case        нан нен       : nasal possessive
    case        тан тен       : voiceless
    case        мен           : vowel glide liquid nasal
    case        бен           : voiced
    case        пен           : voiceless
    case        дағы дегі     : vowel glide liquid nasal voiced
    case        тағы тегі     : voiceless
    case        ндағы ндегі   : possessive
"""
KAZAKH_SLOTS = ("case", "possessive", "plural")
# The slots in the order they are tried, each cut once at most. The possessive again after
# the plural: a final ы/і that belongs to the word (кедергі, зерттеуші) is cut like a
# possessive when it ends the word, so it must be before a plural too (кедергі|лер).
KAZAKH_ORDER = ("case", "possessive", "plural", "possessive")
KAZAKH_INVARIANT = "мен бен пен"  # the instrumental has one form for back and front stems
KAZAKH_BACK, KAZAKH_FRONT = "ыя", "еэ"  # a stem's last vowel that allows only back / front
KAZAKH_MIN_STEM = 3  # letters an ending must leave ...
KAZAKH_SHORT = "ел үй өз іс ой"  # ... but for these two-letter stems
# Stems that no ending may cut into, each because the measurement on tests/data/kk_stems.tsv
# showed a false join or a missed one without it: proper nouns whose end looks like an
# ending (Алматы, Қазақста|н), words in -ын/-ін that would read as a possessive +
# accusative (тұрғын, not тұрғы|н), loanwords (аспект|і, процес|і), words whose end looks
# like one (кес|те), and words that are not their look-alike's forms (басқа "other" is no
# бас + dative, сынды "such as" no сын + accusative, тегі "origin" no тек "only").
KAZAKH_STEMS = """
    алматы қазақстан қырғызстан тәжікстан түркістан
    тұрғын ағын мәтін босқын шағын жақын сайын
    аспект процес жалақы кесте көшіқон басқа сынды тегі
"""
KAZAKH_THIRD = "ы і сы сі"  # the third-person possessives, which -н, -на, -нда ... follow
KAZAKH_VOICING = {"г": "к", "б": "п"}  # before a possessive -ы/-і: еңбегі, себебі (folded)
# British spellings made American before the English stemmer, so that "labour" finds
# "labor" and "urbanisation" "urbanization" (the article writes American English). A rule:
# a pattern of the whole word, (the letters before)(the letters changed)(an ending), the
# letters put instead, and the words that keep their spelling (listed as the letters before
# and changed, with or without an e); the letters before are at least three (two for a
# few endings), so our, four, hour, your, tour, rise, raise, arise never change.
ENGLISH_SPELLING = (
    # -our → -or: labour(ers), colour(ful), behaviour(al), favourite
    (r"(.{3,}?)(our)(|s|ed|ing|er|ers|able|ably|ite|ites|ful|fully|less|hood|hoods|ism|ist|"
     r"ists|al|ally|y)", "or", "detour contour devour velour paramour troubadour"),
    # -ise, -isation → -ize, -ization: organise(d), urbanisation; never after w, v, u, o, a,
    # pr (otherwise, advise, revise, cruise, noise, praise, surprise, enterprise), nor these
    (r"(.{3,}?)(?<![wvuoa])(?<!pr)(is)(e|es|ed|ing|er|ers|ation|ations|ational)", "iz",
     "promise premise demise compromise surmise exercise precise concise excise incise "
     "circumcise advertise expertise merchandise paradise franchise despise treatise"),
    (r"(.{2,}?)(lys)(e|es|ed|ing|er|ers)", "lyz", ""),  # analyse, paralyse
    (r"(.{2,}?)(tre)(|s)", "ter", "entre"),  # centre, metre, theatre
    (r"(.{3,}?)(gramme)(|s)", "gram", ""),  # programme
    (r"(lic|def|off|pret)(ence)(|s)", "ense", ""),  # licence, defence, offence, pretence
    (r"(.{2,}?)(logue)(|s)", "log", ""),  # dialogue, catalogue, analogue
)


def fold(word: str) -> str:
    """A word in the form search compares: NFC, lower case, Kazakh letters and ё folded."""
    return unicodedata.normalize("NFC", word).lower().translate(FOLD)


def _kazakh_rules() -> dict:
    """The Kazakh stemmer's rules, folded: what both Python and the browser apply."""
    sounds = {name: "".join(sorted(set(fold(letters)))) for name, letters in KAZAKH_SOUNDS.items()}
    endings = []
    for line in KAZAKH_ENDINGS.strip().splitlines():
        slot, rest = line.split(None, 1)
        forms, after = (part.split() for part in rest.split(":"))
        letters = "".join(sorted({c for f in after if f != "possessive"
                                  for c in sounds.get(f, fold(f))}))
        for form in forms:
            endings.append([KAZAKH_SLOTS.index(slot), fold(form), letters,
                            int("possessive" in after), _harmony(fold(form))])
    endings.sort(key=lambda e: (e[0], -len(e[1]), e[1]))
    return {
        "endings": endings, "vowels": sounds["vowel"],
        "order": [KAZAKH_SLOTS.index(slot) for slot in KAZAKH_ORDER],
        "possessive": KAZAKH_SLOTS.index("possessive"),
        "back": KAZAKH_BACK, "front": KAZAKH_FRONT, "min_stem": KAZAKH_MIN_STEM,
        "short": sorted(fold(w) for w in KAZAKH_SHORT.split()),
        "stems": sorted(fold(w) for w in KAZAKH_STEMS.split()),
        "third": sorted(fold(e) for e in KAZAKH_THIRD.split()),
        "voicing": KAZAKH_VOICING,
    }


def _harmony(ending: str) -> str:
    """An ending's vowel harmony: "b" (back), "f" (front), "" (no vowel, or invariant)."""
    if ending in {fold(e) for e in KAZAKH_INVARIANT.split()}:
        return ""
    vowels = [c for c in ending if c in "аыеи"]
    return "" if not vowels else "b" if vowels[-1] in "аы" else "f"


KAZAKH = _kazakh_rules()
def kazakh_stem(word: str, rules: dict = KAZAKH) -> str:
    """A folded Kazakh word without its inflectional endings, one of each slot (case,
    possessive, plural), each the longest that may follow what it leaves: мигранттарға →
    мигрант, Қазақстандағы → казакстан, but қалады stays (-ды does not follow a vowel)."""
    kept = max((s for s in rules["stems"] if word.startswith(s)), key=len, default="")
    done = set()
    for slot in rules["order"]:
        cut = None if slot in done else _kazakh_cut(word, slot, kept, rules)
        if cut is not None:
            word = cut
            done.add(slot)
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in rules["vowels"]:
        word = word[:-1]  # a loanword's double end is single before an ending: процесс, процесі
    return word


def _kazakh_cut(word: str, slot: int, kept: str, rules: dict, third: bool = False) -> str | None:
    """word without the longest ending of slot (only a third-person possessive if third)
    that may follow what it leaves, None if none; a kept stem and one ending give the kept
    stem whatever the rules say (жалақы|сы)."""
    for e_slot, ending, after, possessive, harmony in rules["endings"]:
        if e_slot != slot or not word.endswith(ending) or third and ending not in rules["third"]:
            continue
        stem = word[:-len(ending)]
        if kept and stem == kept:
            return kept
        if not _kazakh_harmonic(stem, harmony, rules):
            continue
        if possessive:  # -н, -нда ... after a possessive: cut both (арасы|нда → ара)
            owner = _kazakh_cut(stem, rules["possessive"], kept, rules, third=True)
            if owner is not None:
                return owner
        if _kazakh_follows(stem, after) and _kazakh_may_leave(stem, len(kept), rules):
            return _kazakh_voice(stem, ending, rules)
    return None


def _kazakh_harmonic(stem: str, harmony: str, rules: dict) -> bool:
    """Whether an ending of this harmony ("b", "f", "") may follow stem's last vowel."""
    vowel = next((c for c in reversed(stem) if c in rules["vowels"]), "")
    return not vowel or not (harmony == "b" and vowel in rules["front"]
                             or harmony == "f" and vowel in rules["back"])


def _kazakh_follows(stem: str, letters: str) -> bool:
    """Whether stem ends in one of letters (a soft or hard sign is skipped)."""
    stem = stem.rstrip("ьъ")
    return bool(stem) and stem[-1] in letters


def _kazakh_may_leave(stem: str, floor: int, rules: dict) -> bool:
    """Whether an ending may leave stem: long enough, with a vowel, not inside a kept stem."""
    long_enough = len(stem) >= rules["min_stem"] or stem in rules["short"]
    return (long_enough and len(stem) >= floor
            and any(c in rules["vowels"] for c in stem))


def _kazakh_voice(stem: str, ending: str, rules: dict) -> str:
    """stem as it ends before no vowel: a final г, б voiced before -ы/-і back to к, п."""
    if ending in ("ы", "и") and stem[-1] in rules["voicing"]:
        return stem[:-1] + rules["voicing"][stem[-1]]
    return stem


ENGLISH = [[pattern, to, sorted(keep.split())] for pattern, to, keep in ENGLISH_SPELLING]
_ENGLISH = [(re.compile(pattern), to, frozenset(keep)) for pattern, to, keep in ENGLISH]


def english_spelling(word: str) -> str:
    """A folded English word in American spelling: labour → labor, urbanisation →
    urbanization (the first rule that fits; words it keeps stay)."""
    for pattern, to, keep in _ENGLISH:
        match = pattern.fullmatch(word)
        if match:
            before, letters, ending = match.groups()
            kept = before + letters in keep or before + letters + "e" in keep
            return word if kept else before + to + ending
    return word


def spelling(word: str, lang: str) -> str:
    """A folded word in the one spelling search compares (en: American), not yet stemmed."""
    return english_spelling(word) if lang == "en" else word


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
        return _snowball(SNOWBALL[lang]).stemWord(spelling(word, lang))
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
    """The terms a reader's query searches for: one per word, a compound as a whole."""
    return [term for term, _ in query_words(query, lang)]


def query_words(query: str, lang: str) -> list[tuple[str, str]]:
    """Each word of a query as (term, prefix), a compound as a whole: a text's word matches
    when one of its terms is the term, or begins with the prefix. Only the word being typed
    has a prefix, its own letters (not its stem, which may be a shorter word's: жастар →
    жас, not жасайтын), and only with MIN_PREFIX letters; the browser's search.js does the
    same."""
    tokens = list(TOKEN.finditer(query))
    typing = tokens[-1] if tokens and tokens[-1].end() == len(query) else None
    out = []
    for token in tokens:
        word = spelling(HYPHENS.sub("", fold(token.group())), lang)
        if len(word) >= MIN_TOKEN:
            prefix = word if token is typing and len(word) >= MIN_PREFIX else ""
            out.append((stem(word, lang), prefix))
    return out


def matches(term: str, word: tuple[str, str]) -> bool:
    """Whether a text's term matches a query word (term, prefix) of query_words."""
    return term == word[0] or bool(word[1]) and term.startswith(word[1])
