/* The admin's autocomplete widgets (select2) draw controls of their own beside each
   <select> and give them no name a screen reader can announce; tabular inlines have
   header cells with nothing in them. Name each from what the page already says: the
   field's <label>, or the aria-label the desk puts on a row's fields. */
"use strict";
(function () {
  function nameOf(select) {
    const given = select.getAttribute("aria-label");
    if (given) return given;
    const label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
  }

  function nameSelect2(container) {
    const select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    const name = nameOf(select);
    const named = ".select2-selection, .select2-search__field, .select2-selection__rendered[role]";
    container.querySelectorAll(named).forEach(function (el) {
      if (el.getAttribute("aria-label") === name) return;
      el.setAttribute("aria-label", name);
      el.removeAttribute("aria-labelledby");
    });
    // select2 puts its "clear" button straight inside the list of choices, where only
    // list items belong; it works as well just before the list.
    container.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach(
      function (el) { el.parentElement.before(el); }
    );
  }

  function fillEmptyHeaders(root) {
    root.querySelectorAll(".tabular thead th").forEach(function (th) {
      if (th.textContent.trim()) return;
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = th.classList.contains("original") ? "Row" : "Remove";
      th.appendChild(hidden);
    });
  }

  function sweep() {
    document.querySelectorAll(".select2-container").forEach(nameSelect2);
  }

  document.addEventListener("DOMContentLoaded", function () {
    fillEmptyHeaders(document);
    sweep();
    // select2 redraws its controls as choices change, and new inline rows bring new ones.
    new MutationObserver(sweep).observe(document.body, { childList: true, subtree: true });
  });
})();
