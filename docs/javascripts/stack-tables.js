// Tables in a .mh-stack wrapper become one card per row on phones (see extra.css); each
// cell gets its column heading as data-label, shown before the value in the card.
(function () {
  "use strict";
  function label() {
    document.querySelectorAll(".mh-stack table").forEach((table) => {
      const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
      table.querySelectorAll("tbody tr").forEach((tr) => {
        [...tr.children].forEach((cell, i) => {
          if (!cell.dataset.label && heads[i]) cell.dataset.label = heads[i];
        });
      });
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(label);
  else document.addEventListener("DOMContentLoaded", label);
})();
