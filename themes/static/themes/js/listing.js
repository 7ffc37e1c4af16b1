// Product listings: a new sort order or a ticked filter applies at once; the buttons stay for
// keyboards and browsers without JavaScript. (A static file: the Content-Security-Policy runs no
// inline script.)
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches("#id_sort_by, .facets input[type=checkbox]")) {
    field.form.submit();
  }
});
