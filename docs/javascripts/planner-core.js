// The planner's rules without a page (/planlaeg/): the plan model, clock times, durations,
// Danish dates, the day budget, the problems a plan can have, the link (#p=…), the run file
// (.yml) and the calendar file (.ics). No DOM: the page script (planner.js) reads it as
// window.PlannerCore, and tests/test_planner_core.py runs it in Node (module.exports)
// against the Python side (handbook/runs.py, handbook/render/ics.py, handbook/text.py).
//
// Blocks of a module day are addressed by their stable key (planner-data.json: blocks[].key,
// the build's Day.block_keys()), as run files do, never by their position in the day.
(function (root, factory) {
  "use strict";
  const core = factory();
  if (typeof module === "object" && module.exports) module.exports = core;
  else root.PlannerCore = core;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  const LINK_VERSION = 2;
  const EARLY_WARNING_MINUTES = 30; // as handbook/runs.py: a day ending earlier is warned about
  const WEEKDAYS = ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"];
  const MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
    "september", "oktober", "november", "december"];

  // --- small helpers ---------------------------------------------------------------------
  // Control characters (as handbook/text.py refuses them) and halves of broken characters.
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;
  const HALF = /[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g;
  const clean = (s, max) => String(s || "").replace(CONTROL, " ").replace(/\s+/g, " ").trim().slice(0, max || 200).replace(HALF, "$1");
  const toMin = (t) => { const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(t || ""); return m ? +m[1] * 60 + +m[2] : null; };
  const hhmm = (n) => String(Math.floor(n / 60) % 24).padStart(2, "0") + ":" + String(n % 60).padStart(2, "0");
  const clock = (n) => String(Math.floor(n / 60)).padStart(2, "0") + "." + String(n % 60).padStart(2, "0"); // the Danish way: 08.30
  const duration = (n) => { const t = Math.floor(n / 60), m = n % 60; return t && m ? `${t} t ${m} min` : t ? `${t} t` : `${m} min`; };
  const parseDate = (s) => { const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s || ""); if (!m) return null; const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])); return d.getUTCDate() === +m[3] && d.getUTCMonth() === +m[2] - 1 ? d : null; };
  const longDate = (s) => { const d = parseDate(s); return d ? `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()}. ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : ""; };
  const shiftDate = (s, n) => { const d = parseDate(s); if (!d) return ""; d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
  // As handbook/run_calendar.py: a run's years, and a clock time the clocks skip (the last
  // Sunday of March, 02.00–03.00: "no-such-time") or pass twice (the last Sunday of
  // October, 02.00–03.00: "time-twice") in Copenhagen (the EU rule, 01.00 UTC).
  const FIRST_YEAR = 2000, LAST_YEAR = 2099;
  const lastSunday = (year, month) => { const d = new Date(Date.UTC(year, month, 0)); return d.getUTCDate() - d.getUTCDay(); };
  function clockChange(date, time) {
    const d = parseDate(date), m = toMin(time);
    if (!d || m === null || m < 120 || m >= 180) return null;
    const y = d.getUTCFullYear(), mo = d.getUTCMonth() + 1;
    if (mo === 3 && d.getUTCDate() === lastSunday(y, 3)) return "no-such-time";
    if (mo === 10 && d.getUTCDate() === lastSunday(y, 10)) return "time-twice";
    return null;
  }
  // handbook/text.py slugify: æ/ø/å spelled out, then NFKD with every non-ASCII mark dropped
  // ("crème" → "creme", not "cre-me").
  const TRANSLIT = { æ: "ae", ø: "oe", å: "aa", Æ: "ae", Ø: "oe", Å: "aa" };
  const slug = (s) => String(s).replace(/[æøåÆØÅ]/g, (c) => TRANSLIT[c]).normalize("NFKD")
    .replace(/[^\u0000-\u007f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  const b64 = (s) => btoa(Array.from(new TextEncoder().encode(s), (b) => String.fromCharCode(b)).join(""))
    .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const unb64 = (s) => new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)));
  const newId = () => "plan-" + Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => "abcdefghijkmnpqrstuvwxyz23456789"[b % 32]).join("");
  const validSize = (s) => (/^\d{1,3}$/.test(s) && +s >= 1 && +s <= 500 ? String(+s) : "");
  let uidCounter = 0;
  const uid = () => "b" + (++uidCounter);

  // --- the data from the build --------------------------------------------------------------
  // Every table an id from a link, a file or the address is looked up in has no prototype:
  // "constructor", "__proto__" or "toString" are unknown ids like any other.
  const table = (pairs) => { const t = Object.create(null); pairs.forEach(([k, v]) => { t[k] = v; }); return t; };
  const has = (t, k) => typeof k === "string" && Object.prototype.hasOwnProperty.call(t, k);
  function indexData(raw) {
    const days = table([]), modules = table([]), courses = table([]);
    raw.modules.forEach((m) => {
      modules[m.id] = m;
      m.days.forEach((d) => { days[d.ref] = Object.assign({ module: m, byKey: table(d.blocks.map((b, i) => [b.key, i])) }, d); });
    });
    raw.courses.forEach((c) => { courses[c.id] = c; });
    const kinds = table(raw.block_kinds.map((k) => [k.id, k.label]));
    const tools = table(Object.entries(raw.tools));
    return Object.assign({}, raw, { days, modulesById: modules, coursesById: courses, kinds, tools });
  }
  // The module block an item stands for (by its key), or undefined.
  const blockOf = (data, day, item) => data.days[day.ref].blocks[data.days[day.ref].byKey[item.key]];

  // --- the plan -----------------------------------------------------------------------------
  // plan = {id, title, orgs, size, venue, address, trainers, course, days: [day], messages}
  // day  = {ref | null, date, start, end, title, items: [item]}
  // item = {key, skip, minutes, title, tools, trainer}   a block of the module day (key: its key)
  //      | {own: true, kind, title, minutes, tools, trainer, description, notes} an own block
  // trainer: one of the plan's trainers (a name) or null; description and notes (for the
  // trainer) of an own block are typed text, line breaks kept.
  // messages: what could not be carried over when the plan was read from a link (Danish).
  const emptyPlan = () => ({ id: newId(), title: "", orgs: "", size: "", venue: "", address: "", trainers: "", course: "", days: [], messages: [] });
  const baseItem = (key) => ({ uid: uid(), key, skip: false, minutes: null, title: null, tools: [], trainer: null });
  const ownItem = (kind, title, minutes, extra) => Object.assign({ uid: uid(), own: true, kind, title, minutes, tools: [], trainer: null, description: "", notes: "" }, extra || {});
  // Typed text with its paragraphs: control characters out, spaces and blank lines tidied.
  const cleanLong = (s, max) => String(s || "").replace(/\r\n?/g, "\n").replace(CONTROL, " ").split("\n")
    .map((l) => l.replace(/[ \t]+/g, " ").trim()).join("\n").replace(/\n{3,}/g, "\n\n").trim().slice(0, max || 2000).replace(HALF, "$1");

  function dayFromRef(data, ref, date, start) {
    const base = data.days[ref];
    const from = toMin(start) === null ? 540 : toMin(start);
    const total = base.blocks.reduce((s, b) => s + b.minutes, 0);
    return { ref, date: date || "", start: hhmm(from), end: hhmm(Math.min(from + total, 23 * 60 + 59)), title: "", items: base.blocks.map((b) => baseItem(b.key)) };
  }
  const emptyDay = (date) => ({ ref: null, date: date || "", start: "09:00", end: "12:00", title: "", items: [] });

  // What an item is on the page: the module block with the trainer's changes.
  function view(data, day, item) {
    // An own block's texts are typed text: shown as text, never as HTML (see textHtml).
    if (item.own) return Object.assign({ key: null, baseTools: [] }, item, { added: item.tools, description: textHtml(item.description), trainer_notes: textHtml(item.notes) });
    const b = blockOf(data, day, item);
    return {
      key: b.key, kind: b.kind, title: item.title || b.title, minutes: item.minutes || b.minutes,
      description: b.description, trainer_notes: b.trainer_notes, baseTools: b.tools,
      tools: b.tools.concat(item.tools.filter((t) => !b.tools.includes(t))), added: item.tools, skip: item.skip, trainer: item.trainer || null,
    };
  }

  const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const textHtml = (s) => (clean(s) ? cleanLong(s).split(/\n\n/).map((p) => "<p>" + escapeHtml(p).replace(/\n/g, "<br>") + "</p>").join("") : "");

  function schedule(data, day) {
    let t = toMin(day.start) === null ? 540 : toMin(day.start);
    return day.items.map((item) => {
      const v = Object.assign(view(data, day, item), { uid: item.uid });
      if (v.skip) return Object.assign(v, { from: null, to: null });
      const row = Object.assign(v, { from: t, to: t + v.minutes });
      t += v.minutes;
      return row;
    });
  }

  function budget(data, day) {
    const rows = schedule(data, day).filter((r) => !r.skip);
    const start = toMin(day.start) === null ? 540 : toMin(day.start);
    const total = rows.reduce((s, r) => s + r.minutes, 0);
    const end = toMin(day.end);
    const left = end === null ? null : end - (start + total);
    return { start, total, finish: start + total, end, left };
  }

  function budgetText(b) {
    const span = `Programmet varer ${duration(b.total)}, fra ${clock(b.start)} til ${clock(b.finish)}.`;
    if (b.left === null) return span + " Angiv et sluttidspunkt.";
    const booked = ` Booket til ${clock(b.end)}: `;
    if (b.left > 0) return span + booked + `${duration(b.left)} tilbage.`;
    if (b.left < 0) return span + booked + `${duration(-b.left)} for meget.`;
    return span + booked + "passer præcist.";
  }

  const runTitle = (data, plan) => clean(plan.title) || (plan.course ? data.coursesById[plan.course].title : "") ||
    (plan.days.length ? dayTitle(data, plan.days[0], 0) : "");
  const dayTitle = (data, day, n) => clean(day.title) || (day.ref ? data.days[day.ref].title : `Egen dag ${n + 1}`);

  // --- the plan in the page address (compact) and in localStorage -----------------------
  // Version 2: {"v":2, "i":id, "t":title, …, "d":[{"r":ref, "t":date, "s":start, "e":end,
  // "n":title, "b":[…]}]} where "b" lists the day's blocks in order: a module block as its key
  // ("frokost") or with changes ({"k":"frokost","m":30,"x":1,"n":title,"o":[tools]}), an own
  // block as {"f":kind,"n":title,"m":minutes,"o":[tools]}. A day left as in the module has no
  // "b". Version 1 addressed module blocks by position ({"i":6}); see decode().
  const FIELDS = [["title", "t"], ["orgs", "o"], ["size", "z"], ["venue", "l"], ["address", "a"], ["trainers", "r"], ["course", "c"]];

  function encode(data, plan) {
    const out = { v: LINK_VERSION, i: plan.id };
    FIELDS.forEach(([k, s]) => { if (plan[k]) out[s] = plan[k]; });
    out.d = plan.days.map((d) => {
      const x = { s: d.start, e: d.end };
      if (d.ref) x.r = d.ref;
      if (d.date) x.t = d.date;
      if (d.title) x.n = d.title;
      const items = d.items.map((it) => {
        if (it.own) {
          return Object.assign({ f: it.kind, n: it.title, m: it.minutes }, it.tools.length ? { o: it.tools } : {},
            it.trainer ? { p: it.trainer } : {}, it.description ? { d: it.description } : {}, it.notes ? { w: it.notes } : {});
        }
        if (!it.skip && !it.minutes && !it.title && !it.tools.length && !it.trainer) return it.key;
        const y = { k: it.key };
        if (it.skip) y.x = 1;
        if (it.minutes) y.m = it.minutes;
        if (it.title) y.n = it.title;
        if (it.tools.length) y.o = it.tools;
        if (it.trainer) y.p = it.trainer;
        return y;
      });
      const keys = d.ref ? data.days[d.ref].blocks.map((b) => b.key) : [];
      const untouched = d.ref && items.length === keys.length && items.every((y, i) => y === keys[i]);
      if (!untouched) x.b = items;
      return x;
    });
    return b64(JSON.stringify(out));
  }

  const MISSING = (n, key) => `Dag ${n}: Blokken «${key}» findes ikke længere i dagen; din ændring er ikke brugt.`;
  const GONE = (n, key) => `Dag ${n}: Blokken «${key}» findes ikke længere i dagen.`;
  const ADDED = (n, title) => `Dag ${n}: Blokken «${title}» er ny i dagen og er sat ind.`;
  const OLD_LINK = (n) => `Dag ${n}: Linket er lavet med en ældre udgave af planlæggeren, som husker blokkene efter deres plads i dagen. ` +
    "Det kan ikke afgøres sikkert, hvilke blokke ændringerne gjaldt, så de er ikke brugt: dagen vises, som den står i håndbogen.";

  // A plan from a link is data from anyone: every value is checked, unknown ones dropped.
  // What cannot be carried over (a key the module day no longer has, an old link's block
  // changes) is said in plan.messages, and never applied to another block.
  function decode(data, code) {
    const raw = JSON.parse(unb64(code));
    if (!raw || (raw.v !== 1 && raw.v !== LINK_VERSION)) throw new Error("unknown plan version");
    const plan = emptyPlan();
    if (typeof raw.i === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(raw.i) && raw.i.length <= 60) plan.id = raw.i;
    FIELDS.forEach(([k, s]) => { plan[k] = clean(raw[s]); });
    if (!has(data.coursesById, plan.course)) plan.course = "";
    plan.size = validSize(plan.size);
    const tools = (list) => (Array.isArray(list) ? list : []).filter((t) => has(data.tools, t)).slice(0, 30);
    const mins = (m) => (Number.isInteger(m) && m > 0 && m <= 480 ? m : null);
    const names = split(plan.trainers);
    const trainer = (p) => (typeof p === "string" && names.includes(clean(p)) ? clean(p) : null);
    const ownBlock = (kind, y) => (has(data.kinds, kind)
      ? ownItem(kind, clean(y.n) || "Egen blok", mins(y.m) || 30, { tools: tools(y.o), trainer: trainer(y.p), description: cleanLong(y.d), notes: cleanLong(y.w) }) : null);
    plan.days = (Array.isArray(raw.d) ? raw.d : []).slice(0, 30).map((x, n) => {
      if (!x || typeof x !== "object") x = {};
      const ref = has(data.days, x.r) ? x.r : null;
      const day = ref ? dayFromRef(data, ref) : emptyDay();
      day.date = parseDate(x.t) ? x.t : "";
      day.start = toMin(x.s) === null ? day.start : x.s;
      day.end = toMin(x.e) === null ? day.end : x.e;
      day.title = clean(x.n);
      if (!Array.isArray(x.b)) return day;
      const entries = x.b.slice(0, 60);
      if (raw.v === 1) {
        // Positions say nothing once a module day has changed: an own day's blocks are kept
        // (they name no module block), a module day's changes are refused out loud.
        if (ref) { plan.messages.push(OLD_LINK(n + 1)); return day; }
        day.items = entries.map((y) => (y && typeof y === "object" && y.i === undefined ? ownBlock(y.k, y) : null)).filter(Boolean);
        return day;
      }
      const base = ref ? data.days[ref] : null;
      const seen = new Set();
      day.items = entries.map((y) => {
        if (typeof y === "string") y = { k: y };
        if (!y || typeof y !== "object") return null;
        if (y.f !== undefined) return ownBlock(y.f, y);
        if (!base || typeof y.k !== "string" || seen.has(y.k)) return null;
        if (!Object.prototype.hasOwnProperty.call(base.byKey, y.k)) {
          const changed = y.x === 1 || y.m !== undefined || y.n !== undefined || y.o !== undefined;
          plan.messages.push((changed ? MISSING : GONE)(n + 1, clean(y.k, 80)));
          return null;
        }
        seen.add(y.k);
        return { uid: uid(), key: y.k, skip: y.x === 1, minutes: mins(y.m), title: clean(y.n) || null, tools: tools(y.o), trainer: trainer(y.p) };
      }).filter(Boolean);
      // Blocks the module day has gained since the link was made: in, after the nearest
      // module block before them that the plan has (or first), as the module has them.
      if (base) base.blocks.forEach((b, i) => {
        if (seen.has(b.key)) return;
        seen.add(b.key);
        let at = 0;
        for (let j = i - 1; j >= 0 && !at; j--) at = day.items.findIndex((it) => !it.own && it.key === base.blocks[j].key) + 1;
        day.items.splice(at, 0, baseItem(b.key));
        plan.messages.push(ADDED(n + 1, b.title));
      });
      return day;
    });
    return plan;
  }

  // --- the run file (YAML) ----------------------------------------------------------------
  // Every string is written as a JSON string: valid YAML, with nothing left for YAML to read
  // as a number, a date, a comment or a key. Text the trainer typed is also escaped for the
  // handbook's text format (handbook/text.py), so "<" or "*" stays a character.
  const q = (s) => JSON.stringify(s);
  const ESCAPED = /[\\`*_[\]<>&]/g;
  const typed = (s) => q(clean(s).replace(ESCAPED, "\\$&"));
  const typedLong = (s) => q(cleanLong(s).replace(ESCAPED, "\\$&"));
  const untyped = (s) => String(s).replace(/\\([\\`*_[\]<>&])/g, "$1"); // typed() read back
  const list = (xs) => "[" + xs.map(q).join(", ") + "]";
  const split = (s) => clean(s, 500).split(",").map((x) => clean(x)).filter(Boolean);

  function copyBlock(data, day, item, id) {
    const b = blockOf(data, day, item);
    const v = view(data, day, item);
    const out = { id, title: item.title ? null : b.title, typedTitle: item.title, kind: b.kind, minutes: v.minutes, tools: v.tools, trainer: item.trainer };
    Object.assign(out, { description: b.source.description, questions: b.source.questions, trainer_notes: b.source.trainer_notes });
    return out;
  }

  function blockYaml(block, pad) {
    const lines = [];
    if (block.id) lines.push(`id: ${block.id}`);
    lines.push(`title: ${block.typedTitle ? typed(block.typedTitle) : q(block.title)}`);
    lines.push(`kind: ${q(block.kind)}`, `minutes: ${block.minutes}`);
    if (block.typedDescription) lines.push(`description: ${typedLong(block.typedDescription)}`);
    else if (block.description) lines.push(`description: ${q(block.description)}`);
    if (block.questions && block.questions.length) lines.push(`questions: ${list(block.questions)}`);
    if (block.tools.length) lines.push(`tools: ${list(block.tools)}`);
    if (block.typedNotes) lines.push(`trainer_notes: ${typedLong(block.typedNotes)}`);
    else if (block.trainer_notes) lines.push(`trainer_notes: ${q(block.trainer_notes)}`);
    if (block.trainer) lines.push(`trainer: ${typed(block.trainer)}`);
    return lines.map((l, i) => (i ? pad : "") + l).join("\n");
  }

  // Longest run of module blocks still in their original order: those stay where they are.
  function keptInPlace(indices) {
    const best = indices.map(() => 1), prev = indices.map(() => -1);
    let end = -1;
    indices.forEach((x, i) => {
      if (x < 0) { best[i] = 0; return; }
      for (let j = 0; j < i; j++) if (indices[j] >= 0 && indices[j] < x && best[j] + 1 > best[i]) { best[i] = best[j] + 1; prev[i] = j; }
      if (end < 0 || best[i] > best[end]) end = i;
    });
    const kept = new Set();
    for (let i = end; i >= 0 && best[i] > 0; i = prev[i]) kept.add(indices[i]);
    return kept;
  }

  // A module day's changes, by block key. A module block that was moved or renamed has no
  // change of its own in the run format: it is skipped and inserted again as a copy with the
  // same key. Everything else keeps its key and is changed in place.
  function dayChanges(data, day, trainers) {
    const who = (it) => (it.trainer && (trainers || []).includes(it.trainer) ? it.trainer : null);
    const base = data.days[day.ref].blocks;
    const index = data.days[day.ref].byKey;
    const keys = base.map((b) => b.key);
    const live = day.items.filter((it) => !it.skip);
    const kept = keptInPlace(live.map((it) => (it.own || it.title ? -1 : index[it.key])));
    const keptItem = (it) => !it.own && kept.has(index[it.key]);
    const taken = new Set(keys);
    const ownId = (title) => {
      const stem = "egen-" + (slug(title) || "blok");
      let id = stem, n = 1;
      while (taken.has(id)) id = `${stem}-${++n}`;
      taken.add(id);
      return id;
    };
    // With no module block left in place there is nothing to insert after: keep the first
    // block until every insert is made, then skip it.
    const anchor = kept.size ? null : keys[0];
    const changes = [];
    keys.forEach((k, i) => { if (!kept.has(i) && k !== anchor) changes.push(`- skip: ${k}`); });
    live.forEach((it) => {
      if (!keptItem(it)) return;
      const b = base[index[it.key]];
      const parts = [];
      if (it.minutes && it.minutes !== b.minutes) parts.push(`minutes: ${it.minutes}`);
      const added = it.tools.filter((t) => !b.tools.includes(t));
      if (added.length) parts.push(`add_tools: ${list(added)}`);
      if (who(it)) parts.push(`trainer: ${typed(who(it))}`);
      if (parts.length) changes.push(`- block: ${it.key}\n  ` + parts.join("\n  "));
    });
    const firstKept = live.find(keptItem);
    let prev = anchor;
    live.forEach((it) => {
      if (keptItem(it)) { prev = it.key; return; }
      const block = it.own
        ? ownYaml(it, ownId(it.title), who(it))
        : Object.assign(copyBlock(data, day, it, it.key === anchor ? ownId(it.key) : it.key), { trainer: who(it) });
      const where = prev ? `- insert_after: ${prev}` : `- insert_before: ${firstKept.key}`;
      changes.push(`${where}\n  block:\n    ${blockYaml(block, "    ")}`);
      prev = block.id;
    });
    if (anchor) changes.push(`- skip: ${anchor}`);
    return changes;
  }

  const ownYaml = (it, id, trainer) => ({ id, typedTitle: it.title, kind: it.kind, minutes: it.minutes, tools: it.tools,
    typedDescription: it.description, typedNotes: it.notes, trainer });

  function runYaml(data, plan) {
    const out = ["# yaml-language-server: $schema=../schemas/run.schema.json",
      "# Lavet med planlæggeren i Metodehåndbogen (Planlæg en kursusdag).",
      `# Gem filen som runs/${plan.id}.yml og byg med: python build.py run runs/${plan.id}.yml`];
    out.push(`title: ${typed(runTitle(data, plan))}`);
    if (plan.course) out.push(`course: ${plan.course}`);
    out.push("cohort:", `  organisations: [${split(plan.orgs).map(typed).join(", ")}]`);
    if (plan.size) out.push(`  size: ${+plan.size}`);
    out.push("venue:", `  name: ${typed(plan.venue)}`);
    if (clean(plan.address)) out.push(`  address: ${typed(plan.address)}`);
    const trainers = split(plan.trainers);
    if (trainers.length) out.push(`trainers: [${trainers.map(typed).join(", ")}]`);
    out.push("days:");
    plan.days.forEach((d, n) => {
      const lines = [];
      if (d.ref) lines.push(`day: ${d.ref}`);
      lines.push(`date: ${d.date}`, `start: ${q(d.start)}`, `end: ${q(d.end)}`);
      if (d.ref && clean(d.title)) lines.push(`title: ${typed(d.title)}`);
      if (!d.ref) lines.push(`title: ${typed(clean(d.title) || "Egen dag " + (n + 1))}`);
      if (d.ref) {
        const changes = dayChanges(data, d, trainers);
        if (changes.length) lines.push("changes:", ...changes.map((c) => "  " + c.replace(/\n/g, "\n  ")));
      } else {
        lines.push("blocks:");
        d.items.filter((it) => !it.skip).forEach((it) => {
          lines.push("  - " + blockYaml(ownYaml(it, null, it.trainer && trainers.includes(it.trainer) ? it.trainer : null), "    "));
        });
      }
      out.push("  - " + lines.join("\n").replace(/\n/g, "\n    "));
    });
    return out.join("\n") + "\n";
  }

  // --- a plan file read back (.yml, from the planner or written by hand) ------------------
  // `raw` is the file as parsed YAML (the page uses js-yaml's JSON schema, so dates and clock
  // times stay strings); `name` is the file's name. Returns the plan; plan.messages says in
  // Danish everything the file holds that the page cannot show (it is not silently dropped).
  // A planner-made file reads back to the same plan: runYaml(readRunFile(runYaml(p))) is the
  // same text. A skip of a module block followed by an insert of a block with its key is that
  // block moved or renamed (how runYaml writes it), and is read as the module block again.
  const RUN_FIELDS = ["id", "title", "course", "cohort", "venue", "trainers", "days"];
  const DAY_FIELDS = ["day", "date", "start", "end", "title", "changes", "blocks"];
  const BLOCK_FIELDS = ["id", "title", "kind", "minutes", "description", "questions", "tools", "trainer_notes", "trainer"];
  const CHANGE_FIELDS = ["skip", "block", "minutes", "add_tools", "swap_tool", "insert_after", "insert_before", "trainer"];
  const isMap = (v) => !!v && typeof v === "object" && !Array.isArray(v);
  const text = (v) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
  const quoted = (v) => `«${clean(text(v) || JSON.stringify(v), 80)}»`;

  function readRunFile(data, raw, name) {
    if (!isMap(raw) || !Array.isArray(raw.days)) {
      throw new Error("Filen er ikke en planfil: den skal have en liste af dage (days).");
    }
    const plan = emptyPlan();
    const say = (m) => plan.messages.push(m);
    const extra = (obj, fields, where) => {
      if (isMap(obj)) Object.keys(obj).forEach((k) => { if (!fields.includes(k)) say(`${where}: feltet «${clean(k, 60)}» kan planlæggeren ikke vise, og det kommer ikke med, når planen hentes igen.`); });
    };
    extra(raw, RUN_FIELDS, "Planen");
    const slugOk = (s) => typeof s === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) && s.length <= 60;
    const stem = String(name || "").replace(/^.*[\\/]/, "").replace(/\.ya?ml$/i, "");
    if (slugOk(raw.id)) plan.id = raw.id;
    else if (slugOk(stem)) plan.id = stem;
    plan.title = untyped(clean(text(raw.title)));
    if (raw.course !== undefined) {
      if (has(data.coursesById, raw.course)) plan.course = raw.course;
      else say(`Planen: forløbet ${quoted(raw.course)} findes ikke i håndbogen; planen er vist uden forløb.`);
    }
    const cohort = isMap(raw.cohort) ? raw.cohort : {};
    extra(cohort, ["organisations", "size"], "Holdet (cohort)");
    const orgs = (Array.isArray(cohort.organisations) ? cohort.organisations : []).map((o) => untyped(clean(text(o))));
    if (orgs.some((o) => o.includes(","))) say("Holdet: en organisation med komma i navnet deles i to, fordi planlæggeren adskiller organisationer med komma.");
    plan.orgs = orgs.filter(Boolean).join(", ");
    if (cohort.size !== undefined) {
      plan.size = validSize(text(cohort.size));
      if (!plan.size) say(`Holdet: antallet af deltagere ${quoted(cohort.size)} kan ikke bruges (1–500).`);
    }
    const venue = isMap(raw.venue) ? raw.venue : {};
    extra(venue, ["name", "address"], "Stedet (venue)");
    plan.venue = untyped(clean(text(venue.name)));
    plan.address = untyped(clean(text(venue.address)));
    const trainers = (Array.isArray(raw.trainers) ? raw.trainers : []).map((t) => untyped(clean(text(t)))).filter(Boolean);
    if (trainers.some((t) => t.includes(","))) say("Underviserne: et navn med komma deles i to, fordi planlæggeren adskiller navne med komma.");
    const trainerOf = (v, where) => {
      if (v === undefined || v === null) return null;
      const who = untyped(clean(text(v)));
      if (!who) return null;
      if (!trainers.includes(who)) { trainers.push(who); say(`${where}: underviseren «${who}» stod ikke blandt planens undervisere og er tilføjet.`); }
      return who;
    };
    const toolsOf = (list, where) => (Array.isArray(list) ? list : []).filter((t) => {
      if (has(data.tools, t)) return true;
      say(`${where}: redskabet ${quoted(t)} findes ikke i håndbogen og er ikke med.`);
      return false;
    });
    const minutesOf = (m, where, fallback) => {
      if (Number.isInteger(m) && m > 0 && m <= 480) return m;
      if (m !== undefined) say(`${where}: ${quoted(m)} minutter kan ikke bruges (1–480); blokken har fået ${fallback} min.`);
      return fallback;
    };
    // An own block from the file (a day's `blocks`, or a change's new block).
    const ownFrom = (b, where) => {
      extra(b, BLOCK_FIELDS, where);
      const title = untyped(clean(text(b.title))) || "Egen blok";
      let kind = b.kind;
      if (!has(data.kinds, kind)) { say(`${where}: formen ${quoted(kind)} kendes ikke; blokken «${title}» er vist som oplæg.`); kind = "oplæg"; }
      if (Array.isArray(b.questions) && b.questions.length) say(`${where}: blokkens spørgsmål til drøftelse (questions) kan planlæggeren ikke vise, og de kommer ikke med, når planen hentes igen.`);
      return ownItem(kind, title, minutesOf(b.minutes, where, 30), {
        tools: toolsOf(b.tools, where), trainer: trainerOf(b.trainer, where),
        description: untyped(cleanLong(text(b.description))), notes: untyped(cleanLong(text(b.trainer_notes))),
      });
    };
    plan.trainers = ""; // set below, once the blocks have named theirs
    plan.days = raw.days.slice(0, 30).map((x, n) => {
      const name = `Dag ${n + 1}`;
      if (!isMap(x)) { say(`${name}: kan ikke læses og er ikke med.`); return null; }
      extra(x, DAY_FIELDS, name);
      let day;
      if (x.day !== undefined) {
        if (!has(data.days, x.day)) { say(`${name}: dagen ${quoted(x.day)} findes ikke i håndbogen, så dagen er ikke med.`); return null; }
        day = dayFromRef(data, x.day);
        readChanges(day, Array.isArray(x.changes) ? x.changes : [], name);
      } else {
        day = emptyDay();
        day.items = (Array.isArray(x.blocks) ? x.blocks : []).slice(0, 60).map((b, i) => (isMap(b) ? ownFrom(b, `${name}, blok ${i + 1}`) : null)).filter(Boolean);
      }
      day.title = untyped(clean(text(x.title)));
      const date = text(x.date);
      if (parseDate(date)) day.date = date;
      else say(`${name}: datoen ${quoted(x.date)} kan ikke læses; skriv den som år-måned-dag, fx 2027-03-02.`);
      const clockOf = (v, fallback, label) => {
        if (v === undefined) return fallback;
        if (toMin(text(v)) !== null) return text(v);
        say(`${name}: ${label} ${quoted(v)} kan ikke læses; skriv det som "08:30".`);
        return fallback;
      };
      day.start = clockOf(x.start, "09:00", "starttidspunktet");
      day.end = clockOf(x.end, day.end, "sluttidspunktet");
      return day;
    }).filter(Boolean);
    if (raw.days.length > 30) say("Planen: kun de første 30 dage er med.");
    plan.trainers = trainers.join(", ");
    return plan;

    function readChanges(day, changes, name) {
      const base = data.days[day.ref];
      const byId = new Map(day.items.map((it) => [it.key, it])); // block key or own id → item
      const copies = new Map(); // copy of the first block, made while it was the anchor (runYaml)
      const find = (key, where) => {
        const it = typeof key === "string" ? byId.get(key) : undefined;
        if (!it) say(`${where}: dagen har ingen blok ${quoted(key)}; ændringen er ikke brugt.`);
        return it;
      };
      changes.forEach((c, i) => {
        const where = `${name}, ændring ${i + 1}`;
        if (!isMap(c)) { say(`${where}: kan ikke læses og er ikke brugt.`); return; }
        extra(c, CHANGE_FIELDS, where);
        if (c.skip !== undefined) {
          const it = find(c.skip, where);
          if (!it) return;
          if (copies.has(it)) { day.items.splice(day.items.indexOf(it), 1); copies.delete(it); } // the copy stands for it
          else it.skip = true;
          return;
        }
        if (c.insert_after !== undefined || c.insert_before !== undefined) {
          const anchorKey = c.insert_after !== undefined ? c.insert_after : c.insert_before;
          const at = find(anchorKey, where);
          if (!at || !isMap(c.block)) { if (at) say(`${where}: en ny blok mangler (block).`); return; }
          const b = c.block;
          const k = b.id;
          const source = (key) => base.blocks[base.byKey[key]];
          let it;
          const first = base.blocks[0].key;
          if (has(base.byKey, k) && byId.get(k) && byId.get(k).skip && !byId.get(k).own) {
            it = byId.get(k); // a module block moved or renamed
            day.items.splice(day.items.indexOf(it), 1);
            it.skip = false;
          } else if (k === "egen-" + slug(first) && byId.get(first) && !byId.get(first).skip && b.kind === source(first).kind) {
            it = baseItem(first); // the first block, moved while it held the others' place
            copies.set(byId.get(first), it);
          }
          if (it) {
            const src = source(it.key);
            extra(b, BLOCK_FIELDS, where);
            const title = untyped(clean(text(b.title)));
            it.title = title && title !== src.title ? title : null;
            const m = minutesOf(b.minutes, where, src.minutes);
            it.minutes = m !== src.minutes ? m : null;
            const tools = toolsOf(b.tools, where);
            src.tools.filter((t) => !tools.includes(t)).forEach((t) => say(`${where}: at fjerne redskabet «${t}» fra «${src.title}» kan planlæggeren ikke vise; det er stadig med.`));
            it.tools = tools.filter((t) => !src.tools.includes(t));
            it.trainer = trainerOf(b.trainer, where);
            const same = (a, z) => JSON.stringify(a || null) === JSON.stringify(z || null);
            if (!same(b.description, src.source.description) || !same(b.trainer_notes, src.source.trainer_notes) ||
              !same(b.questions && b.questions.length ? b.questions : null, src.source.questions.length ? src.source.questions : null)) {
              say(`${where}: blokken «${src.title}» har sine egne tekster i filen; planlæggeren viser håndbogens.`);
            }
          } else {
            it = ownFrom(b, where);
          }
          const pos = day.items.indexOf(at) + (c.insert_after !== undefined ? 1 : 0);
          day.items.splice(pos, 0, it);
          byId.set(typeof k === "string" ? k : slug(text(b.title)), it); // the key later changes use (as handbook/runs.py)
          return;
        }
        const it = find(c.block, where);
        if (!it) return;
        const src = it.own ? null : base.blocks[base.byKey[it.key]];
        if (c.minutes !== undefined) {
          const m = minutesOf(c.minutes, where, src ? src.minutes : it.minutes);
          if (it.own) it.minutes = m; else it.minutes = m !== src.minutes ? m : null;
        }
        toolsOf(c.add_tools, where).forEach((t) => { if (!it.tools.includes(t) && !(src && src.tools.includes(t))) it.tools.push(t); });
        if (isMap(c.swap_tool)) {
          const to = c.swap_tool.to;
          say(`${where}: at bytte redskabet ${quoted(c.swap_tool.from)} ud kan planlæggeren ikke vise; ${quoted(to)} er tilføjet, og det gamle er stadig med.`);
          toolsOf([to], where).forEach((t) => { if (!it.tools.includes(t) && !(src && src.tools.includes(t))) it.tools.push(t); });
        }
        if (c.trainer !== undefined) it.trainer = trainerOf(c.trainer, where);
      });
    }
  }

  // "Samme ugedag hver uge": every day after the first gets the first day's date plus a week
  // per day. Returns how many dates changed; without a first date nothing changes.
  function fillWeekly(plan) {
    const first = plan.days.length && parseDate(plan.days[0].date) ? plan.days[0].date : "";
    if (!first) return 0;
    let changed = 0;
    plan.days.forEach((d, n) => {
      const date = shiftDate(first, 7 * n);
      if (d.date !== date) { d.date = date; changed++; }
    });
    return changed;
  }

  // The day before a day (as handbook/render/pdf.py day_checklist): what to print, how many
  // copies (the cohort and the trainers), and the room. Worksheets and homework come from the
  // planner data (tools[].worksheets, days[].homework); nothing is guessed here.
  function dayChecklist(data, plan, n) {
    const day = plan.days[n];
    const rows = schedule(data, day).filter((r) => !r.skip);
    const size = +plan.size || 0;
    const trainers = split(plan.trainers).length;
    const copies = size
      ? `${size + trainers} kopier (${size} til deltagerne` + (trainers ? `, ${trainers} til ${trainers === 1 ? "underviseren" : "underviserne"})` : ")")
      : "én kopi pr. deltager og underviser";
    const prints = [];
    if (n === 0) prints.push(`Deltagerprogrammet: ${copies}, hvis det ikke er sendt ud.`);
    const seen = new Set();
    rows.forEach((r) => r.tools.forEach((tid) => {
      if (seen.has(tid) || !has(data.tools, tid)) return;
      seen.add(tid);
      (data.tools[tid].worksheets || []).forEach((w) => prints.push(`Skemaet «${w.title}» (${data.tools[tid].title}): ${copies}.`));
    }));
    (day.ref ? data.days[day.ref].homework || [] : []).forEach((title) => prints.push(`Hjemmeopgaven «${title}»: ${copies}.`));
    if (!prints.length) prints.push("Intet ud over deltagerprogrammet.");
    const b = budget(data, day);
    const venue = [clean(plan.venue), clean(plan.address)].filter(Boolean).join(", ");
    const end = b.end === null ? b.finish : b.end;
    const room = [`Lokale: ${venue || "(sted ikke angivet)"}, booket ${clock(b.start)}–${clock(end)}. Mød ind kl. ${clock(Math.max(b.start - 30, 0))} og gør klar.`];
    const kinds = new Set(rows.map((r) => r.kind));
    const any = (...ks) => ks.some((k) => kinds.has(k));
    if (n === 0) room.push(`Navneskilte og deltagerliste${size ? ` (${size} deltagere)` : ""}.`);
    if (any("oplæg", "velkomst")) room.push("Projektor og lærred, testet med din computer og dine slides.");
    if (any("øvelse", "rollespil", "case")) room.push(`Borde og stole, så deltagerne kan arbejde i par og små grupper${size ? ` (${Math.floor(size / 2)} par)` : ""}.`);
    if (any("drøftelse", "opsamling", "evaluering")) room.push("Flipover og tusser til drøftelser og opsamling.");
    const breaks = rows.filter((r) => r.kind === "pause").map((r) => clock(r.from));
    const lunch = rows.filter((r) => r.kind === "frokost").map((r) => clock(r.from));
    const food = [];
    if (breaks.length) food.push("kaffe, te og vand til pauserne kl. " + breaks.join(" og "));
    if (lunch.length) food.push("frokost kl. " + lunch.join(" og "));
    if (food.length) room.push("Forplejning bestilt: " + food.join("; ") + ".");
    if (kinds.has("evaluering")) room.push("Evalueringsskemaet eller linket til evalueringen klar.");
    return { prints, room };
  }

  // The PDFs the plan's materials are made of, in the order the plan uses the tools: each
  // tool's card, then its worksheets. Paths come from the planner data (the build's own
  // names, relative to the site root); a tool without a card PDF has card: null.
  function materials(data, plan) {
    const out = [];
    const seen = new Set();
    plan.days.forEach((d) => schedule(data, d).filter((r) => !r.skip).forEach((r) => r.tools.forEach((tid) => {
      if (seen.has(tid) || !has(data.tools, tid)) return;
      seen.add(tid);
      const t = data.tools[tid];
      if (t.card_pdf) out.push({ tool: tid, kind: "card", title: `Redskabskortet «${t.title}»`, path: t.card_pdf });
      (t.worksheets || []).forEach((w) => out.push({ tool: tid, kind: "worksheet", title: `Skemaet «${w.title}»`, path: w.pdf }));
    })));
    return out;
  }

  // --- the calendar file (RFC 5545) -------------------------------------------------------
  // As the build's (handbook/render/ics.py, handbook/run_calendar.py): METHOD:PUBLISH; the
  // time zone as yearly rules, which hold for every year a run may use (2000–2099); the
  // SUMMARY names the day and what it belongs to (the course, else the module, else the
  // plan). SEQUENCE: the build counts an event's changes in the run's manifest.json; the
  // page keeps no such history, so each download is SEQUENCE:0 with a fresh DTSTAMP, which
  // RFC 5546 (2.1.5) orders after an earlier copy of the same sequence.
  const VTIMEZONE = ["BEGIN:VTIMEZONE", "TZID:Europe/Copenhagen",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE"];
  const icsText = (s) => s.replace(/[\\;,]/g, "\\$&").replace(/\n/g, "\\n");
  function fold(line) { // lines of at most 75 octets, never splitting a character
    const enc = new TextEncoder();
    const out = [];
    let cur = "", size = 0;
    for (const ch of line) {
      const n = enc.encode(ch).length;
      if (size + n > (out.length ? 74 : 75)) { out.push(cur); cur = ""; size = 0; }
      cur += ch; size += n;
    }
    out.push(cur);
    return out.join("\r\n ");
  }

  // `now` (a Date) only for DTSTAMP; the tests pass a fixed one.
  function eventSummary(data, plan, day, n) {
    const title = dayTitle(data, day, n);
    const of = plan.course ? data.coursesById[plan.course].title : day.ref ? data.days[day.ref].module.title : runTitle(data, plan);
    return !of || of === title ? title : `${title} · ${of}`;
  }

  function icsFile(data, plan, now) {
    const stamp = (now || new Date()).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const at = (date, time) => date.replace(/-/g, "") + "T" + time.replace(":", "") + "00";
    const location = [clean(plan.venue), clean(plan.address)].filter(Boolean).join(", ");
    const title = runTitle(data, plan);
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Metodehåndbogen//Kursusforløb//DA", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${icsText(title)}`, ...VTIMEZONE];
    plan.days.forEach((day, n) => {
      // The same description as the build's calendar (handbook/render/ics.py): no trainer notes.
      const rows = schedule(data, day).filter((r) => !r.skip);
      const programme = [title, "", ...rows.map((r) => `${clock(r.from)} ${clean(r.title)}`), `${clock(budget(data, day).finish)} Slut`].join("\n");
      lines.push("BEGIN:VEVENT", `UID:${plan.id}-${n + 1}@metodehaandbogen`, `DTSTAMP:${stamp}`, "SEQUENCE:0",
        `DTSTART;TZID=Europe/Copenhagen:${at(day.date, day.start)}`, `DTEND;TZID=Europe/Copenhagen:${at(day.date, day.end)}`,
        `SUMMARY:${icsText(eventSummary(data, plan, day, n))}`);
      if (location) lines.push(`LOCATION:${icsText(location)}`);
      lines.push(`DESCRIPTION:${icsText(programme)}`, "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  // --- what must be right -------------------------------------------------------------------
  // Each problem: {level: "error" | "warning", code, day (1-based, or null), message, target
  // (id of the field on the page)}, plus `minutes` for an overrun or an early end. The codes
  // are the run check's (handbook/runs.py check_run): an overrun of the booked end is an
  // error in a run file, an end more than 30 minutes early a warning.
  function problems(data, plan, forRunFile) {
    const out = [];
    const add = (level, code, day, message, target, extra) => out.push(Object.assign({ level, code, day, message, target }, extra || {}));
    if (!plan.days.length) add("error", "no-days", null, "Planen har ingen dage endnu: tilføj en dag.", "mh-add-day");
    if (forRunFile && !split(plan.orgs).length) add("error", "no-orgs", null, "Skriv mindst én organisation, som deltagerne kommer fra.", "mh-orgs");
    if (forRunFile && !clean(plan.venue)) add("error", "no-venue", null, "Skriv hvor kurset holdes (sted).", "mh-venue");
    let last = "";
    plan.days.forEach((d, n) => {
      const name = `Dag ${n + 1}`;
      const ids = `mh-day-${n}`;
      if (!parseDate(d.date)) add("error", "no-date", n + 1, `${name}: vælg en dato.`, `${ids}-date`);
      else if (last && d.date <= last) add("error", "date-order", n + 1, `${name}: datoen skal ligge efter dagen før (${longDate(last)}).`, `${ids}-date`);
      if (parseDate(d.date)) last = d.date;
      const year = parseDate(d.date) ? parseDate(d.date).getUTCFullYear() : null;
      if (year !== null && (year < FIRST_YEAR || year > LAST_YEAR)) add("error", "bad-year", n + 1, `${name}: datoen skal ligge i årene ${FIRST_YEAR}–${LAST_YEAR}.`, `${ids}-date`);
      [["start", "starttidspunktet"], ["end", "sluttidspunktet"]].forEach(([field, what]) => {
        const change = clockChange(d.date, d[field]);
        if (change === "no-such-time") add("error", change, n + 1, `${name}: ${what} ${clock(toMin(d[field]))} findes ikke den dag: urene stilles frem fra 02.00 til 03.00 (sommertid begynder).`, `${ids}-${field}`, { field });
        if (change === "time-twice") add("warning", change, n + 1, `${name}: ${what} ${clock(toMin(d[field]))} findes to gange den dag: urene stilles tilbage (vintertid begynder), og kalenderen bruger den første.`, `${ids}-${field}`, { field });
      });
      const badStart = toMin(d.start) === null, badEnd = toMin(d.end) === null;
      if (badStart) add("error", "bad-start", n + 1, `${name}: skriv et starttidspunkt.`, `${ids}-start`);
      if (badEnd) add("error", "bad-end", n + 1, `${name}: skriv et sluttidspunkt.`, `${ids}-end`);
      else if (!badStart && toMin(d.end) <= toMin(d.start)) add("error", "end-before-start", n + 1, `${name}: sluttidspunktet skal ligge efter starttidspunktet.`, `${ids}-end`);
      if (!d.items.some((it) => !it.skip)) { add("error", "no-blocks", n + 1, `${name}: dagen har ingen blokke.`, `${ids}-own-title`); return; }
      if (badStart || badEnd || toMin(d.end) <= toMin(d.start)) return; // no budget to speak of
      const b = budget(data, d);
      if (forRunFile && b.left < 0) add("error", "overrun", n + 1, `${name}: programmet slutter ${clock(b.finish)}, ${duration(-b.left)} efter det bookede sluttidspunkt ${clock(b.end)}. Forkort eller spring blokke over, eller ret sluttidspunktet.`, `${ids}-end`, { minutes: -b.left });
      if (b.left > EARLY_WARNING_MINUTES) add("warning", "early-end", n + 1, `${name}: programmet slutter ${clock(b.finish)}, ${duration(b.left)} før det bookede sluttidspunkt ${clock(b.end)}.`, `${ids}-end`, { minutes: b.left });
    });
    return out;
  }

  return {
    LINK_VERSION, EARLY_WARNING_MINUTES, WEEKDAYS, MONTHS, FIRST_YEAR, LAST_YEAR, clockChange,
    clean, toMin, hhmm, clock, duration, parseDate, longDate, shiftDate, slug, b64, unb64, newId, validSize, uid,
    indexData, blockOf, emptyPlan, baseItem, dayFromRef, emptyDay, view, schedule, budget, budgetText, runTitle, dayTitle,
    encode, decode, runYaml, dayChanges, eventSummary, icsFile, problems, split,
    has, table, cleanLong, textHtml, ownItem, untyped, readRunFile, fillWeekly, dayChecklist, materials,
  };
});
