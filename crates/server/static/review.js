// Keyboard shortcuts of the review queue. The page works without this file:
// it only moves a highlight and presses the buttons that are already there.
//   j / k  next / previous entry     a  approve it     r  reject it
//   x      tick it for the bulk form
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("article.queue-item"));
  if (items.length === 0) return;
  var current = -1;

  function select(i) {
    if (i < 0 || i >= items.length) return;
    if (current >= 0) items[current].classList.remove("current");
    current = i;
    items[i].classList.add("current");
    items[i].scrollIntoView({ block: "nearest" });
  }

  function press(selector) {
    if (current < 0) return;
    var el = items[current].querySelector(selector);
    if (el) el.click();
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) {
      return;
    }
    switch (e.key) {
      case "j": select(current + 1); break;
      case "k": select(current < 0 ? 0 : current - 1); break;
      case "a": press("button.approve"); break;
      case "r": press("button.reject"); break;
      case "x": press("input[type=checkbox][name=ids]"); break;
      default: return;
    }
    e.preventDefault();
  });
})();
