/* The dashboard's rich-text editor (Oscar's TinyMCE) speaks the page's language: Vietnamese from
   themes/js/tinymce-vi.js when the page is in Vietnamese. Oscar's own options stay as they are. */
(function () {
    if (!window.oscar || !oscar.dashboard || !document.currentScript) return;
    var words = document.currentScript.dataset.vietnamese;
    var init = oscar.dashboard.init;
    oscar.dashboard.init = function (options) {
        var code = (options && options.languageCode) || document.documentElement.lang || "";
        if (code.indexOf("vi") === 0) {
            options = $.extend(true, {tinyConfig: {language: "vi", language_url: words}}, options);
        }
        return init.call(this, options);
    };
})();
