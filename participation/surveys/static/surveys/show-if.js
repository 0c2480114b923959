// Progressive enhancement: hide a question that only applies to some answers until that
// answer is chosen. Without JavaScript every question shows, with a note saying when to answer it.
(function () {
    "use strict";
    function groupOf(input) {
        return input.closest(".field") || input.parentElement;
    }
    function update(form) {
        form.querySelectorAll("[data-show-if-question]").forEach(function (dependent) {
            var name = dependent.getAttribute("data-show-if-question");
            var choice = dependent.getAttribute("data-show-if-choice");
            var chosen = Array.prototype.some.call(
                form.querySelectorAll('input[name="' + name + '"]'),
                function (input) { return input.checked && input.value === choice; }
            );
            var group = groupOf(dependent);
            if (group) { group.hidden = !chosen; }
        });
    }
    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("form.survey-form").forEach(function (form) {
            update(form);
            form.addEventListener("change", function () { update(form); });
        });
    });
})();
