// The page talks only to this server (no CDN, works offline). Offsets from the API index the
// note's characters; JavaScript strings index UTF-16 code units, so offsets are converted.
"use strict";
const $ = (id) => document.getElementById(id);
let lastNote = "";

function headers() {
  const h = { "Content-Type": "application/json" };
  const t = $("token").value.trim();
  if (t) h["Authorization"] = "Bearer " + t;
  return h;
}

function status(msg, isError) {
  $("status").textContent = msg;
  $("status").className = isError ? "error" : "";
}

// code point offset -> UTF-16 index
function cpIndex(text) {
  const map = [];
  let i = 0;
  for (const ch of text) { map.push(i); i += ch.length; }
  map.push(i);
  return (cp) => map[Math.min(cp, map.length - 1)];
}

function render(text, answers, evidence) {
  const idx = cpIndex(text);
  const root = $("rendered");
  root.textContent = "";
  const marks = [];
  for (const e of evidence) marks.push({ s: idx(e.start), e: idx(e.end), kind: "ev", id: e.sentence_id });
  // every answer is highlighted (a list question returns one answer per item)
  const anss = answers.filter((x) => x.text !== null).map((x) => ({ s: idx(x.start), e: idx(x.end) }));
  // boundaries from all marks, then emit segments with the classes that cover them
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(m.s); cuts.add(m.e); }
  for (const a of anss) { cuts.add(a.s); cuts.add(a.e); }
  const points = [...cuts].sort((x, y) => x - y);
  for (let k = 0; k < points.length - 1; k++) {
    const s = points[k], e = points[k + 1];
    let node = document.createTextNode(text.slice(s, e));
    if (anss.some((a) => s >= a.s && e <= a.e)) {
      const m = document.createElement("mark");
      m.className = "answer";
      m.appendChild(node);
      node = m;
    }
    const ev = marks.find((m) => s >= m.s && e <= m.e);
    if (ev) {
      const span = document.createElement("span");
      span.className = "ev";
      span.dataset.sentence = ev.id;
      span.appendChild(node);
      node = span;
    }
    root.appendChild(node);
  }
  const first = root.querySelector("mark.answer");
  if (first) first.scrollIntoView({ block: "center" });
}

const VERDICT_TEXT = { yes: "Yes", no: "No", uncertain: "Uncertain", not_mentioned: "Not mentioned" };

function showVerdict(data) {
  // yes/no questions: the verdict first and large, then why; the supporting span is the
  // highlighted answer in the note
  const box = $("verdict");
  box.textContent = "";
  box.className = "hidden";
  const v = data.verdict;
  if (!v) return;
  box.className = "verdict verdict-" + v.verdict;
  const b = document.createElement("span");
  b.className = "verdict-badge";
  b.textContent = VERDICT_TEXT[v.verdict] || v.verdict;
  box.appendChild(b);
  const why = document.createElement("span");
  why.className = "verdict-why";
  why.textContent = v.text ? `“${v.text}” (${v.assertion}, chars ${v.start}–${v.end}) · ${v.reason}` : v.reason;
  box.appendChild(why);
}

function showAnswers(data) {
  const box = $("answers");
  box.textContent = "";
  showVerdict(data);
  for (const a of data.answers) {
    const card = document.createElement("div");
    card.className = "answer-card";
    const t = document.createElement("div");
    t.className = "text";
    t.textContent = a.text === null ? "The note does not answer this." : a.text;
    card.appendChild(t);
    if (a.text === null && a.reason) {
      const why = document.createElement("div");
      why.className = "muted reason";
      why.textContent = a.reason;
      card.appendChild(why);
    }
    if (a.text !== null) {
      const meta = document.createElement("div");
      const badge = (txt, cls, title) => { const b = document.createElement("span"); b.className = "badge " + (cls || ""); b.textContent = txt; if (title) b.title = title; meta.appendChild(b); };
      if (a.category) badge(a.category, "cat", a.category_source ? "category decided by the " + a.category_source : "");
      if (a.assertion) badge(a.assertion, a.assertion === "negated" ? "neg" : "");
      badge(`chars ${a.start}–${a.end}`);
      badge(`score ${a.score.toFixed(2)}`);
      card.appendChild(meta);
    }
    box.appendChild(card);
  }
  if (data.evidence.length) {
    const ev = document.createElement("div");
    ev.textContent = "Evidence sentences: ";
    for (const e of data.evidence) {
      const c = document.createElement("span");
      c.className = "cite";
      c.textContent = "|" + e.sentence_id + "|";
      c.onclick = () => {
        const el = document.querySelector(`.ev[data-sentence="${CSS.escape(e.sentence_id)}"]`);
        if (el) { document.querySelectorAll(".ev.focus").forEach((x) => x.classList.remove("focus")); el.classList.add("focus"); el.scrollIntoView({ block: "center" }); }
      };
      ev.appendChild(c);
    }
    box.appendChild(ev);
  }
}

function noteBody() {
  const raw = $("note").value;
  const trimmed = raw.trim();
  if (trimmed.startsWith("{")) {
    try { return { fhir: JSON.parse(trimmed) }; } catch (e) { /* plain text that starts with { */ }
  }
  return { note: raw };
}

async function ask() {
  const question = $("question").value.trim();
  if (!$("note").value.trim()) return status("Paste or load a note first.", true);
  if (!question) return status("Type a question.", true);
  status("Reading the note…");
  const body = { ...noteBody(), question, top_k: 3 };
  const r = await fetch("/v1/answer", { method: "POST", headers: headers(), body: JSON.stringify(body) });
  const data = await r.json().catch(() => ({ detail: r.statusText }));
  if (!r.ok) return status(`${r.status}: ${data.detail}`, true);
  // the API answers on the note's own text; for FHIR input that text came from the server
  lastNote = body.note !== undefined ? body.note : data.note_text || "";
  status("");
  showAnswers(data);
  render(lastNote, data.answers, data.evidence);
}

function focusSentence(id) {
  const el = document.querySelector(`.ev[data-sentence="${CSS.escape(id)}"]`);
  if (el) { document.querySelectorAll(".ev.focus").forEach((x) => x.classList.remove("focus")); el.classList.add("focus"); el.scrollIntoView({ block: "center" }); }
}

// A grounded answer: one line per sentence with its citations, then what the checks replaced.
function showGrounded(data) {
  const box = $("grounded");
  box.textContent = "";
  const card = document.createElement("div");
  card.className = "answer-card grounded";
  for (const line of data.sentences) {
    const p = document.createElement("div");
    p.className = "line";
    p.textContent = line.text + " ";
    for (const c of line.citations) {
      const b = document.createElement("span");
      b.className = "cite";
      b.textContent = "|" + c.id + "|";
      b.onclick = () => focusSentence(c.id);
      p.appendChild(b);
    }
    card.appendChild(p);
  }
  if (!data.sentences.length) card.textContent = "No note sentence answers this question.";
  const meta = document.createElement("div");
  meta.className = "muted";
  meta.textContent = `${data.mode} · ${data.model}`;
  card.appendChild(meta);
  box.appendChild(card);
  if (data.changes.length) {
    const ch = document.createElement("details");
    ch.className = "changes";
    const s = document.createElement("summary");
    s.textContent = `${data.changes.length} sentence(s) replaced by the grounding checks`;
    ch.appendChild(s);
    for (const c of data.changes) {
      const d = document.createElement("div");
      d.textContent = `“${c.original || "(left out)"}” → “${c.replacement || "(dropped)"}”: ${c.reasons.join("; ")}`;
      ch.appendChild(d);
    }
    box.appendChild(ch);
  }
}

async function explain() {
  const question = $("question").value.trim();
  if (!$("note").value.trim()) return status("Paste or load a note first.", true);
  if (!question) return status("Type a question.", true);
  status("Writing a plain answer…");
  const body = { ...noteBody(), question, mode: "extractive" };
  const r = await fetch("/v1/generate", { method: "POST", headers: headers(), body: JSON.stringify(body) });
  const data = await r.json().catch(() => ({ detail: r.statusText }));
  if (!r.ok) return status(`${r.status}: ${JSON.stringify(data.detail)}`, true);
  status("");
  $("answers").textContent = "";
  lastNote = body.note !== undefined ? body.note : lastNote;
  const cited = [];
  for (const line of data.sentences) for (const c of line.citations) cited.push({ start: c.start, end: c.end, sentence_id: c.id });
  if (body.note !== undefined) render(lastNote, [], cited);
  showGrounded(data);
}

// The note's facts (POST /v1/parse): medication changes, trends and events, each a card whose
// click highlights its characters in the note; all of them are highlighted at first.
async function facts() {
  if (!$("note").value.trim()) return status("Paste or load a note first.", true);
  status("Reading the note…");
  const body = noteBody();
  const r = await fetch("/v1/parse", { method: "POST", headers: headers(), body: JSON.stringify(body) });
  const data = await r.json().catch(() => ({ detail: r.statusText }));
  if (!r.ok) return status(`${r.status}: ${JSON.stringify(data.detail)}`, true);
  status("");
  $("answers").textContent = "";
  $("grounded").textContent = "";
  $("verdict").className = "hidden";
  lastNote = body.note !== undefined ? body.note : lastNote;
  const box = $("facts-view");
  box.textContent = "";
  const doc = data.document;
  const head = document.createElement("div");
  head.className = "muted";
  head.textContent = `${doc.kind.replace(/_/g, " ")} · ${doc.kind_reason}`;
  box.appendChild(head);
  const spans = [];
  const card = (title, text, start, end) => {
    const c = document.createElement("div");
    c.className = "answer-card fact-card";
    const t = document.createElement("div");
    t.className = "text";
    t.textContent = title;
    c.appendChild(t);
    const m = document.createElement("div");
    m.className = "muted";
    m.textContent = text;
    c.appendChild(m);
    c.onclick = () => render(lastNote, [{ text: "", start, end }], []);
    box.appendChild(c);
    spans.push({ text: "", start, end });
  };
  for (const r of data.medication_reconciliation) {
    const e = r.events[0];
    const where = e ? [e.subject_start, e.subject_end] : r.discharge ? [r.discharge[1], r.discharge[2]] : [r.admission[1], r.admission[2]];
    card(`${r.drug}: ${r.status.replace(/_/g, " ")}`, r.reason ? `because ${r.reason}` : (e ? `“${e.cue}”` : "on a medication list"), where[0], where[1]);
  }
  for (const t of data.trends) {
    const vals = t.values.map((v) => v.value + (v.when ? ` (${v.when})` : "")).join(" → ");
    card(t.name, vals, t.values[0].start, t.values[t.values.length - 1].end);
  }
  for (const e of doc.events.filter((x) => x.kind !== "medication")) {
    card(`${e.kind}: ${e.action}`, `“${e.cue}” ${e.subject}`, Math.min(e.subject_start, e.cue_start), Math.max(e.subject_end, e.cue_end));
  }
  if (body.note !== undefined) render(lastNote, spans, []);
}

async function summarize() {
  $("summary").textContent = "Summarizing…";
  $("summary-warnings").replaceChildren();
  const r = await fetch("/v1/summarize", { method: "POST", headers: headers(), body: JSON.stringify({ findings: $("findings").value }) });
  const data = await r.json().catch(() => ({ detail: r.statusText }));
  $("summary").textContent = r.ok ? data.impression : `${r.status}: ${data.detail}`;
  $("summary-note").textContent = r.ok ? data.model : "";
  // what the consistency check changed (and truncation) is shown, never folded away
  $("summary-warnings").replaceChildren(...(r.ok ? data.warnings : []).map((w) => {
    const li = document.createElement("li");
    li.textContent = w;
    return li;
  }));
}

$("ask").onclick = () => { $("grounded").textContent = ""; $("facts-view").textContent = ""; ask().catch((e) => status(String(e), true)); };
$("explain").onclick = () => explain().catch((e) => status(String(e), true));
$("facts").onclick = () => facts().catch((e) => status(String(e), true));
$("question").addEventListener("keydown", (e) => { if (e.key === "Enter") $("ask").click(); });
$("summarize").onclick = () => summarize().catch((e) => ($("summary").textContent = String(e)));
$("file").onchange = async (e) => { const f = e.target.files[0]; if (f) $("note").value = await f.text(); };
for (const b of document.querySelectorAll(".tab")) {
  b.onclick = () => {
    document.querySelectorAll(".tab").forEach((x) => x.classList.toggle("active", x === b));
    $("panel-ask").classList.toggle("hidden", b.dataset.tab !== "ask");
    $("panel-summarize").classList.toggle("hidden", b.dataset.tab !== "summarize");
  };
}
