// Refreshes a list in place: an element with data-refresh="SECONDS" is
// fetched again from the page's own address that often and replaced by
// the new one, unless someone is typing in it (a focused field, or text
// in a textarea), so a dispatcher's half-written note is never lost.
// Without JavaScript the page is the same, only as fresh as its last load.
(function () {
  "use strict";
  var region = document.querySelector("[data-refresh]");
  if (!region || !window.fetch || !window.DOMParser) return;
  var seconds = Math.max(5, parseInt(region.getAttribute("data-refresh"), 10) || 15);

  function busy() {
    if (region.contains(document.activeElement) && document.activeElement !== region) return true;
    var fields = region.querySelectorAll("textarea, input[type=text]");
    for (var i = 0; i < fields.length; i++) if (fields[i].value) return true;
    return false;
  }

  function refresh() {
    if (document.hidden || busy()) return;
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (text) {
        if (!text || busy()) return;
        var fresh = new DOMParser().parseFromString(text, "text/html").getElementById(region.id);
        if (fresh) region.innerHTML = fresh.innerHTML;
      })
      .catch(function () { /* offline for a moment: the next round tries again */ });
  }

  window.setInterval(refresh, seconds * 1000);
})();
