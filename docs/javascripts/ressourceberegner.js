// Ressourceberegner: the same arithmetic as handbook/calculators.py, run on the tool page.
// Numbers are read the Danish way ("12,5", "1.000"), as calculators.parse_number does; each
// field's limits come from the page (data-min, data-max, data-whole, data-positive), which
// renders them from calculators.FIELDS. A field that cannot be read shows why, next to it.
(function () {
  "use strict";
  const RETTIDIG = 4;
  const GENERAL = [4, 6, 12];
  const INTENSIVE = [24, 12, 6];
  const fmt = (n) => Number.isFinite(n) ? Math.round(n).toLocaleString("da-DK") : "–";
  const fteFmt = (n) => Number.isFinite(n) ? n.toLocaleString("da-DK", { maximumFractionDigits: 1 }) : "–";
  const danish = (n) => n.toLocaleString("da-DK", { maximumFractionDigits: 2 });

  // calculators.parse_decimal: comma is the decimal sign; dots group thousands when they
  // group digits in threes ("1.000"), otherwise a single dot is a decimal point.
  const DIGITS = /^\d+$/;
  const GROUPED = /^\d{1,3}(\.\d{3})+$/;
  function parseDecimal(text) {
    let s = String(text).trim().replace(/[\u00a0 ]/g, "");
    let sign = 1;
    if (s.startsWith("-")) { sign = -1; s = s.slice(1); }
    if (!s) return null;
    if (s.includes(",")) {
      const i = s.indexOf(",");
      let whole = s.slice(0, i);
      const frac = s.slice(i + 1);
      if (frac.includes(",") || !DIGITS.test(frac) || !whole) return null;
      if (whole.includes(".")) {
        if (!GROUPED.test(whole)) return null;
        whole = whole.replace(/\./g, "");
      }
      if (!DIGITS.test(whole)) return null;
      return sign * parseFloat(whole + "." + frac);
    }
    if (GROUPED.test(s)) return sign * parseFloat(s.replace(/\./g, ""));
    const parts = s.split(".");
    if (parts.length > 2 || !DIGITS.test(parts[0]) || (parts.length === 2 && !DIGITS.test(parts[1]))) return null;
    return sign * parseFloat(s);
  }

  // calculators.parse_number: the value, or an error with the message shown at the field.
  function parseNumber(text) {
    if (!String(text).trim()) throw new Error("Skriv et tal.");
    const value = parseDecimal(text);
    if (value === null) throw new Error("Skriv et tal, fx 12 eller 12,5.");
    return value;
  }

  function checkField(input) {
    const value = parseNumber(input.value);
    const min = parseFloat(input.dataset.min || "0");
    const positive = input.hasAttribute("data-positive");
    if (input.hasAttribute("data-whole") && value !== Math.trunc(value)) throw new Error("Skriv et helt tal.");
    if (value < min || (positive && value === min)) {
      throw new Error("Skal være " + (positive ? "større end " : "mindst ") + danish(min) + ".");
    }
    if (input.dataset.max !== undefined && value > parseFloat(input.dataset.max)) {
      throw new Error("Må højst være " + danish(parseFloat(input.dataset.max)) + ".");
    }
    return value;
  }

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

  function read(form) {
    const v = {};
    let bad = 0;
    [...form.querySelectorAll("input[name]")].forEach((input) => {
      const error = document.getElementById(input.id + "-error");
      try {
        v[input.name] = checkField(input);
        input.removeAttribute("aria-invalid");
        if (error) error.textContent = "";
      } catch (e) {
        v[input.name] = NaN;
        bad += 1;
        input.setAttribute("aria-invalid", "true");
        if (error) error.textContent = e.message;
      }
    });
    return { v, bad };
  }

  function update(form) {
    const { v, bad } = read(form);
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
    const status = out.querySelector(".mh-calc-status");
    if (status) {
      status.textContent = bad === 0 ? ""
        : bad === 1 ? "Et felt kan ikke læses. Ret det markerede felt, så regner siden igen."
        : bad + " felter kan ikke læses. Ret de markerede felter, så regner siden igen.";
    }
  }

  function init() {
    document.querySelectorAll('form[data-calc="ressourceberegner"]').forEach((form) => {
      form.addEventListener("input", () => update(form));
      update(form);
    });
  }
  // For the tests: the number rules, to compare with calculators.parse_number/check_field.
  window.mhRessourceberegner = { parseNumber: parseNumber, checkField: checkField };
  // Material's instant navigation swaps pages without reloading: hook into its observable.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
