// The live auction page, following the auction's WebSocket (docs/live-auction.md).
// Without JavaScript the page refreshes itself every two seconds instead (but
// not while it is the reader's turn: a refresh would wipe a half-typed bid); with
// it, each change the socket announces is fetched as the same server-rendered
// page and its live parts swapped in, so the text stays in the reader's
// language and the server stays the only judge of whose turn it is.
(function () {
  // #live while the auction runs; #live-watch while bids are taken, so the page becomes the auction at the deadline.
  var live = document.getElementById("live") || document.getElementById("live-watch");
  if (!live || !window.WebSocket || !window.fetch || !window.DOMParser) return;
  var path = live.getAttribute("data-socket");
  var offset = 0; // server clock minus ours, from each state message
  var retry = 1000;
  var loading = false, again = false;

  function countdown() {
    var node = document.querySelector("#live .countdown");
    if (!node) return;
    var until = Date.parse(node.getAttribute("data-until"));
    if (isNaN(until)) return;
    var seconds = Math.max(0, Math.ceil((until - (Date.now() + offset)) / 1000));
    node.textContent = node.getAttribute("data-template").replace("{seconds}", seconds);
  }

  function swap(fresh, id) {
    var now = document.getElementById(id), next = fresh.getElementById(id);
    if (now && next) now.replaceWith(next);
  }

  // One fetch at a time; changes that arrive meanwhile cost one more fetch, not one each.
  function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    fetch(window.location.pathname + window.location.search, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, "text/html");
        // The auction began (or ended): the page changes shape, so load it whole.
        if (!fresh.getElementById("live") !== !document.getElementById("live")) { window.location.reload(); return; }
        if (!fresh.getElementById("live")) return;
        swap(fresh, "lot-status");
        swap(fresh, "live-stage");
        // Only a new stage is spoken (the status region), never the ticking countdown.
        var status = document.getElementById("live-status"), said = fresh.getElementById("live-status");
        if (status && said && status.textContent !== said.textContent) status.textContent = said.textContent;
        swap(fresh, "live-standings");
        // A half-typed bid survives updates within the same turn.
        var forms = document.getElementById("live-forms"), next = fresh.getElementById("live-forms");
        if (forms && next && forms.getAttribute("data-turn") !== next.getAttribute("data-turn")) forms.replaceWith(next);
        countdown();
      })
      .catch(function () {})
      .then(function () {
        loading = false;
        if (again) { again = false; refresh(); }
      });
  }

  function connect() {
    var socket = new WebSocket((window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + path);

    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type !== "state") return;
      retry = 1000; // a working connection: the next drop starts the back-off afresh
      var server = Date.parse(message.serverTime);
      if (!isNaN(server)) offset = server - Date.now();
      refresh();
    };
    // A dropped connection comes back, and its first message brings the page up to date.
    socket.onclose = function () {
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }

  setInterval(countdown, 1000);
  connect();
})();
