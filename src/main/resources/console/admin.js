// The admin pages: flows and versions, a flow drawn as a graph, editing with problems at their line,
// replay and publish, rollback, analytics. Everything it shows comes from /api/admin/*.
"use strict";
(async () => {
  const { el, api } = Hotline;
  const s = await Hotline.session();
  if (!s.signedIn) {
    location.href = "/signin.html";
    return;
  }
  document.getElementById("me").textContent = s.user.name + " (" + s.user.role + ")";
  document.getElementById("signout").addEventListener("click", Hotline.signOut);

  const yaml = document.getElementById("yaml");
  const gutter = document.getElementById("gutter");
  const status = document.getElementById("status");
  let current = null; // { id, file }
  let problemLines = new Map();
  let checkTimer = null;
  let seq = 0; // answers to older requests than the latest are dropped

  async function loadOverview() {
    const o = await api("GET", "/api/admin/flows");
    document.getElementById("serving").textContent = "v" + o.serving;
    document.getElementById("flows").replaceChildren(...o.flows.map((f) =>
      el("button", { type: "button", class: "flow", dataset: { flow: f.id }, title: f.description,
        onclick: () => openFlow(f.id) }, f.id, " ", el("span", { class: "muted" }, f.nodes + " nodes"))));
    const calendarCard = document.getElementById("calendar-card");
    calendarCard.hidden = !(o.calendar && o.calendar.present);
    if (!calendarCard.hidden) {
      document.getElementById("calendar-zone").textContent = "(v" + o.serving + ", " + o.calendar.zone + ")";
      showCalendar(o.calendar, document.getElementById("calendar-now"));
    }
    document.querySelector("#versions tbody").replaceChildren(...o.versions.map((v) =>
      el("tr", { class: "version", dataset: { version: v.version } },
        el("td", {}, "v" + v.version, v.serving ? el("span", { class: "badge on" }, " serving") : ""),
        el("td", {}, new Date(v.publishedAt).toLocaleString()),
        el("td", { class: "by" }, v.publishedBy),
        el("td", {}, v.kind === "rollback" ? "rollback to v" + v.restoredFrom : v.kind),
        el("td", { class: "muted" }, v.files.length + " files (" + v.hash + ")"),
        el("td", {}, v.serving ? "" : el("button", { type: "button", class: "rollback",
          onclick: () => rollback(v.version) }, "Roll back to v" + v.version)))));
    const refused = document.getElementById("refused");
    refused.hidden = !o.refused;
    if (o.refused) {
      refused.replaceChildren(el("strong", {}, "Last refused change (" + o.refused.by + ", "
        + new Date(o.refused.at).toLocaleString() + "): still serving v" + o.serving),
        el("ul", {}, o.refused.problems.map((p) => el("li", {}, p.text))));
    }
  }

  async function openFlow(id) {
    const f = await api("GET", "/api/admin/flows/" + encodeURIComponent(id));
    current = { id: f.id, file: f.file };
    document.getElementById("editor-card").hidden = false;
    document.getElementById("flow-id").textContent = f.id;
    document.getElementById("flow-file").textContent = f.file + " (v" + f.version + ")";
    yaml.value = f.yaml;
    showProblems([]);
    const isCalendar = !!f.calendar;
    document.getElementById("editor-kind").textContent = isCalendar ? "Opening hours:" : "Flow";
    document.getElementById("graph").hidden = isCalendar;
    document.getElementById("replay").hidden = isCalendar;
    document.getElementById("calendar-view").hidden = !isCalendar;
    if (isCalendar) showCalendar(f.calendar, document.getElementById("calendar-view")); else drawGraph(f.graph);
    status.textContent = "";
    document.getElementById("replay-out").hidden = true;
  }

  // ---- editor: line numbers, problems at their line ------------------------------------------

  function renderGutter() {
    const n = yaml.value.split("\n").length;
    const lines = [];
    for (let i = 1; i <= n; i++) {
      const span = el("span", { class: problemLines.has(i) ? "line bad" : "line", dataset: { line: i },
        title: problemLines.get(i) || "" }, String(i));
      lines.push(span, "\n");
    }
    gutter.replaceChildren(...lines);
    gutter.scrollTop = yaml.scrollTop;
  }

  function showProblems(problems) {
    problemLines = new Map();
    problems.filter((p) => p.here && p.line > 0).forEach((p) =>
      problemLines.set(p.line, (problemLines.get(p.line) ? problemLines.get(p.line) + "\n" : "") + p.message));
    document.getElementById("problems").replaceChildren(...problems.map((p) =>
      el("li", { class: "problem" + (p.here ? " here" : ""), dataset: { line: p.here ? p.line : "" },
        onclick: () => p.here && goToLine(p.line) }, p.here && p.line > 0 ? "line " + p.line + ": " : "", p.text)));
    renderGutter();
  }

  function goToLine(line) {
    const lines = yaml.value.split("\n");
    let at = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
    yaml.focus();
    yaml.setSelectionRange(at, at + (lines[line - 1] || "").length);
  }

  yaml.addEventListener("scroll", () => { gutter.scrollTop = yaml.scrollTop; });
  yaml.addEventListener("input", () => {
    renderGutter();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 700);
  });

  function edit() {
    return { file: current.file, yaml: yaml.value };
  }

  async function check() {
    if (!current) return false;
    clearTimeout(checkTimer);
    const mine = ++seq;
    status.textContent = "checking…";
    try {
      const r = await api("POST", "/api/admin/check", edit());
      if (mine !== seq) return false;
      showProblems(r.problems);
      if (r.graph) drawGraph(r.graph);
      if (r.calendar) showCalendar(r.calendar, document.getElementById("calendar-view"), "as checked, not yet published");
      status.textContent = r.ok ? "no problems" : r.problems.length + " problem(s): not publishable";
      status.dataset.state = r.ok ? "ok" : "problems";
      return r.ok;
    } catch (e) {
      status.textContent = e.message;
      return false;
    }
  }

  document.getElementById("check").addEventListener("click", () => check());

  document.getElementById("replay").addEventListener("click", async () => {
    status.textContent = "replaying recent calls…";
    const out = document.getElementById("replay-out");
    try {
      const r = await api("POST", "/api/admin/replay", { ...edit(), days: 7 });
      if (!r.ok) {
        showProblems(r.problems);
        status.textContent = "fix the problems first";
        return;
      }
      out.hidden = false;
      out.textContent = r.replayed + " call(s) replayed: " + r.differ.length + " would take a different path\n\n"
        + r.differ.map((d) => d.text).join("\n");
      status.textContent = "";
    } catch (e) {
      status.textContent = e.message;
    }
  });

  document.getElementById("publish").addEventListener("click", async () => {
    clearTimeout(checkTimer);
    seq++;
    status.textContent = "publishing…";
    try {
      const r = await api("POST", "/api/admin/publish", edit());
      if (r.outcome === "refused") {
        showProblems(r.problems);
        status.textContent = "refused: " + r.problems.length + " problem(s); still serving the old version";
        status.dataset.state = "problems";
        return;
      }
      showProblems([]);
      status.textContent = r.outcome === "published" ? "published as v" + r.version
        : "unchanged: v" + r.version + " already has these files";
      status.dataset.state = "published";
      document.getElementById("flow-file").textContent = current.file + " (v" + r.version + ")";
      await loadOverview();
      if (current.id === "calendar") {
        const f = await api("GET", "/api/admin/flows/calendar");
        showCalendar(f.calendar, document.getElementById("calendar-view"), "as published in v" + f.version);
      }
    } catch (e) {
      status.textContent = e.message;
    }
  });

  async function rollback(version) {
    if (!confirm("Publish the files of v" + version + " again as a new version?")) return;
    try {
      const r = await api("POST", "/api/admin/rollback", { version });
      status.textContent = r.outcome === "published" ? "rolled back: v" + version + " serves again as v" + r.version
        : r.outcome === "refused" ? "rollback refused: " + r.problems.map((p) => p.text).join("; ") : "unchanged";
      await loadOverview();
      if (current) await openFlow(current.id);
    } catch (e) {
      alert(e.message);
    }
  }

  // ---- calendar: each queue's week, open now or when it opens, what is coming ----------------

  // times come written in the calendar's own zone (c.zone), whatever zone this browser is in
  function showCalendar(c, into, note) {
    const scope = (qs) => qs.length ? " (" + qs.join(", ") + ")" : " (every queue with hours)";
    const coming = [
      ...c.holidays.map((h) => el("li", { class: "cal-holiday" }, el("strong", {}, h.date), " holiday: " + h.name
        + scope(h.queues))),
      ...c.closures.map((x) => el("li", { class: "cal-closure" }, el("strong", {}, x.from.replace("T", " ")
        + " – " + x.until.replace("T", " ")), " closed: " + x.reason + scope(x.queues))),
    ];
    into.replaceChildren(
      el("p", { class: "muted" }, (note ? note + ". " : "") + "Now " + c.now + " (" + c.zone
        + "). A queue not listed is always open."),
      el("table", { class: "grid cal-queues" },
        el("thead", {}, el("tr", {}, el("th", {}, "queue"), el("th", {}, "hours"), el("th", {}, "now"),
          el("th", {}, "next opening"))),
        el("tbody", {}, c.queues.map((q) => el("tr", { class: "cal-queue", dataset: { queue: q.queue, now: q.now } },
          el("td", {}, q.queue), el("td", { class: "cal-week" }, q.week),
          el("td", { class: "cal-state" }, el("span", { class: "badge " + (q.now === "open" ? "on" : "off") }, q.now),
            q.because ? " " + q.because : ""),
          el("td", { class: "cal-opens" }, q.now === "open" ? "" : (q.opensLocal || "not within a year")))))),
      el("h3", {}, "Holidays and closures to come"),
      coming.length ? el("ul", { class: "cal-coming" }, coming) : el("p", { class: "muted" }, "None."));
  }

  document.getElementById("edit-calendar").addEventListener("click", async () => {
    await openFlow("calendar");
    document.getElementById("editor-card").scrollIntoView();
  });

  // ---- graph: layers by distance from the start, arrows labelled with key, outcome or case ------

  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function drawGraph(g) {
    const depth = new Map([[g.start, 0]]);
    const queue = [g.start];
    while (queue.length) {
      const n = queue.shift();
      g.edges.filter((e) => e.from === n).forEach((e) => {
        if (!depth.has(e.to)) { depth.set(e.to, depth.get(n) + 1); queue.push(e.to); }
      });
    }
    g.nodes.forEach((n) => depth.has(n.id) || depth.set(n.id, 0));
    const W = 170, H = 44, GX = 70, GY = 26;
    const rows = new Map();
    const pos = new Map();
    g.nodes.forEach((n) => {
      const d = depth.get(n.id);
      const r = rows.get(d) || 0;
      rows.set(d, r + 1);
      pos.set(n.id, { x: 20 + d * (W + GX), y: 20 + r * (H + GY) });
    });
    const width = 40 + (Math.max(...depth.values()) + 1) * (W + GX);
    const height = 40 + Math.max(...rows.values()) * (H + GY);
    const root = svg("svg", { width, height, viewBox: "0 0 " + width + " " + height, class: "flowgraph" });
    const defs = svg("defs", {});
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7,
      markerHeight: 7, orient: "auto-start-reverse" });
    marker.append(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#4a5668" }));
    defs.append(marker);
    root.append(defs);
    g.edges.forEach((e) => {
      const a = pos.get(e.from), b = pos.get(e.to);
      if (!a || !b) return;
      const x1 = a.x + W, y1 = a.y + H / 2;
      let d, lx, ly;
      if (e.from === e.to) {
        d = `M ${a.x + W - 20} ${a.y} C ${a.x + W} ${a.y - 30}, ${a.x + W + 30} ${a.y}, ${a.x + W} ${a.y + 10}`;
        lx = a.x + W + 4; ly = a.y - 14;
      } else if (b.x > a.x) {
        const x2 = b.x, y2 = b.y + H / 2, mx = (x1 + x2) / 2;
        d = `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`;
        lx = mx; ly = (y1 + y2) / 2 - 3;
      } else {
        const x2 = b.x + W / 2, y2 = b.y + H, low = Math.max(a.y, b.y) + H + 18;
        d = `M ${a.x + W / 2} ${a.y + H} C ${a.x + W / 2} ${low}, ${x2} ${low}, ${x2} ${y2}`;
        lx = (a.x + x2) / 2 + W / 2; ly = low - 4;
      }
      root.append(svg("path", { d, fill: "none", stroke: "#8895a7", "marker-end": "url(#arrow)",
        class: "edge", "data-from": e.from, "data-to": e.to }));
      if (e.label) root.append(svg("text", { x: lx, y: ly, class: "edge-label" }, e.label.length > 28
        ? e.label.substring(0, 27) + "…" : e.label));
    });
    g.nodes.forEach((n) => {
      const p = pos.get(n.id);
      const gEl = svg("g", { class: "gnode" + (n.terminal ? " terminal" : "") + (n.id === g.start ? " start" : ""),
        "data-node": n.id });
      gEl.append(svg("rect", { x: p.x, y: p.y, width: W, height: H, rx: 6,
        fill: n.terminal ? "#fde9d9" : n.id === g.start ? "#d4f3e1" : "#ffffff", stroke: "#4a5668" }));
      gEl.append(svg("text", { x: p.x + 8, y: p.y + 18, class: "node-id" }, n.id));
      gEl.append(svg("text", { x: p.x + 8, y: p.y + 35, class: "node-label" },
        n.label.length > 26 ? n.label.substring(0, 25) + "…" : n.label));
      gEl.addEventListener("click", () => goToLine(n.line));
      root.append(gEl);
    });
    document.getElementById("graph").replaceChildren(root);
  }

  // ---- analytics ------------------------------------------------------------------------------

  async function loadStats() {
    const st = await api("GET", "/api/admin/stats?days=7");
    document.querySelector("#journeys tbody").replaceChildren(...st.journeys.map((j) =>
      el("tr", { class: "journey", dataset: { journey: j.journey } }, el("td", {}, j.journey),
        el("td", { class: "num" }, j.calls), el("td", { class: "num" }, j.toAgent),
        el("td", { class: "num" }, j.callerHungUp), el("td", { class: "num" }, j.flowHungUp),
        el("td", { class: "num containment" }, j.containment + "%"))));
    document.querySelector("#nodes tbody").replaceChildren(...st.nodes.map((n) =>
      el("tr", {}, el("td", {}, n.node), el("td", {}, n.type), el("td", { class: "num" }, n.calls),
        el("td", { class: "num" }, n.visits), el("td", { class: "num" }, n.timedOut),
        el("td", { class: "num" }, n.hungUp),
        el("td", { class: "muted" }, Object.entries(n.exits).sort((a, b) => b[1] - a[1])
          .map(([k, v]) => k + " " + v).join(", ")))));
  }

  await loadOverview();
  await loadStats();
})();
