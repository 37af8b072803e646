// The wallboard: every queue's live figures in large type for a big screen. Signed-in supervisors get them
// over the console WebSocket; a screen opened with ?token=... (HOTLINE_WALLBOARD_TOKEN) over /ws/wallboard.
"use strict";
(() => {
  const token = new URLSearchParams(location.search).get("token");
  const el = Hotline.el;
  const grid = document.getElementById("queues");

  function pct(v) {
    return v === null || v === undefined ? "–" : (v * 100).toFixed(0) + "%";
  }
  function secs(v) {
    return v === null || v === undefined ? "–" : Math.round(v) + " s";
  }
  function mmss(s) {
    const m = Math.floor(s / 60);
    const r = s % 60;
    return m + ":" + String(r).padStart(2, "0");
  }
  function figure(label, value, cls, name) {
    return el("div", { class: "wb-fig " + (cls || ""), "data-figure": name },
      el("div", { class: "wb-val" }, value), el("div", { class: "wb-label" }, label));
  }

  function render(m) {
    document.getElementById("demo").hidden = !m.demo;
    document.getElementById("goal").textContent = Math.round((m.slGoal || 0.8) * 100);
    grid.replaceChildren(...m.queues.map((q) => el("section", { class: "wb-queue", "data-queue": q.queue },
      el("h2", {}, q.queue),
      el("div", { class: "wb-main" },
        figure("waiting", String(q.waiting), q.waiting > 0 ? q.waitStatus : "good", "waiting"),
        figure("longest wait", mmss(q.longestWait), q.waitStatus, "longestWait"),
        figure("service level", pct(q.serviceLevel), q.slStatus, "serviceLevel")),
      el("div", { class: "wb-agents" },
        figure("available", String(q.available), "", "available"),
        figure("on call", String(q.onCall), "", "onCall"),
        figure("paused", String(q.paused), "", "paused"),
        figure("wrap-up", String(q.wrapUp), "", "wrapUp")),
      el("div", { class: "wb-today" },
        figure("answered", String(q.answered), "", "answered"),
        figure("abandoned", String(q.abandoned), "", "abandoned"),
        figure("ASA", secs(q.asa), "", "asa"),
        figure("abandon rate", pct(q.abandonRate), "", "abandonRate"),
        figure("callbacks", String(q.callbacksPending), "", "callbacksPending")))));
  }

  function live(on) {
    const b = document.getElementById("live");
    b.textContent = on ? "live" : "offline";
    b.className = "wb-live " + (on ? "on" : "off");
  }

  setInterval(() => { document.getElementById("clock").textContent = new Date().toLocaleTimeString(); }, 1000);

  (async () => {
    const q = token ? "?token=" + encodeURIComponent(token) : "";
    const r = await fetch("/api/queues/live" + q, { credentials: "same-origin" });
    if (r.status === 401) {
      location.href = "/signin.html?next=wallboard";
      return;
    }
    render(await r.json());
    const onMessage = (m) => { if (m.type === "queues") { render(m); } };
    Hotline.socket(token ? "/ws/wallboard" + q : "/ws/console", onMessage, live);
  })();
})();
