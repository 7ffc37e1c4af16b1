// Destructive and irreversible actions ask first: a button (or form) with data-confirm shows its
// sentence, in the page's language, and nothing is sent unless the person agrees.
document.addEventListener(
  "submit",
  function (event) {
    var button = event.submitter;
    var message =
      (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true
);
