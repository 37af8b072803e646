// The admin page's announcements card: what is stored (live, scheduled, off, waiting for its audio), a form to
// write a new one or edit one, and the switch. Everything comes from /api/admin/announcements.
"use strict";
(async () => {
  const { el, api } = Hotline;
  const card = document.getElementById("announcements-card");
  if (!card) return;
  const form = document.getElementById("ann-form");
  const status = document.getElementById("ann-status");
  const STATUS_CLASS = { "live": "on", "off": "off", "ended": "off", "scheduled": "busy", "waiting for audio": "busy" };
  let editing = null; // the id being edited, or null for a new one
  let languages = [];
  let journeys = [];
  let serverNow = new Date();
  let pollTimer = null;

  // a datetime-local input's value for a moment, in this browser's zone (what the input shows)
  function localInput(d) {
    const pad = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours())
      + ":" + pad(d.getMinutes());
  }

  function forWhom(a) {
    return a.journeys.length ? a.journeys.join(", ") : "everyone";
  }

  async function load() {
    const r = await api("GET", "/api/admin/announcements");
    serverNow = new Date(r.now);
    if (languages.join() !== r.languages.join() || journeys.join() !== r.journeys.join()) {
      languages = r.languages;
      journeys = r.journeys;
      buildForm();
    }
    document.querySelector("#announcements tbody").replaceChildren(...(r.announcements.length
      ? r.announcements.map(row)
      : [el("tr", {}, el("td", { colspan: 7, class: "muted" }, "No announcements yet."))]));
    // audio is prepared in the background: look again while one that is switched on waits for it
    clearTimeout(pollTimer);
    if (r.announcements.some((a) => a.enabled && !a.audioReady && a.audio === "synthesized")) {
      pollTimer = setTimeout(load, 1500);
    }
    return r;
  }

  function row(a) {
    const audio = a.audio === "recording" ? "recording" : "synthesized";
    const recordings = Object.entries(a.recordings || {});
    return el("tr", { class: "announcement", dataset: { id: a.id, status: a.status } },
      el("td", { class: "ann-title", title: Object.values(a.texts).join("\n") }, a.title),
      el("td", { dataset: { label: "for" } }, forWhom(a)),
      el("td", { dataset: { label: "from" } }, Hotline.when(a.startsAt)),
      el("td", { dataset: { label: "until" } }, Hotline.when(a.endsAt)),
      el("td", { class: "ann-audio" }, audio, a.audioReady ? "" : el("div", { class: "muted" }, a.audioNote
        || (recordings.length ? "put the files at " + recordings.map(([, p]) => p).join(", ") : ""))),
      el("td", {}, el("span", { class: "badge ann-status " + (STATUS_CLASS[a.status] || "") }, a.status)),
      el("td", { class: "ann-actions" },
        el("button", { type: "button", class: a.enabled ? "ann-off" : "ann-on green",
          onclick: () => switchTo(a, !a.enabled) }, a.enabled ? "Switch off" : "Switch on"),
        " ",
        el("button", { type: "button", class: "ann-edit", onclick: () => edit(a) }, "Edit")));
  }

  function buildForm() {
    document.getElementById("ann-texts").replaceChildren(...languages.map((lang) =>
      el("label", { class: "ann-text" }, "Says (" + lang + ")",
        el("textarea", { id: "ann-text-" + lang, rows: 2, maxlength: 1000, required: true, dataset: { lang } }))));
    document.getElementById("ann-journeys").replaceChildren(...journeys.map((j) =>
      el("label", {}, el("input", { type: "checkbox", class: "ann-journey", value: j }), " " + j)));
    syncJourneys();
    if (!editing) resetForm();
  }

  function syncJourneys() {
    const everyone = document.getElementById("ann-everyone").checked;
    document.querySelectorAll(".ann-journey").forEach((c) => {
      c.disabled = everyone;
      if (everyone) c.checked = false;
    });
  }

  function resetForm() {
    editing = null;
    form.reset();
    document.getElementById("ann-form-title").textContent = "New announcement";
    document.getElementById("ann-new").hidden = true;
    document.getElementById("ann-starts").value = localInput(serverNow);
    document.getElementById("ann-ends").value = localInput(new Date(serverNow.getTime() + 2 * 3600 * 1000));
    syncJourneys();
  }

  function edit(a) {
    editing = a.id;
    document.getElementById("ann-form-title").textContent = "Edit \u201c" + a.title + "\u201d";
    document.getElementById("ann-new").hidden = false;
    document.getElementById("ann-title").value = a.title;
    languages.forEach((lang) => { document.getElementById("ann-text-" + lang).value = a.texts[lang] || ""; });
    document.getElementById("ann-everyone").checked = a.journeys.length === 0;
    syncJourneys();
    document.querySelectorAll(".ann-journey").forEach((c) => { c.checked = a.journeys.includes(c.value); });
    document.getElementById("ann-starts").value = localInput(new Date(a.startsAt));
    document.getElementById("ann-ends").value = localInput(new Date(a.endsAt));
    document.getElementById("ann-audio").value = a.audio;
    status.textContent = "";
    form.scrollIntoView();
  }

  function draft() {
    const texts = {};
    languages.forEach((lang) => { texts[lang] = document.getElementById("ann-text-" + lang).value; });
    const at = (id) => {
      const v = document.getElementById(id).value;
      return v ? new Date(v).toISOString() : "";
    };
    return {
      title: document.getElementById("ann-title").value,
      texts,
      journeys: [...document.querySelectorAll(".ann-journey:checked")].map((c) => c.value),
      startsAt: at("ann-starts"),
      endsAt: at("ann-ends"),
      audio: document.getElementById("ann-audio").value,
    };
  }

  async function switchTo(a, on) {
    status.textContent = (on ? "switching on " : "switching off ") + "\u201c" + a.title + "\u201d…";
    try {
      const r = await api("POST", "/api/admin/announcements/" + a.id + (on ? "/on" : "/off"));
      status.textContent = "\u201c" + r.title + "\u201d: " + r.status
        + (r.status === "waiting for audio" ? " (live once its sound exists)" : "");
      await load();
    } catch (e) {
      status.textContent = e.message;
    }
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const d = draft();
    status.textContent = "saving…";
    try {
      const r = await api("POST", "/api/admin/announcements" + (editing ? "/" + editing : ""), d);
      status.textContent = "saved \u201c" + r.title + "\u201d (" + r.status + ")"
        + (r.enabled ? "" : ": switch it on in the list");
      resetForm();
      await load();
    } catch (e) {
      status.textContent = e.message;
    }
  });
  document.getElementById("ann-everyone").addEventListener("change", syncJourneys);
  document.getElementById("ann-new").addEventListener("click", () => { resetForm(); status.textContent = ""; });

  const s = await Hotline.session();
  if (!s.signedIn) return;
  try {
    await load();
  } catch (e) {
    if (e.status === 404) card.hidden = true; // this console runs without the announcements desk
    else status.textContent = e.message;
  }
})();
