// Tool index filter: chips toggle tags; a tool shows when it (or a child) has every chosen tag.
(function () {
  "use strict";
  function apply(root) {
    const chosen = [...root.querySelectorAll(".mh-chip[aria-pressed='true']")].map((b) => b.dataset.filter);
    const items = [...document.querySelectorAll(".md-content li")].filter((li) => li.querySelector(":scope > .mh-tool"));
    const matches = (li) => {
      const tags = (li.querySelector(":scope > .mh-tool").dataset.tags || "").split(" ");
      return chosen.every((c) => tags.includes(c));
    };
    const visible = (li) => matches(li) || [...li.querySelectorAll(":scope > ul > li")].some(visible);
    items.forEach((li) => { li.hidden = chosen.length > 0 && !visible(li); });
    document.querySelectorAll(".md-content h2").forEach((h2) => {
      const list = h2.nextElementSibling;
      if (list && list.tagName === "UL") h2.hidden = [...list.children].every((li) => li.hidden);
    });
  }
  function init() {
    const root = document.querySelector(".mh-filter");
    if (!root) return;
    root.querySelectorAll(".mh-chip").forEach((chip) => {
      chip.setAttribute("aria-pressed", "false");
      chip.addEventListener("click", () => {
        chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
        apply(root);
      });
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
