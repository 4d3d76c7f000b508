// Ressourceberegner: the same arithmetic as handbook/calculators.py, run on the tool page.
(function () {
  "use strict";
  const RETTIDIG = 4;
  const GENERAL = [4, 6, 12];
  const INTENSIVE = [24, 12, 6];
  const fmt = (n) => Number.isFinite(n) ? Math.round(n).toLocaleString("da-DK") : "–";
  const fteFmt = (n) => Number.isFinite(n) ? n.toLocaleString("da-DK", { maximumFractionDigits: 1 }) : "–";

  function compute(v) {
    const perFte = (perDay) => perDay * v.days_per_week * v.weeks_per_fte;
    const fte = (total) => perFte(v.per_day) > 0 ? Math.ceil((total / perFte(v.per_day)) * 10) / 10 : NaN;
    const share = v.intensive_pct / 100;
    const timely = Math.round(v.citizens * (1 - share) * RETTIDIG);
    return {
      general: GENERAL.map((f) => Math.round(v.citizens * f)),
      intensive: INTENSIVE.map((f) => Math.round(v.citizens * share * f)),
      timely: timely,
      fte: fte,
      perFte: perFte,
    };
  }

  function update(form) {
    const read = (name) => Math.max(0, parseFloat(form.elements[name].value.replace(",", ".")) || 0);
    const v = {
      citizens: read("citizens"), days_per_week: Math.min(7, read("days_per_week")),
      weeks_per_fte: read("weeks_per_fte"), intensive_pct: Math.min(100, read("intensive_pct")),
      per_day: read("per_day"),
    };
    const r = compute(v);
    const out = document.querySelector('[data-calc-out="ressourceberegner"]');
    const set = (key, text) => { const el = out.querySelector('[data-out="' + key + '"]'); if (el) el.textContent = text; };
    r.general.forEach((total, i) => { set("general-" + i, fmt(total)); set("general-fte-" + i, fteFmt(r.fte(total))); });
    r.intensive.forEach((n, i) => {
      const total = n + r.timely;
      set("int-" + i, fmt(n)); set("timely-" + i, fmt(r.timely));
      set("total-" + i, fmt(total)); set("int-fte-" + i, fteFmt(r.fte(total)));
    });
    for (let perDay = 1; perDay <= 8; perDay++) {
      for (let f = 1; f <= 9; f++) set("cap-" + perDay + "-" + f, fmt(r.perFte(perDay) * f));
    }
  }

  function init() {
    document.querySelectorAll('form[data-calc="ressourceberegner"]').forEach((form) => {
      form.addEventListener("input", () => update(form));
      update(form);
    });
  }
  // Material's instant navigation swaps pages without reloading: hook into its observable.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
