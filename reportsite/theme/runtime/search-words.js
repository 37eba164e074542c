/* The words of search: tokens, folding and stems, exactly as reportsite/stemming.py makes
   them at build time (tests/test_search.py runs both on every word of a site and compares).
   A classic script that search.js adds with the index; it defines window.reportsiteWords. */
(function () {
  "use strict";
  var TOKEN = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu;
  var HYPHENS = /[-\u2010\u2011]/g;
  var FOLD = { "ё": "е", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у",
               "ү": "у", "һ": "х", "і": "и" };
  var FOLDED = /[ёәғқңөұүһі]/g;
  var MIN_TOKEN = 2;

  function fold(word) {
    return word.normalize("NFC").toLowerCase().replace(FOLDED, function (c) { return FOLD[c]; });
  }

  /* The stemmer of an index: Kazakh endings (shipped in the index), Snowball, or none. */
  function makeStem(index) {
    if (index.stemmer === "kazakh") {
      var k = index.kazakh;
      return function (word) {
        for (var pass = 0; pass < k.passes; pass++) {
          var stripped = false;
          for (var i = 0; i < k.endings.length; i++) {
            var ending = k.endings[i];
            if (word.length - ending.length >= k.min_stem &&
                word.slice(-ending.length) === ending) {
              word = word.slice(0, -ending.length);
              stripped = true;
              break;
            }
          }
          if (!stripped) { break; }
        }
        return word;
      };
    }
    if (index.stemmer && window.snowballFactory) {
      var snowball = window.snowballFactory.newStemmer(index.stemmer);
      return function (word) { return snowball.stem(word); };
    }
    return function (word) { return word; };
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

  /* The terms of a query: one per word, a compound as a whole. */
  function queryTerms(query, stem) {
    var words = (query.match(TOKEN) || []).map(function (t) { return fold(t).replace(HYPHENS, ""); });
    return words.filter(function (w) { return w.length >= MIN_TOKEN; }).map(stem);
  }

  /* "term term2*3" (the index's counted terms) as the list MiniSearch counts. */
  function expandTerms(terms) {
    var out = [];
    terms.split(" ").forEach(function (entry) {
      var star = entry.lastIndexOf("*");
      var n = star > 0 ? parseInt(entry.slice(star + 1), 10) : 1;
      var term = star > 0 ? entry.slice(0, star) : entry;
      for (var i = 0; i < n; i++) { out.push(term); }
    });
    return out;
  }

  window.reportsiteWords = {
    fold: fold, makeStem: makeStem, wordTerms: wordTerms, queryTerms: queryTerms,
    textTerms: textTerms, expandTerms: expandTerms, TOKEN: TOKEN
  };
}());
