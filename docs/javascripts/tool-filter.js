// Tool index filter: chips toggle tags; a tool shows when it (or a tool inside it) has every
// chosen tag. Entries are found by their .mh-tool marker wherever Markdown put it
// (li > .mh-tool in a tight list, li > p > .mh-tool in a loose one).
(function () {
  "use strict";
  function entries() {
    return [...document.querySelectorAll(".md-content .mh-tool")]
      .map((tool) => ({ tool, li: tool.closest("li") }))
      .filter((e) => e.li);
  }
  function apply(root) {
    const chosen = [...root.querySelectorAll(".mh-chip[aria-pressed='true']")].map((b) => b.dataset.filter);
    const all = entries();
    const own = new Map(all.map((e) => [e.li, e.tool]));
    const matches = (li) => {
      const tags = (own.get(li).dataset.tags || "").split(/\s+/);
      return chosen.every((c) => tags.includes(c));
    };
    // An entry shows if it matches or any entry nested inside it does.
    const visible = (li) => matches(li) || [...li.querySelectorAll("li")].some((x) => own.has(x) && matches(x));
    let shown = 0;
    all.forEach(({ li }) => {
      const show = chosen.length === 0 || visible(li);
      li.hidden = !show;
      if (show && matches(li)) shown += 1;
    });
    document.querySelectorAll(".md-content h2").forEach((h2) => {
      const list = h2.nextElementSibling;
      if (list && (list.tagName === "UL" || list.tagName === "OL")) {
        h2.hidden = [...list.children].every((li) => li.hidden);
      }
    });
    const status = root.querySelector(".mh-filter-status");
    const empty = root.querySelector(".mh-filter-empty");
    if (empty) empty.hidden = !(chosen.length > 0 && shown === 0);
    if (status) {
      // The live region speaks every change; with no match the visible message below
      // says it, so the region's own text is then for screen readers only.
      status.textContent = chosen.length === 0 ? ""
        : shown === 0 ? "Ingen redskaber passer til filtrene."
        : `${shown} ${shown === 1 ? "redskab passer" : "redskaber passer"} til filtrene.`;
      status.classList.toggle("mh-sr-only", chosen.length > 0 && shown === 0);
    }
  }
  function init() {
    const root = document.querySelector(".mh-filter");
    if (!root) return;
    const chips = root.querySelectorAll(".mh-chip");
    chips.forEach((chip) => {
      chip.setAttribute("aria-pressed", "false");
      chip.addEventListener("click", () => {
        chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
        apply(root);
      });
    });
    const reset = root.querySelector(".mh-filter-reset");
    if (reset) {
      reset.addEventListener("click", () => {
        chips.forEach((chip) => chip.setAttribute("aria-pressed", "false"));
        apply(root);
        if (chips[0]) chips[0].focus();
      });
    }
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
