// Tables that scroll sideways (Material wraps every table in .md-typeset__scrollwrap): while a
// table is wider than its column, its wrapper takes keyboard focus, so it can be scrolled with
// the arrow keys, and is a region named after the table for screen readers.
(function () {
  "use strict";
  // The table's name: its caption, else the nearest heading or bold caption line before it.
  function caption(wrap) {
    const table = wrap.querySelector("table");
    if (table && table.caption) return table.caption.textContent.trim();
    for (let node = wrap; node && !node.matches(".md-content"); node = node.parentElement) {
      for (let el = node.previousElementSibling; el; el = el.previousElementSibling) {
        if (/^H[1-6]$/.test(el.tagName)) return el.textContent.replace(/¶/g, "").trim();
        const bold = el.tagName === "P" && el.firstElementChild;
        if (bold && bold.tagName === "STRONG") return bold.textContent.trim();
      }
    }
    return "";
  }
  function update(wrap) {
    if (!wrap) return;
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      const name = caption(wrap);
      wrap.setAttribute("aria-label", name ? "Tabel: " + name : "Tabel");
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }
  let observer = null;
  function init() {
    if (observer) observer.disconnect();
    if (!window.ResizeObserver) return;
    observer = new ResizeObserver((entries) =>
      entries.forEach((e) => update(e.target.closest(".md-typeset__scrollwrap"))));
    document.querySelectorAll(".md-typeset table").forEach((t) => observer.observe(t));
    updateAll();
  }
  function updateAll() {
    document.querySelectorAll(".md-typeset table").forEach((t) => update(t.closest(".md-typeset__scrollwrap")));
  }
  window.addEventListener("resize", updateAll);
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();

// The skip link ("Gå til indholdet"): with Material's instant navigation the click reloads the
// page content in place, and keyboard focus was left on the page itself, so the next Tab went
// back to the header. Focus the link's target (again once Material has swapped the content
// in), so the skip link really skips the header and the navigation.
(function () {
  "use strict";
  let pending = null; // {id, until}: a skip asked for in the last moments
  function focusTarget() {
    if (!pending || Date.now() > pending.until) return;
    const target = document.getElementById(pending.id);
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }
  document.addEventListener("click", (event) => {
    const skip = event.target instanceof Element && event.target.closest(".md-skip");
    if (!skip) return;
    const id = decodeURIComponent(new URL(skip.href, location.href).hash.slice(1));
    if (!id) return;
    pending = { id: id, until: Date.now() + 3000 };
    setTimeout(focusTarget);
  });
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(() => setTimeout(() => { focusTarget(); pending = null; }));
  }
})();
