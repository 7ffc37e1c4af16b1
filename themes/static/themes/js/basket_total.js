/* The basket page changes quantities without reloading (Oscar's oscar.basket): after each change
   the header's basket button is given the words the server sent with the new basket. */
(function () {
    if (!window.oscar || !oscar.basket) return;
    var done = oscar.basket.submitFormSuccess;
    oscar.basket.submitFormSuccess = function (data) {
        done.apply(this, arguments);
        var fresh = document.getElementById("basket-button-now");
        if (!fresh) return;
        document.querySelectorAll(".btn-cart").forEach(function (button) {
            button.replaceChildren(fresh.content.cloneNode(true));
        });
    };
})();
