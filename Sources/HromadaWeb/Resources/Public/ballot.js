// Live progress on the ballot: picks (or money) left in each category, and
// boxes beyond a category's limit greyed out. The page works without this;
// the server checks every rule again on review and on casting.
(function () {
  var form = document.getElementById("ballot");
  var words = document.getElementById("progress-words");
  if (!form || !words) return;
  var knapsack = form.hasAttribute("data-knapsack");
  var groups = form.querySelectorAll("fieldset.category");
  function money(kopiyky) {
    return (kopiyky / 100).toLocaleString(document.documentElement.lang || "uk", { maximumFractionDigits: 0 }) + "\u00a0" + words.getAttribute("data-currency");
  }
  function update() {
    groups.forEach(function (group) {
      var max = parseInt(group.getAttribute("data-max"), 10) || 0;
      var fund = parseInt(group.getAttribute("data-fund"), 10) || 0;
      var boxes = group.querySelectorAll("input[type=checkbox]");
      var picked = 0, spent = 0;
      boxes.forEach(function (box) { if (box.checked) { picked += 1; spent += parseInt(box.getAttribute("data-cost"), 10) || 0; } });
      var meter = group.querySelector("meter");
      var text = group.querySelector(".progress-text");
      if (knapsack) {
        meter.max = fund; meter.value = Math.min(spent, fund);
        text.textContent = words.getAttribute("data-money").replace("{spent}", money(spent)).replace("{left}", money(Math.max(0, fund - spent)));
        boxes.forEach(function (box) {
          box.disabled = !box.checked && spent + (parseInt(box.getAttribute("data-cost"), 10) || 0) > fund;
        });
      } else if (max > 0) {
        meter.value = picked;
        text.textContent = words.getAttribute(picked > max ? "data-over" : "data-picked").replace("{picked}", picked).replace("{max}", max);
        boxes.forEach(function (box) { box.disabled = !box.checked && picked >= max; });
      } else {
        meter.hidden = true;
        text.textContent = words.getAttribute("data-picked").replace("{picked}", picked).replace("{max}", "—");
      }
    });
  }
  form.addEventListener("change", update);
  update();
})();
