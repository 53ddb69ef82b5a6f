// chatcredit dashboard: keyboard use of the queues. j/k move through a queue's rows,
// Enter opens the selected one; on an item, u/d/e choose uphold/dismiss/escalate and put
// the cursor in the reason, Ctrl+Enter decides, n goes to the next item.
(function () {
  "use strict";
  function typing(e) {
    var t = e.target.tagName;
    return t === "INPUT" || t === "TEXTAREA" || t === "SELECT";
  }
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-nav=rows] tbody tr[data-href]"));
  var at = -1;
  function select(i) {
    if (!rows.length) return;
    if (at >= 0) rows[at].classList.remove("selected");
    at = Math.max(0, Math.min(rows.length - 1, i));
    rows[at].classList.add("selected");
    var link = rows[at].querySelector("a.item-link");
    if (link) link.focus();
  }
  var outcomes = { u: "uphold", d: "dismiss", e: "escalate" };
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      var form = document.getElementById("decide") || document.getElementById("decide-appeal");
      if (form) { e.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (rows.length && (e.key === "j" || e.key === "k")) { e.preventDefault(); select(at + (e.key === "j" ? 1 : -1)); }
    else if (rows.length && e.key === "Enter" && at >= 0) { window.location = rows[at].dataset.href; }
    else if (outcomes[e.key] && document.getElementById("decide")) {
      var radio = document.querySelector("#decide input[value=" + outcomes[e.key] + "]");
      if (radio) { e.preventDefault(); radio.checked = true; document.getElementById("reason").focus(); }
    } else if (e.key === "n" && document.getElementById("next")) { window.location = document.getElementById("next").href; }
  });
})();
