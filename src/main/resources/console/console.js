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
        el("td", { class: "ticket" }, c.callback ? c.ticket + " · " + c.callback : c.ticket, " ", Hotline.server(c.server)),
        el("td", { class: "ringing" }, c.ringing ? "ringing " + c.ringing : ""),
        el("td", {}, me.role !== "agent" && !c.callback ? assign(c) : "")));
      return el("div", { class: "queue card", dataset: { queue: q.name } },
        el("h3", {}, q.name, " ", el("span", { class: "count badge" }, q.callers.length)),
        q.callers.length === 0 ? el("p", { class: "muted empty" }, "nobody waiting")
          : el("table", { class: "grid" },
            el("thead", {}, el("tr", {}, ["#", "waiting", "category", "prio", "verified", "caller", "ticket", "", ""]
              .map((h) => el("th", {}, h)))),
            el("tbody", {}, rows)));
    }));
    const tbody = document.querySelector("#agents tbody");
    tbody.replaceChildren(...board.agents.map((a) => el("tr", { class: "agent", dataset: { login: a.login, state: a.state, agentState: a.agentState || "" } },
      el("td", {}, el("span", { class: "dot " + (a.online ? "on" : "off") }), " ", a.name),
      el("td", { class: "agent-state" }, stateWords(a.agentState, a.reason)),
      el("td", { class: "in-state", dataset: { since: a.stateSince || "" } }, a.stateSince ? clock(Date.now() - a.stateSince) : ""),
      el("td", { class: "state" }, Hotline.words(a.state) + (a.ticket ? " " + a.ticket : ""), " ", Hotline.server(a.ticket ? a.server : "")),
      el("td", {}, a.queues.join(", ")),
      el("td", {}, me.role !== "agent" && a.login ? supervise(a) : ""))));
  }

  // what callers hear now at the flows' announce points (admins switch them on and off on the flows page)
  function renderAnnouncements(live) {
    const root = document.getElementById("announcements-live");
    root.hidden = live.length === 0;
    root.replaceChildren(el("strong", {}, "Callers hear now"), el("ul", {}, live.map((a) =>
      el("li", { class: "live-announcement", dataset: { id: a.id } }, a.title, " ",
        el("span", { class: "muted" }, "(" + (a.journeys.length ? a.journeys.join(", ") : "everyone")
          + ", until " + Hotline.when(a.endsAt) + ")")))));
  }

  // transfer targets: every queue Hotline knows (an agent's board shows only theirs)
  function allQueues() {
    return board.transferQueues || board.queues.map((q) => q.name);
  }

  function stateWords(state, reason) {
    if (!state) return "";
    const w = { offline: "offline", available: "available", paused: "paused", "wrap-up": "after-call work" }[state] || state;
    return w + (state === "paused" && reason ? " (" + reason + ")" : "");
  }

  // a supervisor gives a waiting caller to an available agent
  function assign(c) {
    const pick = el("select", { class: "assign-to", "aria-label": "give to" },
      el("option", { value: "" }, "give to…"),
      board.agents.filter((a) => a.login && a.agentState === "available").map((a) => el("option", { value: a.login }, a.name)));
    const msg = el("span", { class: "status-msg" });
    return el("span", { class: "row" }, pick, el("button", {
      type: "button", class: "assign",
      onclick: async () => {
        if (!pick.value) return;
        try { await Hotline.api("POST", "/api/calls/" + encodeURIComponent(c.call) + "/assign", { agent: pick.value }); msg.textContent = "ringing " + pick.value; }
        catch (x) { msg.textContent = x.message; }
      },
    }, "Give"), msg);
  }

  // a supervisor sets an agent's state from the board (audited on the server)
  function supervise(a) {
    const pick = el("select", { class: "set-state", "aria-label": "state of " + a.name },
      el("option", { value: "available" }, "available"),
      reasons.map((r) => el("option", { value: "paused:" + r }, "pause: " + r)),
      el("option", { value: "paused:supervisor" }, "pause: supervisor"),
      el("option", { value: "offline" }, "sign out"));
    const msg = el("span", { class: "status-msg" });
    return el("span", { class: "row" }, pick, el("button", {
      type: "button", class: "apply-state",
      onclick: async () => {
        const [state, reason] = pick.value.split(":");
        try {
          await Hotline.api("POST", "/api/agents/" + encodeURIComponent(a.login) + "/state", reason ? { state, reason } : { state });
          msg.textContent = "done";
        } catch (x) { msg.textContent = x.message; }
      },
    }, "Set"), msg);
  }

  // this agent's own state: Available / Ready, Pause with a reason, time in state, wrap-up left
  let reasons = [];
  let mine = null;
  async function loadMine() {
    const r = await Hotline.api("GET", "/api/agents/me");
    reasons = r.reasons;
    if (!r.takesCalls) return;
    document.getElementById("my-state").hidden = false;
    document.getElementById("pause-reason").replaceChildren(...reasons.map((x) => el("option", { value: x }, x)));
    showMine(r);
  }
  function showMine(st) {
    mine = st;
    const badge = document.getElementById("state-badge");
    // on a call (or holding one) the line says what the agent is doing; the queue state follows as "then ..."
    const line = st.state === "offline" ? "" : Pops.line();
    badge.textContent = (line || stateWords(st.state)).toUpperCase();
    badge.className = "badge state " + (line ? "busy" : st.state === "available" ? "on" : st.state === "offline" ? "" : "off");
    document.getElementById("my-state").dataset.state = st.state;
    document.getElementById("my-state").dataset.line = line;
    const reason = st.state === "paused" && st.reason ? "(" + st.reason + ")" : "";
    document.getElementById("state-reason").textContent = line
      ? "· then " + stateWords(st.state) + (reason ? " " + reason : "") : reason;
    document.getElementById("go-available").textContent = st.state === "wrap-up" ? "Ready" : "Available";
    tickMine();
  }
  function tickMine() {
    if (!mine) return;
    document.getElementById("state-time").textContent = "for " + clock(Date.now() - mine.since);
    document.getElementById("wrap-left").textContent = mine.state === "wrap-up" && mine.until
      ? "· ready in " + clock(mine.until - Date.now()) : "";
  }
  async function setMine(body) {
    const msg = document.getElementById("state-msg");
    msg.textContent = "";
    try { showMine(await Hotline.api("POST", "/api/agents/me/state", body)); } catch (x) { msg.textContent = x.message; }
  }
  document.getElementById("go-available").addEventListener("click", () => setMine({ state: "available" }));
  document.getElementById("go-pause").addEventListener("click", () =>
    setMine({ state: "paused", reason: document.getElementById("pause-reason").value }));
  await loadMine();
  Pops.watchLine(() => { if (mine) showMine(mine); });

  // One badge per PBX link (AMI, ARI when serve runs it; one per Asterisk server): connected, standby (another
  // node holds it), disabled or trouble.
  const links = {};
  function renderLinks(update) {
    Object.assign(links, update || {});
    Hotline.severalServers(Object.keys(links));
    document.getElementById("link-states").replaceChildren(...Object.entries(links).map(([name, l]) =>
      el("span", {
        id: name + "-state", title: l.detail || "",
        class: "badge " + (l.state === "connected" ? "on" : l.state === "disabled" || l.state === "standby" ? "" : "off"),
      }, name.toUpperCase() + ": " + l.state)));
  }

  setInterval(() => {
    document.querySelectorAll("td.waiting").forEach((td) => {
      td.textContent = clock(Date.now() - Number(td.dataset.since));
    });
    document.querySelectorAll("td.in-state").forEach((td) => {
      if (td.dataset.since) td.textContent = clock(Date.now() - Number(td.dataset.since));
    });
    tickMine();
    Pops.tick();
  }, 1000);

  Hotline.socket("/ws/console", (m) => {
    switch (m.type) {
      case "board":
        board = m.board; renderBoard(); renderLinks(m.links); renderAnnouncements(m.announcements || []);
        Callbacks.render(m.callbacks || [], me, allQueues());
        Pops.setTargets({ queues: allQueues(), agents: (board.transferAgents || board.agents).filter((a) => a.login && a.agentState === "available") });
        break;
      case "link": renderLinks({ [m.link.name || "ami"]: m.link }); break;
      case "pop": Pops.show(m.pop); break;
      case "pop-gone": Pops.gone(m.call, m.reason, m.missed); break;
      case "agent-state": showMine(m.state); break;
      case "pop-closed": Pops.closed(m.ticket); break;
      default: break;
    }
  }, (up) => {
    const live = document.getElementById("live");
    live.textContent = up ? "live" : "reconnecting";
    live.className = "badge " + (up ? "on" : "off");
  });

  // finding tickets: a reference opens it; anything else lists what matches
  function listFound(title, tickets, extra) {
    const root = document.getElementById("found");
    root.replaceChildren(el("h3", {}, title),
      tickets.length === 0 ? el("p", { class: "muted" }, "nothing found") : el("table", { class: "grid found" },
        el("thead", {}, el("tr", {}, ["ticket", "when", "queue", "status", "caller", "holder"].map((h) => el("th", {}, h)))),
        el("tbody", {}, tickets.map((t) => el("tr", { class: "found-ticket" },
          el("td", {}, el("a", { href: "#", class: "open-ticket", onclick: (e) => { e.preventDefault(); openTicket(t.ticket); } }, t.ticket)),
          el("td", {}, Hotline.when(t.createdAt || t.ringingAt)), el("td", {}, t.queue || ""),
          el("td", {}, Hotline.words(t.status || t.state)), el("td", {}, t.caller || ""), el("td", {}, t.holder || ""))))),
      extra ? el("p", { class: "muted other-queues" }, extra) : "");
  }
  async function openTicket(ref) {
    const err = document.getElementById("lookup-error");
    try { Pops.showTicket(await Hotline.api("GET", "/api/tickets/" + encodeURIComponent(ref))); } catch (x) { err.textContent = x.message; }
  }
  async function listing(fn) {
    const err = document.getElementById("lookup-error");
    err.textContent = "";
    try { await fn(); } catch (x) { err.textContent = x.message; }
  }
  document.getElementById("lookup").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = document.getElementById("lookup-ref").value.trim();
    if (!q) return;
    listing(async () => {
      if (/^t-\d+$/i.test(q)) return openTicket(q);
      const r = await Hotline.api("GET", "/api/tickets/search?q=" + encodeURIComponent(q));
      listFound("Tickets for " + q, r.tickets, r.inOtherQueues
        ? r.inOtherQueues + " more in queues you do not work (ask a supervisor)" : "");
    });
  });
  document.getElementById("mine").addEventListener("click", () => listing(async () => {
    listFound("My open tickets", (await Hotline.api("GET", "/api/tickets/mine")).tickets);
  }));
  document.getElementById("recent").addEventListener("click", () => listing(async () => {
    const r = await Hotline.api("GET", "/api/agents/" + encodeURIComponent(me.login) + "/calls");
    listFound("My recent calls", r.calls.map((c) => Object.assign({}, c, {
      status: c.answered ? "answered" : c.state === "missed" ? "missed" : c.state })));
  }));
  const abandonedButton = document.getElementById("abandoned");
  abandonedButton.hidden = me.role === "agent";
  abandonedButton.addEventListener("click", () => listing(async () => {
    listFound("Abandoned calls", (await Hotline.api("GET", "/api/tickets?status=abandoned")).tickets);
  }));
})();
