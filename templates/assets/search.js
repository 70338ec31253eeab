/* kitgen offline search. The index (../search-index.js, loaded by a
 * <script> tag so that search works from file:// too) names its parts
 * (search-index/N.js beside it), loaded here by <script> tags only when
 * there is a query; together they list each page's
 * words as kitgen folded them: ICU word breaks, NFKC, lower case, and marks
 * removed after Latin, Greek, Cyrillic, Arabic and Hebrew letters (so
 * "pho" finds "phố"). The query is folded the same way here. No other
 * script runs on the site; pages work without JavaScript. */
(function () {
  "use strict";
  var optionalMarkBase = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}]/u;
  var mark = /\p{Mn}/u;
  var noSpaces = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}]/u;

  function fold(text) {
    var s = text.normalize("NFKC").toLowerCase().normalize("NFD");
    var out = "", base = "";
    for (var ch of s) {
      if (mark.test(ch)) {
        if (optionalMarkBase.test(base)) continue;
      } else {
        base = ch;
        if (ch === "\u0111") ch = "d";
      }
      out += ch;
    }
    return out.normalize("NFC");
  }

  function words(text, lang) {
    var folded = fold(text);
    if (typeof Intl !== "undefined" && Intl.Segmenter) {
      var seg = new Intl.Segmenter(lang, { granularity: "word" });
      var list = [];
      for (var part of seg.segment(folded)) if (part.isWordLike) list.push(part.segment);
      return list;
    }
    return folded.split(/[\s\p{P}]+/u).filter(Boolean);
  }

  function search(index, query) {
    var terms = words(query, index.lang);
    if (!terms.length) return [];
    var results = [];
    index.pages.forEach(function (page) {
      var list = page.w.split(" "), joined = list.join("");
      var score = 0, titleWords = fold(page.t);
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i], hit = 0;
        for (var k = 0; k < list.length; k++) {
          if (list[k] === t) { hit = 2; break; }
          if (!hit && list[k].indexOf(t) === 0) hit = 1;
        }
        /* Scripts without spaces: the browser may cut words differently
         * from ICU at build time, so accept the term inside the text. */
        if (!hit && noSpaces.test(t) && joined.indexOf(t) >= 0) hit = 1;
        if (!hit) return;
        score += hit + (titleWords.indexOf(t) >= 0 ? 3 : 0);
      }
      results.push({ page: page, score: score });
    });
    results.sort(function (a, b) { return b.score - a.score || (a.page.u < b.page.u ? -1 : 1); });
    return results;
  }

  /* Loads the parts the index names, then calls done({lang, pages}). A
   * part that fails to load is reported on the console; the rest still
   * give results. */
  function load(index, done) {
    if (index.pages) return done(index);
    var parts = index.parts || [], left = parts.length;
    var script = document.querySelector('script[src$="search-index.js"]');
    var base = script ? script.src : window.location.href;
    window.kitgenSearchParts = [];
    function loaded() {
      if (--left > 0) return;
      var pages = [];
      window.kitgenSearchParts.forEach(function (list) { pages = pages.concat(list); });
      done({ lang: index.lang, pages: pages });
    }
    if (!left) return done({ lang: index.lang, pages: [] });
    parts.forEach(function (rel) {
      var s = document.createElement("script");
      s.src = new URL(rel, base).href;
      s.onload = loaded;
      s.onerror = function () {
        if (window.console) console.warn("kitgen search: could not load " + s.src);
        loaded();
      };
      document.head.appendChild(s);
    });
  }

  function run() {
    var index = window.kitgenSearchIndex;
    var form = document.getElementById("search-form");
    var box = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!index || !form || !box) return;
    var params = new URLSearchParams(window.location.search);
    var query = params.get("q") || "";
    form.elements.q.value = query;
    if (!query) return;
    load(index, function (full) { show(full, query, box, status); });
  }

  function show(index, query, box, status) {
    var results = search(index, query);
    box.textContent = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "../" + r.page.u + (window.location.protocol === "file:" ? "index.html" : "");
      a.textContent = r.page.t;
      a.lang = r.page.l;
      li.appendChild(a);
      if (r.page.s) {
        var p = document.createElement("p");
        p.textContent = r.page.s;
        li.appendChild(p);
      }
      box.appendChild(li);
    });
    var template = results.length ? status.getAttribute("data-found") : status.getAttribute("data-none");
    status.textContent = template.replace("{n}", String(results.length)).replace("{query}", query);
  }

  window.kitgenSearch = { fold: fold, search: search, load: load };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
