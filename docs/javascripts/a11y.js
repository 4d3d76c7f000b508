// Tables that scroll sideways (Material wraps every table in .md-typeset__scrollwrap): while a
// table is wider than its column, its wrapper takes keyboard focus, so it can be scrolled with
// the arrow keys, and is a named region for screen readers. Wrappers inside a region of our
// own (.mh-scroll, e.g. the Ressourceberegner) are left alone.
(function () {
  "use strict";
  function heading(wrap) {
    let el = wrap.previousElementSibling;
    while (el && !/^H[1-6]$/.test(el.tagName)) el = el.previousElementSibling;
    const text = el ? el.textContent.replace(/¶/g, "").trim() : "";
    return text ? "Tabel: " + text : "Tabel";
  }
  function update(wrap) {
    if (!wrap || wrap.closest(".mh-scroll")) return;
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      if (!wrap.hasAttribute("aria-label")) wrap.setAttribute("aria-label", heading(wrap));
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
    document.querySelectorAll(".md-typeset table").forEach((t) => update(t.closest(".md-typeset__scrollwrap")));
  }
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
