/* kitgen slide decks (slides.html): one slide at a time, the counter,
 * keys (arrows, Page Up/Down, Home, End; F full screen; N the speaker
 * notes in a second window), swipes and the buttons. Slide n is #n in
 * the address. Works from file://; without it the slides stack. */
(function () {
  "use strict";
  var root = document.documentElement;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  var counter = document.querySelector(".counter");
  var prev = document.querySelector(".deck-nav .prev");
  var next = document.querySelector(".deck-nav .next");
  if (!slides.length || !counter) return;
  var rtl = root.dir === "rtl";
  var number = new Intl.NumberFormat(root.lang || undefined);
  var current = 0;
  var notesWindow = null;

  function notesOf(i) {
    return slides[i].querySelector(".notes");
  }

  function showNotes() {
    if (!notesWindow || notesWindow.closed) return;
    var d = notesWindow.document;
    var box = d.getElementById("kitgen-notes");
    var label = d.getElementById("kitgen-notes-counter");
    if (!box || !label) return;
    label.textContent = counter.textContent;
    while (box.firstChild) box.removeChild(box.firstChild);
    var heading = slides[current].querySelector("h1, h2");
    if (heading) box.appendChild(d.importNode(heading, true));
    var notes = notesOf(current);
    if (notes) {
      var copy = d.importNode(notes, true);
      copy.hidden = false;
      box.appendChild(copy);
    }
  }

  function show(i) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, k) { s.hidden = k !== current; });
    counter.textContent = number.format(current + 1) + " / " + number.format(slides.length);
    prev.disabled = current === 0;
    next.disabled = current === slides.length - 1;
    try { history.replaceState(null, "", "#" + (current + 1)); } catch (e) { /* file:// in some browsers */ }
    showNotes();
  }

  function openNotes() {
    notesWindow = window.open("", "kitgen-notes", "width=760,height=520");
    if (!notesWindow) return;
    var d = notesWindow.document;
    d.title = document.title;
    d.documentElement.lang = root.lang;
    d.documentElement.dir = root.dir;
    while (d.head.firstChild) d.head.removeChild(d.head.firstChild);
    while (d.body.firstChild) d.body.removeChild(d.body.firstChild);
    var meta = d.createElement("meta");
    meta.setAttribute("charset", "utf-8");
    d.head.appendChild(meta);
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
      var copy = d.createElement("link");
      copy.rel = "stylesheet";
      copy.href = l.href;
      d.head.appendChild(copy);
    });
    d.body.className = "notes-window";
    var label = d.createElement("p");
    label.id = "kitgen-notes-counter";
    label.className = "counter";
    var box = d.createElement("div");
    box.id = "kitgen-notes";
    d.body.appendChild(label);
    d.body.appendChild(box);
    d.addEventListener("keydown", onKey);
    showNotes();
  }

  function fullScreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (root.requestFullscreen) root.requestFullscreen();
  }

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    switch (e.key) {
      case "ArrowRight": case "PageDown": case " ": show(current + 1); break;
      case "ArrowLeft": case "PageUp": show(current - 1); break;
      case "Home": show(0); break;
      case "End": show(slides.length - 1); break;
      case "f": case "F": fullScreen(); break;
      case "n": case "N": openNotes(); break;
      default: return;
    }
    e.preventDefault();
  }

  var touchX = null;
  document.addEventListener("touchstart", function (e) {
    touchX = e.changedTouches.length === 1 ? e.changedTouches[0].clientX : null;
  }, { passive: true });
  document.addEventListener("touchend", function (e) {
    if (touchX === null || !e.changedTouches.length) return;
    var dx = e.changedTouches[0].clientX - touchX;
    touchX = null;
    if (Math.abs(dx) < 50) return;
    /* Swiping moves the slide the way the text reads: towards the start. */
    show(current + ((dx < 0) !== rtl ? 1 : -1));
  });
  document.addEventListener("keydown", onKey);
  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  root.classList.add("js");
  prev.hidden = next.hidden = counter.hidden = false;
  var start = parseInt(location.hash.slice(1), 10);
  show(start > 0 ? start - 1 : 0);
})();
