// The console page: queue board and agents (live over WebSocket), screen pops, ticket lookup.
"use strict";
(async () => {
  const { el, clock } = Hotline;
  const s = await Hotline.session();
  if (!s.signedIn) {
    location.href = "/signin.html";
    return;
  }
  const me = s.user;
  document.getElementById("me").textContent = me.name + " · " + me.role;
  document.getElementById("admin-link").hidden = me.role !== "admin";
  document.getElementById("reports-link").hidden = me.role === "agent";
  document.getElementById("wallboard-link").hidden = me.role === "agent";
  document.getElementById("signout").addEventListener("click", Hotline.signOut);
  Pops.init(me);

  let board = { queues: [], agents: [] };

  function renderBoard() {
    const root = document.getElementById("board");
    root.replaceChildren(...board.queues.map((q) => {
      const rows = q.callers.map((c) => el("tr", { class: "caller", dataset: { ticket: c.ticket || "" } },
        el("td", { class: "position" }, c.position),
        el("td", { class: "waiting", dataset: { since: c.since } }, clock(Date.now() - c.since)),
        el("td", { class: "category" }, Hotline.words(c.category) || "?"),
        el("td", { class: "priority" }, c.priority),
        el("td", { class: "verified" }, c.verified === true ? "yes" : c.verified === false ? "no" : "?"),
        el("td", { class: "caller-number" }, c.caller),
        el("td", { class: "ticket" }, c.ticket),
        el("td", { class: "ringing" }, c.ringing ? "ringing " + c.ringing : "")));
      return el("div", { class: "queue card", dataset: { queue: q.name } },
        el("h3", {}, q.name, " ", el("span", { class: "count badge" }, q.callers.length)),
        q.callers.length === 0 ? el("p", { class: "muted empty" }, "nobody waiting")
          : el("table", { class: "grid" },
            el("thead", {}, el("tr", {}, ["#", "waiting", "category", "prio", "verified", "caller", "ticket", ""]
              .map((h) => el("th", {}, h)))),
            el("tbody", {}, rows)));
    }));
    const tbody = document.querySelector("#agents tbody");
    tbody.replaceChildren(...board.agents.map((a) => el("tr", { class: "agent", dataset: { login: a.login, state: a.state } },
      el("td", {}, el("span", { class: "dot " + (a.online ? "on" : "off") }), " ", a.name),
      el("td", { class: "state" }, Hotline.words(a.state) + (a.paused ? " (paused)" : "") + (a.ticket ? " " + a.ticket : "")),
      el("td", {}, a.queues.join(", ")))));
  }

  // One badge per PBX link (AMI, ARI when serve runs it): connected, disabled or trouble.
  const links = {};
  function renderLinks(update) {
    Object.assign(links, update || {});
    document.getElementById("link-states").replaceChildren(...Object.entries(links).map(([name, l]) =>
      el("span", {
        id: name + "-state", title: l.detail || "",
        class: "badge " + (l.state === "connected" ? "on" : l.state === "disabled" ? "" : "off"),
      }, name.toUpperCase() + ": " + l.state)));
  }

  setInterval(() => document.querySelectorAll("td.waiting").forEach((td) => {
    td.textContent = clock(Date.now() - Number(td.dataset.since));
  }), 1000);

  Hotline.socket("/ws/console", (m) => {
    switch (m.type) {
      case "board": board = m.board; renderBoard(); renderLinks(m.links); break;
      case "link": renderLinks({ [m.link.name || "ami"]: m.link }); break;
      case "pop": Pops.show(m.pop); break;
      case "pop-gone": Pops.gone(m.call, m.reason); break;
      case "pop-closed": Pops.closed(m.ticket); break;
      default: break;
    }
  }, (up) => {
    const live = document.getElementById("live");
    live.textContent = up ? "live" : "reconnecting";
    live.className = "badge " + (up ? "on" : "off");
  });

  document.getElementById("lookup").addEventListener("submit", async (e) => {
    e.preventDefault();
    const err = document.getElementById("lookup-error");
    err.textContent = "";
    const ref = document.getElementById("lookup-ref").value.trim();
    if (!ref) return;
    try {
      const t = await Hotline.api("GET", "/api/tickets/" + encodeURIComponent(ref));
      Pops.showTicket(t);
    } catch (x) {
      err.textContent = x.message;
    }
  });
})();
