// The seller centre's image inputs: once a chosen picture shows, its upload button hides; a file
// that is no picture brings the button back with a message. (Oscar did this in inline handlers,
// which the Content-Security-Policy refuses.) Load and error events do not bubble: listen while
// they are captured.
(function () {
  function button(img) {
    return document.getElementById(img.dataset.uploadButton);
  }
  document.addEventListener("load", function (event) {
    var img = event.target;
    if (img.dataset && img.dataset.uploadButton && button(img)) { button(img).style.display = "none"; }
  }, true);
  document.addEventListener("error", function (event) {
    var img = event.target;
    if (img.dataset && img.dataset.uploadButton && img.getAttribute("src") && button(img)) {
      button(img).style.display = "";
      window.alert(img.dataset.errorMessage);
    }
  }, true);
})();
