// Keeps an address form's ward list in step with its province (the server checks the pair anyway).
// The chosen ward stays chosen whenever the list that arrives has it: after a form error, when the
// browser restores a page, or when answers come back out of order. Ward codes are unique across
// the country, so only a real change of province drops it.
(function () {
  document.querySelectorAll("select[data-wards-url]").forEach(function (province) {
    var ward = document.getElementById(province.dataset.wardsFor);
    if (!ward) { return; }
    var listed = ward.dataset.wardsProvince || province.value;  // the province the list is for
    var asked = 0;

    function fill(wards, chosen) {
      var first = ward.options[0];
      ward.innerHTML = "";
      ward.appendChild(first);
      wards.forEach(function (w) {
        var option = document.createElement("option");
        option.value = w.code;
        option.textContent = w.name;
        option.selected = String(w.code) === chosen;
        ward.appendChild(option);
      });
    }

    function sync() {
      var wanted = province.value;
      if (wanted === listed) { return; }
      var ticket = ++asked;
      fetch(province.dataset.wardsUrl + "?province=" + encodeURIComponent(wanted))
        .then(function (r) { return r.json(); })
        .then(function (data) {
          // Only the answer for the province chosen last may fill the list.
          if (ticket !== asked || province.value !== wanted) { return; }
          listed = wanted;
          fill(data.wards, ward.value);
        });
    }

    province.addEventListener("change", sync);
    // A page restored from history may show another province than its ward list was made for.
    window.addEventListener("pageshow", sync);
    sync();
  });
})();
