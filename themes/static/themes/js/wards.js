// Keeps an address form's ward list in step with its province (the server checks the pair anyway).
(function () {
  document.querySelectorAll("select[data-wards-url]").forEach(function (province) {
    var ward = document.getElementById(province.dataset.wardsFor);
    if (!ward) { return; }
    province.addEventListener("change", function () {
      fetch(province.dataset.wardsUrl + "?province=" + encodeURIComponent(province.value))
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var first = ward.options[0];
          ward.innerHTML = "";
          ward.appendChild(first);
          data.wards.forEach(function (w) {
            var option = document.createElement("option");
            option.value = w.code;
            option.textContent = w.name;
            ward.appendChild(option);
          });
        });
    });
  });
})();
