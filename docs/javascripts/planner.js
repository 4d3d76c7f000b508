// Planner page (/planlaeg/): plan course days from the handbook's own days, blocks and tools.
// Reads planner-data.json (written by the build, handbook/render/export.py). The plan lives in
// the page address (#p=…) and in localStorage; nothing leaves the browser. Exports: print
// (run sheet or participant programme), a calendar file (.ics) and a run file (.yml) in the
// format `python build.py run` reads (prompts: runspec; model: handbook/model.py Run).
(function () {
  "use strict";
  const STORE = "mh-planner-plan"; // the plan open in the page (also while it is not saved)
  const LIST = "mh-planner-plans"; // the saved plans: [{id, name, title, code}]
  const ACTIVE = "mh-planner-active"; // id of the saved plan the page edits
  const PREVIOUS = "mh-planner-previous";
  const ADDRESS = "mh-planner-address"; // the plan this browser last wrote into the address
  const C = window.PlannerCore; // the rules, without the page (planner-core.js, loaded first)
  if (!C) return; // the core did not load: leave every page as it is
  const { clean, toMin, clock, longDate, shiftDate, parseDate, validSize, indexData, blockOf, emptyPlan, dayFromRef, emptyDay,
    schedule, budget, budgetText, runTitle, dayTitle, encode, decode, runYaml, icsFile, problems, has, split, cleanLong, ownItem,
    readRunFile, fillWeekly, dayChecklist, materials, newId } = C;
  const cache = {}; // planner data per address, kept across Material's instant page changes

  // --- small helpers ---------------------------------------------------------------------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
      else if (key === "html") el.innerHTML = value; // only HTML the build made (export.py)
      else if (key === "value") el.value = value;
      else el.setAttribute(key, value === true ? "" : value);
    }
    el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
    return el;
  }
  function download(name, text, type) {
    const a = h("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 2000);
  }

  // A vendored library, loaded only when a trainer first needs it (docs/javascripts/vendor/).
  const scripts = {};
  function library(src, name) {
    if (window[name]) return Promise.resolve(window[name]);
    if (!scripts[src]) {
      scripts[src] = new Promise((resolve, reject) => {
        const el = h("script", { src });
        el.addEventListener("load", () => (window[name] ? resolve(window[name]) : reject(new Error(name))));
        el.addEventListener("error", () => { delete scripts[src]; reject(new Error(name)); });
        document.head.append(el);
      });
    }
    return scripts[src];
  }

  // The saved plans (localStorage): a list of {id, name, title, code}; code is the plan's link.
  function readList() {
    try {
      const list = JSON.parse(localStorage.getItem(LIST) || "null");
      return Array.isArray(list) ? list.filter((e) => e && typeof e.id === "string" && typeof e.code === "string") : null;
    } catch (e) { return null; }
  }
  function writeList(list) {
    try { localStorage.setItem(LIST, JSON.stringify(list)); } catch (e) { /* private mode: the address still holds the plan */ }
  }

  // --- the page -----------------------------------------------------------------------------
  function start(root, data) {
    const site = root.dataset.root || "../";
    let plan = null;
    let notice = "";
    let saved = []; // the saved plans
    let active = null; // id of the saved plan on the page; null while a link or file waits for an answer
    let asking = null; // {source: "linket" | "filen", replace: id of the saved plan «Erstat» replaces}
    let renaming = null, deleting = null; // id of the saved plan being renamed or deleted
    let materialNews = null; // what the last "Hent materialer" made or missed
    let picker = null; // {uid, query, tag}
    let lastBudgets = [];
    let announceTimer = 0;
    let messages = [];
    let budgetNews = [];
    // The live region gets one sentence per change: what happened, then the new budget.
    const announceSoon = () => {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(() => {
        live.textContent = [...messages, ...budgetNews].join(" ");
        messages = [];
        budgetNews = [];
      }, 300);
    };
    const say = (text) => { messages.push(text); announceSoon(); };
    const live = h("p", { class: "mh-sr-only", role: "status", "aria-live": "polite" });
    const body = h("div", { class: "mh-plan-screen" });
    const print = h("div", { class: "mh-plan-print" });
    root.replaceChildren(body, live, print);

    // The address follows the plan a moment after the last change (browsers limit how often
    // a page may change its address). A reload before that finds the newer plan in
    // localStorage: the address then still holds what this browser wrote last (ADDRESS).
    let addressTimer = 0;
    const entryName = (e) => e.name || e.title || "Plan uden titel";
    function save() {
      const code = encode(data, plan);
      root.dataset.planId = plan.id;
      try { localStorage.setItem(STORE, code); } catch (e) { /* private mode: the address still holds the plan */ }
      // A plan from a link or a file is saved only when the trainer says how (asking).
      if (!asking && (plan.days.length || clean(plan.title))) {
        let entry = saved.find((e) => e.id === plan.id);
        const before = entry ? entryName(entry) : null;
        if (entry) Object.assign(entry, { code, title: runTitle(data, plan) });
        else saved.push(entry = { id: plan.id, name: "", title: runTitle(data, plan), code });
        const wasActive = active === plan.id;
        active = plan.id;
        writeList(saved);
        try { localStorage.setItem(ACTIVE, active); } catch (e) { /* ignore */ }
        // The list follows a new plan or a new title (focus is in the editor, not in the list).
        const section = body.querySelector(".mh-plan-saved");
        if (section && (before !== entryName(entry) || !wasActive) && !section.contains(document.activeElement)) section.replaceWith(savedPlans());
      }
      clearTimeout(addressTimer);
      addressTimer = setTimeout(() => {
        if (!root.isConnected) return; // Material has moved on to another page
        try {
          history.replaceState(history.state, "", location.pathname + "#p=" + code);
          localStorage.setItem(ADDRESS, code);
        } catch (e) { return; }
        const share = root.querySelector("#mh-share");
        if (share) share.value = location.href;
      }, 250);
    }

    function replacePlan(next, message) {
      if (plan && plan.days.length) {
        try { localStorage.setItem(PREVIOUS, encode(data, plan)); } catch (e) { /* ignore */ }
      }
      plan = next;
      notice = message || "";
      asking = null;
    }

    // A plan from a link or a file: shown at once, but never written over a saved plan
    // without asking ("Gem som ny plan" / "Erstat"). With no saved plan there is nothing to ask.
    function arrive(next, source, message) {
      const same = saved.find((e) => e.code === encode(data, next));
      if (same) { plan = decode(data, same.code); plan.messages = next.messages; notice = `${message} Den er allerede gemt som «${entryName(same)}».`; asking = null; return; }
      if (!saved.length) { replacePlan(next, message); return; }
      const target = saved.find((e) => e.id === next.id) || saved.find((e) => e.id === active) || saved[saved.length - 1];
      plan = next;
      notice = message;
      asking = { source, replace: target.id };
    }

    function keepAsNew() {
      if (saved.some((e) => e.id === plan.id)) plan.id = newId();
      asking = null;
      notice = "Planen er gemt som en ny plan.";
      render("mh-title");
      say(notice);
    }

    function replaceSaved() {
      const at = saved.findIndex((e) => e.id === asking.replace);
      const old = saved[at];
      if (at >= 0) saved.splice(at, 1, { id: plan.id, name: "", title: runTitle(data, plan), code: encode(data, plan) });
      saved = saved.filter((e, i) => e.id !== plan.id || i === at);
      asking = null;
      notice = old ? `Planen har erstattet «${entryName(old)}».` : "Planen er gemt.";
      render("mh-title");
      say(notice);
    }

    function openSaved(id) {
      const entry = saved.find((e) => e.id === id);
      let next = null;
      try { next = decode(data, entry.code); } catch (e) { next = null; }
      if (!next) { say("Planen kunne ikke læses."); return; }
      replacePlan(next, `Planen «${entryName(entry)}» er åbnet.`);
      renaming = deleting = null;
      render("mh-title");
      say(notice);
    }

    function load() {
      const params = new URLSearchParams(location.search);
      const hash = /^#p=([A-Za-z0-9_-]+)$/.exec(location.hash);
      let stored = null, written = null, lastActive = null;
      try { stored = localStorage.getItem(STORE); written = localStorage.getItem(ADDRESS); lastActive = localStorage.getItem(ACTIVE); } catch (e) { /* ignore */ }
      try { if (stored) plan = decode(data, stored); } catch (e) { plan = null; }
      const list = readList();
      if (list) saved = list;
      else if (plan && plan.days.length) { // the one stored plan of before: the first saved plan
        saved = [{ id: plan.id, name: "", title: runTitle(data, plan), code: stored }];
        writeList(saved);
      }
      active = saved.some((e) => e.id === lastActive) ? lastActive : null;
      // The plan open last and not saved yet (a link or a file waiting for an answer): ask again.
      if (plan && saved.length && !saved.some((e) => e.id === plan.id)) {
        asking = { source: "linket", replace: active || saved[saved.length - 1].id };
        notice = "Planen her er ikke gemt endnu.";
      }
      const unknown = (kind, id) => `${kind} «${clean(id, 80)}» findes ikke i håndbogen. Vælg en dag nedenfor, eller åbn en gemt plan.`;
      if (params.get("dag") && !has(data.days, params.get("dag"))) notice = unknown("Dagen", params.get("dag"));
      else if (params.get("forloeb") && !has(data.coursesById, params.get("forloeb"))) notice = unknown("Forløbet", params.get("forloeb"));
      else if (params.get("modul") && !has(data.modulesById, params.get("modul"))) notice = unknown("Modulet", params.get("modul"));
      if (params.get("dag") && has(data.days, params.get("dag"))) {
        replacePlan(emptyPlan(), `Ny plan fra «${data.days[params.get("dag")].title}».`);
        plan.days.push(dayFromRef(data, params.get("dag")));
      } else if (params.get("forloeb") && has(data.coursesById, params.get("forloeb"))) {
        const course = data.coursesById[params.get("forloeb")];
        replacePlan(emptyPlan(), `Ny plan med alle dage i «${course.title}».`);
        plan.course = course.id;
        course.days.forEach((ref) => plan.days.push(dayFromRef(data, ref)));
      } else if (params.get("modul") && has(data.modulesById, params.get("modul"))) {
        const module = data.modulesById[params.get("modul")];
        replacePlan(emptyPlan(), `Ny plan med alle dage i modul ${module.number}: ${module.title}.`);
        module.days.forEach((d) => plan.days.push(dayFromRef(data, d.ref)));
      } else if (hash && hash[1] !== stored && hash[1] !== written) { // a link from elsewhere
        let next = null;
        try { next = decode(data, hash[1]); } catch (e) { notice = "Linket indeholder ikke en plan, der kan læses."; }
        if (next) arrive(next, "linket", "Planen fra linket er åbnet.");
      }
      if (!plan) plan = emptyPlan();
    }

    // Re-render the editor; focus stays on the control with the same id (or `focusId`).
    function render(focusId) {
      const active = focusId || (document.activeElement && document.activeElement.id);
      body.replaceChildren(savedPlans(), planFields(), addDaysSection(), ...plan.days.map(dayEditor), actions());
      update(true);
      const target = active && document.getElementById(active);
      if (target) target.focus();
    }

    // After any change: clock times, budgets, the print view, the address and storage.
    function update(announce) {
      plan.days.forEach((day, n) => {
        const section = body.querySelector(`[data-day="${n}"]`);
        if (!section) return;
        schedule(data, day).forEach((row) => {
          const el = section.querySelector(`[data-time="${row.uid}"]`);
          if (el) el.textContent = row.skip ? "Springes over" : `${clock(row.from)}–${clock(row.to)}`;
        });
        section.querySelector("h2").textContent = dayTitle(data, day, n);
        const b = budget(data, day);
        const out = section.querySelector("[data-budget]");
        out.textContent = budgetText(b);
        out.classList.toggle("mh-over", b.left !== null && b.left < 0);
      });
      syncTrainers();
      // A date before the day before is said at the field, as it is typed, not only on export.
      const wrong = new Map(problems(data, plan, false).filter((p) => p.code === "date-order").map((p) => [p.target, p.message]));
      plan.days.forEach((d, n) => {
        const input = body.querySelector(`#mh-day-${n}-date`);
        const error = body.querySelector(`#mh-day-${n}-date-error`);
        if (!input || !error) return;
        const message = wrong.get(input.id) || "";
        if (error.textContent !== message) error.textContent = message;
        if (message) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", error.id); }
        else { input.removeAttribute("aria-invalid"); input.removeAttribute("aria-describedby"); }
      });
      const texts = plan.days.map((d, n) => `Dag ${n + 1}: ${budgetText(budget(data, d))}`);
      if (announce) {
        const changed = texts.filter((t, n) => t !== lastBudgets[n]);
        if (changed.length) { budgetNews = changed; announceSoon(); }
      }
      lastBudgets = texts;
      renderPrint();
      save();
    }

    // The trainer choices follow the plan's trainers as they are typed, in place: a re-render
    // here would take the focus and the element a trainer is about to use.
    function syncTrainers() {
      const names = split(plan.trainers);
      body.querySelectorAll("select[data-trainers]").forEach((select) => {
        const current = select.value;
        if (JSON.stringify(Array.from(select.options, (o) => o.value)) !== JSON.stringify(["", ...names])) {
          select.replaceChildren(h("option", { value: "" }, "Ikke valgt"), ...names.map((t) => h("option", { value: t, selected: t === current }, t)));
        }
        const box = select.closest("[data-trainer-box]");
        if (box) box.hidden = !names.length;
      });
    }

    const field = (id, label, input, hint) => h("div", { class: "mh-field" },
      h("label", { for: id }, label), input, hint ? h("span", { class: "mh-hint", id: id + "-hint" }, hint) : null);

    function textInput(id, value, set, attrs) {
      return h("input", Object.assign({ id, type: "text", value, oninput: (e) => { set(e.target.value); update(true); } }, attrs || {}));
    }

    function planFields() {
      const courseSelect = h("select", { id: "mh-course", onchange: (e) => { plan.course = e.target.value; update(false); } },
        h("option", { value: "" }, "Intet (egen sammensætning)"),
        data.courses.map((c) => h("option", { value: c.id, selected: plan.course === c.id }, c.title)));
      return h("section", { class: "mh-plan-meta", "aria-labelledby": "mh-meta-h" },
        h("h2", { id: "mh-meta-h" }, "Planen"),
        notice ? h("p", { class: "mh-notice", id: "mh-notice" }, notice, " ",
          hasPrevious() && !asking ? h("button", { type: "button", class: "md-button", id: "mh-restore", onclick: restorePrevious }, "Gendan den forrige plan") : null) : null,
        asking ? h("div", { class: "mh-notice mh-ask", id: "mh-ask", role: "group", "aria-labelledby": "mh-ask-q" },
          h("p", { id: "mh-ask-q" }, `Planen fra ${asking.source} er ikke gemt endnu, og dine gemte planer er urørte. Vil du gemme den som en ny plan eller erstatte «${entryName(saved.find((e) => e.id === asking.replace) || {})}» med den?`),
          h("button", { type: "button", class: "md-button md-button--primary", id: "mh-save-new", onclick: keepAsNew }, "Gem som ny plan"),
          h("button", { type: "button", class: "md-button", id: "mh-replace", onclick: replaceSaved }, "Erstat")) : null,
        // What a link or the stored plan asked for and the module days no longer have.
        plan.messages.length ? h("div", { class: "mh-notice mh-link-problems", id: "mh-link-problems" },
          h("p", {}, h("strong", {}, "Ikke alt i planen kunne bruges:")),
          h("ul", {}, plan.messages.map((m) => h("li", {}, m)))) : null,
        h("div", { class: "mh-grid" },
          field("mh-title", "Planens titel", textInput("mh-title", plan.title, (v) => { plan.title = v; }, { placeholder: runTitle(data, plan) || "" })),
          field("mh-course", "Forløb (til forsiden)", courseSelect),
          field("mh-orgs", "Deltagerne kommer fra", textInput("mh-orgs", plan.orgs, (v) => { plan.orgs = v; }, { "aria-describedby": "mh-orgs-hint" }), "Organisationer, adskilt med komma"),
          field("mh-size", "Antal deltagere", h("input", { id: "mh-size", type: "number", min: 1, max: 500, inputmode: "numeric", value: plan.size, oninput: (e) => { plan.size = validSize(e.target.value); update(false); } })),
          field("mh-venue", "Sted", textInput("mh-venue", plan.venue, (v) => { plan.venue = v; }, { "aria-describedby": "mh-venue-hint" }), "Fx lokale og bygning"),
          field("mh-address", "Adresse", textInput("mh-address", plan.address, (v) => { plan.address = v; })),
          field("mh-trainers", "Undervisere", textInput("mh-trainers", plan.trainers, (v) => { plan.trainers = v; }, { "aria-describedby": "mh-trainers-hint" }), "Kun navne, adskilt med komma. Hver blok kan få sin egen underviser.")));
    }

    // The saved plans: open, rename, copy and delete; the open one is marked.
    function savedPlans() {
      const rows = saved.map((e) => {
        const name = entryName(e);
        const isOpen = e.id === active && !asking;
        const sid = `mh-saved-${e.id}`;
        let tools;
        if (renaming === e.id) {
          const input = h("input", { id: sid + "-name", type: "text", value: name, maxlength: 120 });
          tools = [h("label", { for: sid + "-name", class: "mh-sr-only" }, `Nyt navn til «${name}»`), input,
            h("button", { type: "button", class: "mh-small", id: sid + "-save-name", onclick: () => {
              e.name = clean(input.value, 120);
              renaming = null;
              writeList(saved);
              render(sid + "-rename");
              say(`Planen hedder nu «${entryName(e)}».`);
            } }, "Gem navnet"),
            h("button", { type: "button", class: "mh-small", id: sid + "-cancel", onclick: () => { renaming = null; render(sid + "-rename"); } }, "Fortryd")];
        } else if (deleting === e.id) {
          tools = [h("span", {}, `Slet «${name}»? Det kan ikke fortrydes. `),
            h("button", { type: "button", class: "mh-small", id: sid + "-confirm", onclick: () => {
              saved = saved.filter((x) => x.id !== e.id);
              deleting = null;
              writeList(saved);
              if (e.id === active) { active = null; replacePlan(emptyPlan(), `«${name}» er slettet. Her er en ny, tom plan.`); }
              render("mh-saved-h");
              say(`«${name}» er slettet.`);
            } }, "Ja, slet planen"),
            h("button", { type: "button", class: "mh-small", id: sid + "-cancel", onclick: () => { deleting = null; render(sid + "-delete"); } }, "Fortryd")];
        } else {
          tools = [
            isOpen ? null : h("button", { type: "button", class: "mh-small", id: sid + "-open", "aria-label": `Åbn «${name}»`, onclick: () => openSaved(e.id) }, "Åbn"),
            h("button", { type: "button", class: "mh-small", id: sid + "-rename", "aria-label": `Omdøb «${name}»`, onclick: () => { renaming = e.id; deleting = null; render(sid + "-name"); } }, "Omdøb"),
            h("button", { type: "button", class: "mh-small", id: sid + "-copy", "aria-label": `Lav en kopi af «${name}»`, onclick: () => {
              let copy = null;
              try { copy = decode(data, e.code); } catch (err) { copy = null; }
              if (!copy) return;
              copy.id = newId();
              saved.push({ id: copy.id, name: `Kopi af ${name}`, title: runTitle(data, copy), code: encode(data, copy) });
              writeList(saved);
              render(sid + "-copy");
              say(`Kopien «Kopi af ${name}» er gemt.`);
            } }, "Lav en kopi"),
            h("button", { type: "button", class: "mh-small", id: sid + "-delete", "aria-label": `Slet «${name}»`, onclick: () => { deleting = e.id; renaming = null; render(sid + "-cancel"); } }, "Slet")];
        }
        return h("li", { "data-saved": e.id, class: isOpen ? "mh-saved-open" : null },
          h("span", { class: "mh-saved-name" }, name), isOpen ? h("span", { class: "mh-hint" }, " (åben nu)") : null, " ", tools);
      });
      const file = h("input", { id: "mh-open-file", type: "file", accept: ".yml,.yaml,application/yaml,text/yaml", "aria-describedby": "mh-open-file-hint", onchange: (ev) => openFile(ev.target) });
      return h("section", { class: "mh-plan-saved", "aria-labelledby": "mh-saved-h" },
        h("h2", { id: "mh-saved-h", tabindex: "-1" }, "Dine planer"),
        saved.length ? h("ul", { class: "mh-saved" }, rows) : h("p", { class: "mh-hint" }, "Ingen gemte planer endnu: en plan gemmes i denne browser, så snart den har en dag."),
        field("mh-open-file", "Åbn planfil (.yml)", file, "En planfil fra planlæggeren (Hent som planfil) eller en kørselsfil skrevet i hånden."));
    }

    async function openFile(input) {
      const chosen = input.files && input.files[0];
      if (!chosen) return;
      let next;
      try {
        const YAML = await library(site + "javascripts/vendor/js-yaml/js-yaml.min.js", "jsyaml");
        let raw;
        try { raw = YAML.load(await chosen.text(), { schema: YAML.JSON_SCHEMA }); } catch (e) {
          const line = e && e.mark ? ` (linje ${e.mark.line + 1})` : "";
          throw new Error(`Filen «${clean(chosen.name, 80)}» er ikke gyldig YAML${line}.`);
        }
        next = readRunFile(data, raw, chosen.name);
      } catch (e) {
        notice = e && /^Filen/.test(e.message) ? e.message : "Filen kunne ikke åbnes. Prøv igen, eller åbn siden fra håndbogens websted.";
        render("mh-open-file");
        say(notice);
        return;
      }
      arrive(next, "filen", `Planfilen «${clean(chosen.name, 80)}» er åbnet.`);
      render(asking ? "mh-save-new" : "mh-title");
      say(notice + (next.messages.length ? ` ${next.messages.length} ting i filen kunne ikke vises; se listen.` : ""));
    }

    function addDaysSection() {
      const last = plan.days[plan.days.length - 1];
      const nextDate = last ? addDays7(last.date) : "";
      const daySelect = h("select", { id: "mh-add-day" },
        data.modules.map((m) => h("optgroup", { label: `Modul ${m.number}: ${m.title}` },
          m.days.map((d) => h("option", { value: d.ref }, d.title)))));
      const manySelect = h("select", { id: "mh-add-many" },
        h("optgroup", { label: "Forløb" }, data.courses.map((c) => h("option", { value: "c:" + c.id }, c.title))),
        h("optgroup", { label: "Moduler" }, data.modules.map((m) => h("option", { value: "m:" + m.id }, `Modul ${m.number}: ${m.title}`))));
      const add = (refs, courseId) => {
        if (courseId && !plan.days.length) plan.course = courseId;
        let date = nextDate;
        const first = plan.days.length;
        refs.forEach((ref) => { plan.days.push(dayFromRef(data, ref, date)); date = addDays7(date); });
        notice = "";
        render(`mh-day-${first}-date`);
        say(refs.length === 1 ? `Dagen «${data.days[refs[0]].title}» er tilføjet som dag ${first + 1}.` : `${refs.length} dage er tilføjet.`);
      };
      return h("section", { class: "mh-plan-add", "aria-labelledby": "mh-add-h" },
        h("h2", { id: "mh-add-h" }, plan.days.length ? "Tilføj flere dage" : "Begynd med en dag"),
        h("div", { class: "mh-grid" },
          h("div", { class: "mh-field" }, h("label", { for: "mh-add-day" }, "En dag fra et modul"), daySelect,
            h("button", { type: "button", class: "md-button", id: "mh-add-day-btn", onclick: () => add([daySelect.value]) }, "Tilføj dagen")),
          h("div", { class: "mh-field" }, h("label", { for: "mh-add-many" }, "Alle dage i et forløb eller modul"), manySelect,
            h("button", { type: "button", class: "md-button", id: "mh-add-many-btn", onclick: () => {
              const [kind, id] = manySelect.value.split(":");
              if (kind === "c") add(data.coursesById[id].days, id);
              else add(data.modulesById[id].days.map((d) => d.ref));
            } }, "Tilføj dagene")),
          h("div", { class: "mh-field" }, h("span", { class: "mh-label" }, "Eller en dag helt efter dit eget valg"),
            h("button", { type: "button", class: "md-button", id: "mh-add-empty-btn", onclick: () => {
              plan.days.push(emptyDay(nextDate));
              render(`mh-day-${plan.days.length - 1}-title`);
              say(`En tom dag er tilføjet som dag ${plan.days.length}.`);
            } }, "Tilføj en tom dag"))));
    }
    const addDays7 = (date) => (parseDate(date) ? shiftDate(date, 7) : "");

    function dayEditor(day, n) {
      const ids = `mh-day-${n}`;
      const base = day.ref ? data.days[day.ref] : null;
      const set = (key) => (e) => { day[key] = e.target.value; update(true); };
      const moveDay = (to) => () => {
        const [d] = plan.days.splice(n, 1);
        plan.days.splice(to, 0, d);
        render(`mh-day-${to}-${to < n ? "up" : "down"}`);
        say(`Dagen er nu dag ${to + 1}.`);
      };
      return h("section", { class: "mh-day", "data-day": n, "aria-labelledby": ids + "-h" },
        h("p", { class: "mh-day-source" }, `Dag ${n + 1} af ${plan.days.length} i planen · `,
          base ? ["Fra ", h("a", { href: site + base.page }, base.title), ` i modul ${base.module.number}: ${base.module.title}`] : "Egen dag"),
        h("h2", { id: ids + "-h" }, dayTitle(data, day, n)),
        h("div", { class: "mh-grid mh-day-fields" },
          h("div", { class: "mh-field" }, h("label", { for: ids + "-date" }, "Dato"),
            h("input", { id: ids + "-date", type: "date", value: day.date, oninput: set("date"), onchange: set("date") }),
            h("span", { class: "mh-field-error", id: ids + "-date-error" }),
            n === 0 && plan.days.length > 1 ? h("button", { type: "button", class: "mh-small", id: "mh-weekly", "aria-describedby": "mh-weekly-hint", onclick: () => {
              const changed = fillWeekly(plan);
              render("mh-weekly");
              say(parseDate(plan.days[0].date)
                ? `${changed ? "Datoerne er sat" : "Datoerne passer allerede"}: ${plan.days[0].date ? longDate(plan.days[0].date).split(" ")[0] : ""} hver uge fra ${longDate(plan.days[0].date)}.`
                : "Vælg først en dato til dag 1.");
            } }, "Samme ugedag hver uge") : null,
            n === 0 && plan.days.length > 1 ? h("span", { class: "mh-hint", id: "mh-weekly-hint" }, "Giver de andre dage en dato en uge efter hinanden, fra dag 1's dato.") : null),
          field(ids + "-start", "Start", h("input", { id: ids + "-start", type: "time", value: day.start, oninput: set("start"), onchange: set("start") })),
          field(ids + "-end", "Slut (booket)", h("input", { id: ids + "-end", type: "time", value: day.end, oninput: set("end"), onchange: set("end") })),
          field(ids + "-title", "Egen titel på dagen", h("input", { id: ids + "-title", type: "text", value: day.title, placeholder: base ? base.title : "", oninput: set("title") }))),
        h("p", { class: "mh-budget", "data-budget": "", id: ids + "-budget" }),
        h("ol", { class: "mh-blocks", "aria-label": `Blokke på dag ${n + 1}` }, schedule(data, day).map((row, i) => blockEditor(day, n, row, i))),
        ownBlockForm(day, n),
        h("div", { class: "mh-day-actions" },
          h("button", { type: "button", class: "md-button", id: ids + "-up", disabled: n === 0, onclick: moveDay(n - 1), "aria-label": `Flyt dagen op (dag ${n + 1})` }, "Flyt dagen op"),
          h("button", { type: "button", class: "md-button", id: ids + "-down", disabled: n === plan.days.length - 1, onclick: moveDay(n + 1), "aria-label": `Flyt dagen ned (dag ${n + 1})` }, "Flyt dagen ned"),
          h("button", { type: "button", class: "md-button", id: ids + "-remove", "aria-label": `Fjern dagen (dag ${n + 1})`, onclick: () => {
            plan.days.splice(n, 1);
            render(plan.days.length ? `mh-day-${Math.max(0, n - 1)}-date` : "mh-add-day");
            say(`Dag ${n + 1} er fjernet.`);
          } }, "Fjern dagen")));
    }

    function blockEditor(day, n, row, i) {
      const item = day.items[i];
      const id = `mh-${item.uid}`;
      const name = `«${row.title}»`;
      const move = (to) => () => {
        const [it] = day.items.splice(i, 1);
        day.items.splice(to, 0, it);
        render(`${id}-${to < i ? "up" : "down"}`);
        say(`${name} er flyttet til plads ${to + 1}.`);
      };
      const toolLinks = row.tools.map((t) => {
        const tool = data.tools[t];
        const link = h("a", { href: site + tool.page }, (tool.label ? tool.label + ". " : "") + tool.title);
        if (!row.added.includes(t) || row.baseTools.includes(t)) return h("li", {}, link);
        return h("li", {}, link, " ", h("button", { type: "button", class: "mh-small", id: `${id}-rm-${t}`, "aria-label": `Fjern redskabet ${tool.title} fra ${name}`, onclick: () => {
          item.tools = item.tools.filter((x) => x !== t);
          render(`${id}-tool`);
        } }, "Fjern"));
      });
      const minutes = h("input", { id: `${id}-min`, type: "number", min: 1, max: 480, step: 5, value: row.minutes, disabled: row.skip, oninput: (e) => {
        const m = parseInt(e.target.value, 10);
        if (!(m > 0 && m <= 480)) return;
        if (item.own) item.minutes = m;
        else item.minutes = m === blockOf(data, day, item).minutes ? null : m;
        update(true);
      } });
      const title = h("input", { id: `${id}-title`, type: "text", class: "mh-block-title", value: row.title, oninput: (e) => {
        const v = e.target.value;
        if (item.own) item.title = clean(v) || "Egen blok";
        else item.title = clean(v) && clean(v) !== blockOf(data, day, item).title ? clean(v) : null;
        update(false);
      } });
      const trainers = split(plan.trainers);
      const lead = h("label", { class: "mh-lead", "data-trainer-box": "", hidden: !trainers.length }, h("span", {}, "Leder: "),
        h("select", { id: `${id}-trainer`, "data-trainers": "", "aria-label": `Underviser, der leder ${name}`, onchange: (e) => {
          item.trainer = e.target.value || null;
          update(false);
          say(item.trainer ? `${item.trainer} leder ${name}.` : `Ingen underviser er valgt til ${name}.`);
        } }, h("option", { value: "" }, "Ikke valgt"),
        trainers.map((t) => h("option", { value: t, selected: item.trainer === t }, t))));
      const keyCode = item.own ? null : h("span", { class: "mh-key" }, h("span", {}, "Nøgle: "), h("code", { id: `${id}-key` }, row.key), " ",
        h("button", { type: "button", class: "mh-small", id: `${id}-copy-key`, "aria-label": `Kopiér nøglen ${row.key}`, onclick: () => {
          const done = () => say(`Nøglen ${row.key} er kopieret.`);
          const select = () => { const r = document.createRange(); r.selectNodeContents(document.getElementById(`${id}-key`)); const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r); say(`Nøglen ${row.key} er markeret: kopiér den med Ctrl+C.`); };
          if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(row.key).then(done, select);
          else select();
        } }, "Kopiér nøglen"));
      const details = row.description || row.trainer_notes
        ? h("details", { class: "mh-block-details" }, h("summary", {}, "Beskrivelse og noter"),
          row.description ? h("div", { html: row.description }) : null,
          row.trainer_notes ? h("div", { class: "mh-notes" }, h("strong", {}, "Til underviseren: "), h("div", { html: row.trainer_notes })) : null)
        : null;
      return h("li", { class: "mh-block" + (row.skip ? " mh-skipped" : "") + (item.own ? " mh-own" : ""), "data-uid": item.uid },
        h("div", { class: "mh-block-head" },
          h("span", { class: "mh-time", "data-time": item.uid }),
          h("label", { class: "mh-sr-only", for: `${id}-title` }, `Titel på blok ${i + 1}`),
          title,
          h("span", { class: "mh-kind" }, data.kinds[row.kind] + (item.own ? " · egen blok" : "")),
          h("label", { class: "mh-min" }, h("span", { class: "mh-sr-only" }, `Minutter til ${name}`), minutes, h("span", { "aria-hidden": "true" }, " min"))),
        h("div", { class: "mh-block-meta" }, lead, keyCode),
        toolLinks.length ? h("div", { class: "mh-tools" }, h("span", {}, "Redskaber:"), h("ul", {}, toolLinks)) : null,
        details,
        h("div", { class: "mh-block-actions" },
          h("button", { type: "button", class: "mh-small", id: `${id}-up`, disabled: i === 0, "aria-label": `Flyt op: ${name}`, onclick: move(i - 1) }, "Flyt op"),
          h("button", { type: "button", class: "mh-small", id: `${id}-down`, disabled: i === day.items.length - 1, "aria-label": `Flyt ned: ${name}`, onclick: move(i + 1) }, "Flyt ned"),
          item.own
            ? h("button", { type: "button", class: "mh-small", id: `${id}-remove`, "aria-label": `Fjern blokken ${name}`, onclick: () => {
              day.items.splice(i, 1);
              render(day.items.length ? `mh-${day.items[Math.max(0, i - 1)].uid}-title` : `mh-day-${n}-own-title`);
              say(`${name} er fjernet.`);
            } }, "Fjern blokken")
            : h("button", { type: "button", class: "mh-small", id: `${id}-skip`, "aria-pressed": row.skip ? "true" : "false", "aria-label": `Spring over: ${name}`, onclick: () => {
              item.skip = !item.skip;
              render();
              say(item.skip ? `${name} springes over.` : `${name} er med igen.`);
            } }, "Spring over"),
          h("button", { type: "button", class: "mh-small", id: `${id}-tool`, "aria-expanded": picker && picker.uid === item.uid ? "true" : "false", "aria-controls": `${id}-picker`, "aria-label": `Tilføj redskab til ${name}`, onclick: () => {
            picker = picker && picker.uid === item.uid ? null : { uid: item.uid, query: "", tag: "" };
            render(picker ? `${id}-search` : `${id}-tool`);
          } }, "Tilføj redskab")),
        picker && picker.uid === item.uid ? toolPicker(item, row, id, name) : null);
    }

    function toolPicker(item, row, id, name) {
      const results = h("ul", { class: "mh-picker-results", id: `${id}-results` });
      const count = h("p", { class: "mh-hint", role: "status", id: `${id}-count` });
      const fill = () => {
        const q = picker.query.toLowerCase().trim();
        const found = Object.values(data.tools)
          .filter((t) => (!q || t.title.toLowerCase().includes(q)) && (!picker.tag || t.tags.includes(picker.tag)))
          .sort((a, b) => a.title.localeCompare(b.title, "da"));
        results.replaceChildren(...found.slice(0, 40).map((t) => h("li", {},
          h("a", { href: site + t.page }, t.title), " ",
          row.tools.includes(t.id)
            ? h("span", { class: "mh-hint" }, "(med i blokken)")
            : h("button", { type: "button", class: "mh-small", id: `${id}-add-${t.id}`, "aria-label": `Tilføj ${t.title} til ${name}`, onclick: () => {
              item.tools.push(t.id);
              picker = null;
              render(`${id}-tool`);
              say(`${t.title} er tilføjet til ${name}.`);
            } }, "Tilføj"))));
        count.textContent = found.length > 40 ? `${found.length} redskaber – de første 40 vises. Søg for at finde flere.` : `${found.length} redskaber.`;
      };
      const close = () => { picker = null; render(`${id}-tool`); };
      const panel = h("div", { class: "mh-picker", id: `${id}-picker`, role: "group", "aria-label": `Vælg redskab til ${name}`, onkeydown: (e) => { if (e.key === "Escape") close(); } },
        h("div", { class: "mh-grid" },
          field(`${id}-search`, "Søg efter navn", h("input", { id: `${id}-search`, type: "search", value: picker.query, oninput: (e) => { picker.query = e.target.value; fill(); } })),
          field(`${id}-tag`, "Emne", h("select", { id: `${id}-tag`, onchange: (e) => { picker.tag = e.target.value; fill(); } },
            h("option", { value: "" }, "Alle emner"),
            data.tags.map((t) => h("option", { value: t.id, selected: picker.tag === t.id }, t.label))))),
        count, results,
        h("button", { type: "button", class: "mh-small", id: `${id}-close`, onclick: close }, "Luk"));
      fill();
      return panel;
    }

    function ownBlockForm(day, n) {
      const ids = `mh-day-${n}-own`;
      const title = h("input", { id: ids + "-title", type: "text" });
      const kind = h("select", { id: ids + "-kind" }, data.block_kinds.map((k) => h("option", { value: k.id, selected: k.id === "oplæg" }, k.label)));
      const minutes = h("input", { id: ids + "-min", type: "number", min: 1, max: 480, step: 5, value: 30 });
      const description = h("textarea", { id: ids + "-desc", rows: 3 });
      const notes = h("textarea", { id: ids + "-notes", rows: 2, "aria-describedby": ids + "-notes-hint" });
      const tools = h("select", { id: ids + "-tools", multiple: true, size: 5, "aria-describedby": ids + "-tools-hint" },
        Object.values(data.tools).sort((a, b) => a.title.localeCompare(b.title, "da")).map((t) => h("option", { value: t.id }, (t.label ? t.label + ". " : "") + t.title)));
      const trainers = split(plan.trainers);
      const lead = h("select", { id: ids + "-trainer", "data-trainers": "" }, h("option", { value: "" }, "Ikke valgt"), trainers.map((t) => h("option", { value: t }, t)));
      const leadField = field(ids + "-trainer", "Leder", lead);
      leadField.setAttribute("data-trainer-box", "");
      leadField.hidden = !trainers.length;
      return h("fieldset", { class: "mh-own-form" }, h("legend", {}, `Egen blok på dag ${n + 1}`),
        h("div", { class: "mh-grid" }, field(ids + "-title", "Titel", title), field(ids + "-kind", "Form", kind), field(ids + "-min", "Minutter", minutes),
          leadField),
        h("div", { class: "mh-grid mh-own-texts" },
          field(ids + "-desc", "Hvad der skal ske (beskrivelse)", description),
          field(ids + "-notes", "Noter til underviseren", notes, "Kun i drejebogen, ikke i deltagerprogrammet."),
          field(ids + "-tools", "Redskaber", tools, "Vælg flere med Ctrl eller Skift.")),
        h("button", { type: "button", class: "md-button", id: ids + "-add", onclick: () => {
          const m = parseInt(minutes.value, 10);
          const item = ownItem(kind.value, clean(title.value) || "Egen blok", m > 0 && m <= 480 ? m : 30, {
            description: cleanLong(description.value), notes: cleanLong(notes.value), trainer: lead.value || null,
            tools: Array.from(tools.selectedOptions, (o) => o.value).filter((t) => has(data.tools, t)),
          });
          day.items.push(item);
          render(ids + "-title");
          say(`«${item.title}» er tilføjet sidst på dag ${n + 1}. Flyt den med Flyt op og Flyt ned.`);
        } }, "Tilføj blokken"));
    }

    function actions() {
      const errors = h("div", { class: "mh-errors", id: "mh-errors", tabindex: "-1" });
      const check = (forRunFile) => {
        const found = problems(data, plan, forRunFile);
        const mustFix = found.filter((p) => p.level === "error");
        const notes = found.filter((p) => p.level === "warning");
        const items = (list) => h("ul", {}, list.map((p) => h("li", {}, p.message, " ", h("button", { type: "button", class: "mh-small", onclick: () => { const el = document.getElementById(p.target); if (el) el.focus(); } }, "Gå til feltet"))));
        errors.replaceChildren();
        if (!mustFix.length) {
          // A day ending well before its booked end is allowed (as in `build.py check`): said, not refused.
          if (notes.length) errors.append(h("p", {}, h("strong", {}, "Bemærk:")), items(notes));
          return true;
        }
        errors.append(h("p", {}, h("strong", {}, "Ret først dette:")), items(mustFix));
        errors.focus();
        return false;
      };
      const printAs = (participant) => () => {
        root.classList.toggle("mh-print-participant", participant);
        window.addEventListener("afterprint", () => root.classList.remove("mh-print-participant"), { once: true });
        renderPrint();
        window.print();
      };
      return h("section", { class: "mh-plan-actions", "aria-labelledby": "mh-actions-h" },
        h("h2", { id: "mh-actions-h" }, "Brug planen"),
        errors,
        h("div", { class: "mh-buttons" },
          h("button", { type: "button", class: "md-button md-button--primary", id: "mh-print", onclick: printAs(false) }, "Udskriv drejebog"),
          h("button", { type: "button", class: "md-button", id: "mh-print-participants", onclick: printAs(true) }, "Udskriv deltagerprogram"),
          h("button", { type: "button", class: "md-button", id: "mh-ics", onclick: () => { if (check(false)) download(plan.id + ".ics", icsFile(data, plan), "text/calendar"); } }, "Hent kalender (.ics)"),
          h("button", { type: "button", class: "md-button", id: "mh-yaml", onclick: () => { if (check(true)) download(plan.id + ".yml", runYaml(data, plan), "application/yaml"); } }, "Hent som planfil"),
          h("button", { type: "button", class: "md-button", id: "mh-materials", "aria-describedby": "mh-materials-status", onclick: () => downloadMaterials(root.querySelector("#mh-materials-status")) }, "Hent materialer (PDF)")),
        h("p", { class: "mh-hint", id: "mh-materials-status", role: "status" }, materialNews || "Materialerne er planens redskabskort og skemaer, samlet i én PDF."),
        h("p", { class: "mh-hint" }, "Planfilen bygger deltagermappe, drejebog og kalender med ", h("code", {}, `python build.py run runs/${plan.id}.yml`), "."),
        field("mh-share", "Link til planen", h("input", { id: "mh-share", type: "text", readonly: true, value: location.href, "aria-describedby": "mh-share-hint" }),
          "Hele planen står i linket. Send det til en medunderviser, så åbner de den samme plan. Planen gemmes også i denne browser, og intet sendes til en server."),
        h("div", { class: "mh-buttons" },
          h("button", { type: "button", class: "md-button", id: "mh-copy", onclick: () => {
            const share = root.querySelector("#mh-share");
            const done = () => { say("Linket er kopieret."); };
            if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(share.value).then(done, () => { share.select(); });
            else { share.select(); say("Linket er markeret: kopiér det med Ctrl+C."); }
          } }, "Kopiér link"),
          h("button", { type: "button", class: "md-button", id: "mh-new", onclick: () => {
            replacePlan(emptyPlan(), "Ny, tom plan.");
            picker = null;
            render("mh-add-day");
          } }, "Begynd på en ny plan")));
    }

    function hasPrevious() {
      try { return !!localStorage.getItem(PREVIOUS); } catch (e) { return false; }
    }

    function restorePrevious() {
      let previous = null;
      try { previous = decode(data, localStorage.getItem(PREVIOUS)); } catch (e) { previous = null; }
      if (!previous) return;
      replacePlan(previous, "Den forrige plan er gendannet.");
      render("mh-title");
    }

    // The print: an overview (cohort, venue, trainers, the days with dates and times), then a
    // page per day. The run sheet has the trainer notes, who leads what and the checklist for
    // the day before; the participants' programme (.mh-print-participant) leaves them out.
    function renderPrint() {
      const venue = [clean(plan.venue), clean(plan.address)].filter(Boolean).join(", ");
      const size = plan.size ? ` · ${plan.size} deltagere` : "";
      const trainers = split(plan.trainers);
      const booked = (day) => toMin(day.end) === null ? "" : clock(toMin(day.end));
      const overview = h("section", { class: "mh-print-overview" },
        h("h2", {}, runTitle(data, plan) || "Plan"),
        h("table", { class: "mh-print-facts" }, h("tbody", {},
          split(plan.orgs).length || size ? h("tr", {}, h("th", { scope: "row" }, "Hold"), h("td", {}, split(plan.orgs).join(", ") + size)) : null,
          venue ? h("tr", {}, h("th", { scope: "row" }, "Sted"), h("td", {}, venue)) : null,
          trainers.length ? h("tr", {}, h("th", { scope: "row" }, "Undervisere"), h("td", {}, trainers.join(", "))) : null)),
        h("table", { class: "mh-print-table mh-print-programme" },
          h("thead", {}, h("tr", {}, h("th", { class: "mh-col-day" }, "Dag"), h("th", { class: "mh-col-date" }, "Dato"), h("th", { class: "mh-col-time" }, "Tid"), h("th", {}, "Indhold"))),
          h("tbody", {}, plan.days.map((day, n) => {
            const b = budget(data, day);
            return h("tr", {}, h("td", {}, String(n + 1)), h("td", {}, longDate(day.date) || "Dato ikke valgt"),
              h("td", {}, `${clock(b.start)}–${clock(b.finish)}`), h("td", {}, dayTitle(data, day, n)));
          }))));
      print.replaceChildren(overview, ...plan.days.map((day, n) => {
        const b = budget(data, day);
        const rows = schedule(data, day).filter((r) => !r.skip);
        const homework = day.ref ? data.days[day.ref].homework || [] : [];
        const list = dayChecklist(data, plan, n);
        return h("section", { class: "mh-print-day" },
          h("p", { class: "mh-print-kicker" }, `${runTitle(data, plan)} · Dag ${n + 1} af ${plan.days.length}`),
          h("h2", {}, dayTitle(data, day, n)),
          h("p", {}, [longDate(day.date), `${clock(b.start)}–${booked(day)}`, venue].filter(Boolean).join(" · ")),
          h("table", { class: "mh-print-table" },
            h("thead", {}, h("tr", {}, h("th", { class: "mh-col-time" }, "Tid"), h("th", { class: "mh-col-block" }, "Blok"), h("th", { class: "mh-col-do" }, "Hvad der skal ske"), h("th", { class: "mh-col-tools" }, "Redskaber"), h("th", { class: "mh-notes" }, "Noter til underviseren"))),
            h("tbody", {}, rows.map((r) => h("tr", {},
              h("td", { class: "mh-col-time" }, `${clock(r.from)}–${clock(r.to)}`),
              h("td", {}, h("strong", {}, r.title), h("br"), `${data.kinds[r.kind]} · ${r.minutes} min`,
                r.trainer && trainers.includes(r.trainer) ? h("span", { class: "mh-print-lead mh-notes" }, h("br"), `Leder: ${r.trainer}`) : null),
              h("td", { html: r.description || "" }),
              h("td", {}, r.tools.filter((t) => has(data.tools, t)).map((t) => data.tools[t].title).join(", ")),
              h("td", { class: "mh-notes", html: r.trainer_notes || "" }))))),
          h("p", {}, `Programmet slutter ${clock(b.finish)}` + (b.end === null ? "." : ` (booket til ${clock(b.end)}).`)),
          homework.length ? h("div", { class: "mh-print-homework" }, h("h3", {}, "Hjemmeopgave"),
            h("ul", {}, homework.map((t) => h("li", {}, `«${t}»` + (n + 1 < plan.days.length ? `: tag den med ${longDate(plan.days[n + 1].date) || "næste kursusdag"}.` : ": efter forløbet."))))) : null,
          h("div", { class: "mh-print-checklist mh-notes" },
            h("h3", {}, "Tjekliste til dagen før" + (parseDate(day.date) ? ` (${longDate(shiftDate(day.date, -1))})` : "")),
            h("h4", {}, "Print"), h("ul", {}, list.prints.map((t) => h("li", {}, "☐ " + t))),
            h("h4", {}, "Lokalet"), h("ul", {}, list.room.map((t) => h("li", {}, "☐ " + t)))));
      }));
    }

    // "Hent materialer (PDF)": the build's own PDFs of the plan's tool cards and worksheets,
    // merged into one in the browser (pdf-lib). Nothing is laid out here; a file the site does
    // not have is said by name.
    async function downloadMaterials(status) {
      const wanted = materials(data, plan);
      const show = (text) => { materialNews = text; status.textContent = text; };
      if (!wanted.length) { show("Planen bruger ingen redskaber med redskabskort eller skemaer."); return; }
      show("Materialerne hentes …");
      let PDFLib;
      try { PDFLib = await library(site + "javascripts/vendor/pdf-lib/pdf-lib.min.js", "PDFLib"); } catch (e) {
        show("Materialerne kunne ikke samles: programmet til PDF-filer kunne ikke hentes. Prøv igen.");
        return;
      }
      const out = await PDFLib.PDFDocument.create();
      const missing = [];
      let files = 0;
      for (const m of wanted) {
        let bytes = null;
        try {
          const r = await fetch(site + m.path);
          if (r.ok) bytes = await r.arrayBuffer();
        } catch (e) { bytes = null; }
        if (!bytes) { missing.push(m.title); continue; }
        try {
          const doc = await PDFLib.PDFDocument.load(bytes);
          (await out.copyPages(doc, doc.getPageIndices())).forEach((p) => out.addPage(p));
          files++;
        } catch (e) { missing.push(m.title); }
      }
      const gone = missing.length ? ` Disse findes ikke som PDF på webstedet endnu og er ikke med: ${missing.join(", ")}.` : "";
      if (!files) { show("Ingen af planens materialer findes som PDF på webstedet endnu." + gone); return; }
      out.setTitle(`Materialer: ${runTitle(data, plan) || "plan"}`);
      out.setLanguage("da");
      download(`materialer-${plan.id}.pdf`, await out.save(), "application/pdf");
      show(`Materialerne er hentet: ${files} ${files === 1 ? "fil" : "filer"} og ${out.getPageCount()} sider i én PDF.` + gone);
    }

    load();
    lastBudgets = plan.days.map((d, n) => `Dag ${n + 1}: ${budgetText(budget(data, d))}`);
    render();
  }

  function init() {
    const root = document.querySelector(".mh-planner");
    if (!root) return;
    const url = new URL(root.dataset.data, location.href).href;
    const ready = cache[url] ? Promise.resolve(cache[url]) : fetch(url).then((r) => {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then((raw) => (cache[url] = indexData(raw)));
    ready.then((data) => start(root, data)).catch(() => {
      root.replaceChildren(h("p", { class: "mh-errors" }, "Planlæggerens data kunne ikke hentes. Åbn siden fra håndbogens websted (ikke som en fil), og prøv igen."));
    });
  }
  // Material's instant navigation swaps pages without reloading: hook into its observable.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
