/* The words of search: tokens, folding, spelling, stems and matching, exactly as
   reportsite/stemming.py makes them at build time (tests/test_search.py runs both on every
   word of a site and compares). The Kazakh stemmer's and the English spelling's rules come
   in the index's manifest. A classic script that search.js adds with the manifest; it
   defines window.reportsiteWords. */
(function () {
  "use strict";
  var TOKEN = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu;
  var HYPHENS = /[-\u2010\u2011]/g;
  var FOLD = { "ё": "е", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у",
               "ү": "у", "һ": "х", "і": "и" };
  var FOLDED = /[ёәғқңөұүһі]/g;
  var MIN_TOKEN = 2, MIN_PREFIX = 3;

  /* A word as search compares it: NFC, lower case, Kazakh letters and ё folded. */
  function fold(word) {
    return word.normalize("NFC").toLowerCase().replace(FOLDED, function (c) { return FOLD[c]; });
  }

  /* Whether word ends in ending. */
  function endsWith(word, ending) {
    return word.length >= ending.length && word.slice(word.length - ending.length) === ending;
  }

  /* The spelling of an index's words (English: American), from the rules in the index. */
  function makeSpell(index) {
    var rules = (index.spelling || []).map(function (rule) {
      return { pattern: new RegExp("^(?:" + rule[0] + ")$", "u"), to: rule[1], keep: rule[2] };
    });
    return function (word) {
      for (var i = 0; i < rules.length; i++) {
        var match = rules[i].pattern.exec(word);
        if (match) {
          var base = match[1] + match[2], keep = rules[i].keep;
          var kept = keep.indexOf(base) >= 0 || keep.indexOf(base + "e") >= 0;
          return kept ? word : match[1] + rules[i].to + match[3];
        }
      }
      return word;
    };
  }

  /* The stemmer of an index: its Kazakh rules, Snowball (after the spelling), or none. */
  function makeStem(index) {
    if (index.stemmer === "kazakh") {
      var rules = index.kazakh;
      return function (word) { return kazakhStem(word, rules); };
    }
    if (index.stemmer && window.snowballFactory) {
      var snowball = window.snowballFactory.newStemmer(index.stemmer), spell = makeSpell(index);
      return function (word) { return snowball.stem(spell(word)); };
    }
    return function (word) { return word; };
  }

  /* A folded Kazakh word without its inflectional endings, one of each slot. */
  function kazakhStem(word, k) {
    var kept = "", done = {};
    k.stems.forEach(function (s) {
      if (s.length > kept.length && word.lastIndexOf(s, 0) === 0) { kept = s; }
    });
    k.order.forEach(function (slot) {
      var cut = done[slot] ? null : kazakhCut(word, slot, kept, k, false);
      if (cut !== null) {
        word = cut;
        done[slot] = true;
      }
    });
    var last = word.charAt(word.length - 1);
    if (word.length > 3 && last === word.charAt(word.length - 2) && k.vowels.indexOf(last) < 0) {
      word = word.slice(0, -1);  /* a loanword's double end: процесс, процесі */
    }
    return word;
  }

  /* word without the longest ending of slot that may follow what it leaves, or null. */
  function kazakhCut(word, slot, kept, k, third) {
    for (var i = 0; i < k.endings.length; i++) {
      var e = k.endings[i], ending = e[1];
      if (e[0] !== slot || !endsWith(word, ending) || (third && k.third.indexOf(ending) < 0)) {
        continue;
      }
      var stem = word.slice(0, word.length - ending.length);
      if (kept && stem === kept) { return kept; }
      if (!kazakhHarmonic(stem, e[4], k)) { continue; }
      if (e[3]) {
        var owner = kazakhCut(stem, k.possessive, kept, k, true);
        if (owner !== null) { return owner; }
      }
      if (kazakhFollows(stem, e[2]) && kazakhMayLeave(stem, kept.length, k)) {
        return kazakhVoice(stem, ending, k);
      }
    }
    return null;
  }

  /* Whether an ending of this harmony ("b", "f", "") may follow stem's last vowel. */
  function kazakhHarmonic(stem, harmony, k) {
    var vowel = "";
    for (var i = stem.length - 1; i >= 0 && !vowel; i--) {
      if (k.vowels.indexOf(stem.charAt(i)) >= 0) { vowel = stem.charAt(i); }
    }
    return !vowel || !(harmony === "b" && k.front.indexOf(vowel) >= 0 ||
                       harmony === "f" && k.back.indexOf(vowel) >= 0);
  }

  /* Whether stem ends in one of letters (a soft or hard sign is skipped). */
  function kazakhFollows(stem, letters) {
    stem = stem.replace(/[ьъ]+$/, "");
    return stem.length > 0 && letters.indexOf(stem.charAt(stem.length - 1)) >= 0;
  }

  /* Whether an ending may leave stem: long enough, with a vowel, not inside a kept stem. */
  function kazakhMayLeave(stem, floor, k) {
    var longEnough = stem.length >= k.min_stem || k.short.indexOf(stem) >= 0;
    var vowel = stem.split("").some(function (c) { return k.vowels.indexOf(c) >= 0; });
    return longEnough && stem.length >= floor && vowel;
  }

  /* stem before no vowel: a final г, б voiced before -ы/-і back to к, п. */
  function kazakhVoice(stem, ending, k) {
    var last = stem.charAt(stem.length - 1);
    var voiced = Object.prototype.hasOwnProperty.call(k.voicing, last);
    if ((ending === "ы" || ending === "и") && voiced) { return stem.slice(0, -1) + k.voicing[last]; }
    return stem;
  }

  /* The terms of one token of a text: its stem; a compound's parts' and whole's. */
  function wordTerms(token, stem) {
    var parts = fold(token).split(HYPHENS);
    var words = parts.length > 1 ? parts.filter(function (p) { return p.length >= MIN_TOKEN; }) : [];
    var whole = parts.join("");
    if (whole.length >= MIN_TOKEN) { words.push(whole); }
    return words.map(stem);
  }

  /* Every term of a text, in order. */
  function textTerms(text, stem) {
    var out = [];
    (text.match(TOKEN) || []).forEach(function (token) {
      Array.prototype.push.apply(out, wordTerms(token, stem));
    });
    return out;
  }

  /* Each word of a query as [term, prefix], a compound as a whole; only the word being
     typed (the last, if the query ends in it) has a prefix: its letters, not its stem. */
  function queryWords(query, stem, spell) {
    var tokens = [], token = new RegExp(TOKEN.source, "gu"), match;
    while ((match = token.exec(query)) !== null) { tokens.push(match); }
    var last = tokens[tokens.length - 1];
    var typing = last && last.index + last[0].length === query.length ? last : null;
    var out = [];
    tokens.forEach(function (t) {
      var word = spell(fold(t[0]).replace(HYPHENS, ""));
      if (word.length >= MIN_TOKEN) {
        out.push([stem(word), t === typing && word.length >= MIN_PREFIX ? word : ""]);
      }
    });
    return out;
  }

  /* Whether a text's term matches a query word [term, prefix]. */
  function matches(term, word) {
    return term === word[0] || (word[1] !== "" && term.lastIndexOf(word[1], 0) === 0);
  }

  window.reportsiteWords = {
    fold: fold, makeSpell: makeSpell, makeStem: makeStem, wordTerms: wordTerms,
    textTerms: textTerms, queryWords: queryWords, matches: matches, TOKEN: TOKEN
  };
}());
