// The seller centre's picture inputs: the chosen file's name is written beside its button, and a
// file that is not a picture is said at once (the server refuses it too). No inline handlers: the
// Content-Security-Policy refuses them.
(function () {
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.closest || input.type !== "file" || !input.closest(".picture-input")) { return; }
    var name = input.closest(".picture-input").querySelector(".picture-input-name");
    var file = input.files && input.files[0];
    if (name) { name.textContent = file ? file.name : name.dataset.none; }
    if (file && file.type && file.type.indexOf("image/") !== 0) {
      window.alert(input.closest(".picture-input").dataset.notPicture);
    }
  });
})();
