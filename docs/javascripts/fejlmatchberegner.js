// Fejlmatchberegner: the same parsing, checks and arithmetic as handbook/calculators.py
// (parse_decimal, validate_fejlmatch, fejlmatch). The fields' bounds come from the form.
(function () {
  "use strict";
  const GROUPED = /^\d{1,3}(\.\d{3})+$/;
  const DIGITS = /^\d+$/;

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

  const bound = (x) => Number.isInteger(x) ? x.toLocaleString("da-DK") : String(x).replace(".", ",");

  // fields: [{name, min, max, integer, required}], raw: {name: text}
  function validate(fields, raw) {
    const values = {}, errors = {};
    fields.forEach((f) => {
      const text = String(raw[f.name] || "").trim();
      if (!text) {
        values[f.name] = null;
        if (f.required) errors[f.name] = "Udfyld feltet.";
        return;
      }
      const n = parseDecimal(text);
      values[f.name] = n;
      if (n === null) errors[f.name] = "Skriv et tal, fx 12,5.";
      else if (f.integer && !Number.isInteger(n)) errors[f.name] = "Skriv et helt tal.";
      else if (n < f.min || n > f.max) errors[f.name] = "Skriv et tal mellem " + bound(f.min) + " og " + bound(f.max) + ".";
    });
    const pair = ["company_hours", "company_hour_cost"];
    const given = pair.filter((name) => String(raw[name] || "").trim());
    if (given.length === 1) {
      errors[given[0] === pair[0] ? pair[1] : pair[0]] = "Udfyld også dette felt, eller lad begge virksomhedsfelter stå tomme.";
    }
    const target = values.target_pct, fail = values.fail_pct;
    if (!("target_pct" in errors) && target != null && fail != null && !("fail_pct" in errors) && target >= fail) {
      errors.target_pct = "Målet skal være lavere end den nuværende andel fejlmatch.";
    }
    return { values, errors };
  }

  function compute(v) {
    const failed = v.match_count * v.fail_pct / 100;
    const hoursEach = v.hours_per_match + v.extra_hours;
    const ownEach = hoursEach * v.hour_cost;
    const companyEach = v.company_hours != null && v.company_hour_cost != null ? v.company_hours * v.company_hour_cost : null;
    const perFailed = ownEach + (companyEach || 0);
    return {
      failed: failed,
      own_hours: failed * hoursEach,
      own_cost: failed * ownEach,
      company_cost: companyEach === null ? null : failed * companyEach,
      total: failed * perFailed,
      per_failed: perFailed,
      saving: v.target_pct != null ? (failed - v.match_count * v.target_pct / 100) * perFailed : null,
    };
  }

  const num = (n, digits) => n.toLocaleString("da-DK", { maximumFractionDigits: digits });
  const kr = (n) => n === null ? "–" : num(Math.round(n), 0) + " kr.";

  function fieldsOf(form) {
    return Array.from(form.querySelectorAll("input[name]")).map((el) => ({
      name: el.name, min: parseFloat(el.dataset.min), max: parseFloat(el.dataset.max),
      integer: el.dataset.integer === "1", required: el.dataset.required === "1", el: el,
    }));
  }

  function update(form, touched) {
    const fields = fieldsOf(form);
    const raw = {};
    fields.forEach((f) => { raw[f.name] = f.el.value; });
    const r = validate(fields, raw);
    fields.forEach((f) => {
      // Show a field's message once the user has been in it (or asked for all).
      const msg = touched.has(f.name) || touched.has("*") ? (r.errors[f.name] || "") : "";
      const box = form.querySelector("#" + f.el.id + "-error");
      if (box && box.textContent !== msg) box.textContent = msg;
      if (msg) f.el.setAttribute("aria-invalid", "true"); else f.el.removeAttribute("aria-invalid");
    });
    const out = document.querySelector('[data-calc-out="fejlmatchberegner"]');
    const set = (key, text) => { const el = out.querySelector('[data-out="' + key + '"]'); if (el) el.textContent = text; };
    const bad = Object.keys(r.errors).length;
    if (bad) {
      ["failed", "own_hours", "own_cost", "company_cost", "total", "per_failed", "saving"].forEach((k) => set(k, "–"));
      const empty = fields.every((f) => !String(raw[f.name]).trim());
      set("status", empty ? "Udfyld felterne med jeres egne tal for at se resultatet." : bad === 1 ? "Ret eller udfyld 1 felt for at se resultatet." : "Ret eller udfyld " + bad + " felter for at se resultatet.");
      return;
    }
    const c = compute(r.values);
    set("failed", num(c.failed, 1));
    set("own_hours", num(c.own_hours, 1) + " timer");
    set("own_cost", kr(c.own_cost));
    set("company_cost", kr(c.company_cost));
    set("total", kr(c.total));
    set("per_failed", kr(c.per_failed));
    set("saving", kr(c.saving));
    set("status", "Samlet udgift om året: " + kr(c.total) + " – regnet på jeres egne tal");
  }

  function init() {
    document.querySelectorAll('form[data-calc="fejlmatchberegner"]').forEach((form) => {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      const touched = new Set();
      form.addEventListener("input", () => update(form, touched));
      form.addEventListener("focusout", (e) => { if (e.target.name) { touched.add(e.target.name); update(form, touched); } });
      form.addEventListener("keydown", (e) => { if (e.key === "Enter") { touched.add("*"); update(form, touched); } });
      update(form, touched);
    });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { parseDecimal: parseDecimal, validate: validate, compute: compute };
    return;
  }
  // Material's instant navigation swaps pages without reloading: hook into its observable.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
