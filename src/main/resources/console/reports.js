// The reports page: figures per queue, agent, journey, language or interval from the durable record, three
// charts (Chart.js, vendored) and a CSV export of the same table.
"use strict";
(() => {
  const el = Hotline.el;
  const charts = {};
  const COLUMNS = [["key", "group"], ["offered", "offered"], ["answered", "answered"], ["abandoned", "abandoned"],
    ["shortAbandoned", "short abandons"], ["serviceLevel", "SL", "pct"], ["asa", "ASA", "s"], ["aht", "AHT", "s"],
    ["abandonRate", "abandon rate", "pct"], ["transfers", "transfers"], ["callbacks", "callbacks"],
    ["ivrCalls", "IVR calls"], ["containment", "containment", "pct"], ["dispositions", "dispositions", "disp"]];

  function iso(d) { return d.toISOString().substring(0, 10); }
  function cell(v, kind) {
    if (v === null || v === undefined) return "";
    if (kind === "pct") return (v * 100).toFixed(1) + "%";
    if (kind === "s") return v.toFixed(1) + " s";
    if (kind === "disp") return Object.entries(v).map(([k, n]) => k + "=" + n).join(" ");
    return String(v);
  }
  function query(by) {
    return "from=" + document.getElementById("from").value + "&to=" + document.getElementById("to").value
      + (by ? "&by=" + by : "");
  }
  function draw(id, config) {
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options);
    charts[id] = new Chart(document.getElementById(id), config);
  }

  function table(report) {
    const t = document.getElementById("table");
    t.tHead.replaceChildren(el("tr", {}, COLUMNS.map(([, label]) => el("th", {}, label))));
    const rows = report.rows.concat([report.total]);
    t.tBodies[0].replaceChildren(...rows.map((r) => el("tr", { "data-key": r.key, class: r === report.total ? "total" : "" },
      COLUMNS.map(([k, , kind]) => el("td", { "data-col": k, class: k === "key" ? "" : "num" }, cell(r[k], kind))))));
  }

  // "3h 10m" from milliseconds, as on the ticket pops
  function span(ms) {
    const m = Math.max(0, Math.floor(ms / 60000));
    if (m >= 1440) return Math.floor(m / 1440) + "d " + Math.floor((m % 1440) / 60) + "h";
    return m >= 60 ? Math.floor(m / 60) + "h " + (m % 60) + "m" : m + "m";
  }
  function standing(p, now) {
    const due = new Date(p.due).getTime();
    if (p.state === "overdue") return "OVERDUE by " + span(now - due);
    if (p.state === "due") return "due in " + span(due - now);
    if (p.state === "broken") return "broken: closed " + span(new Date(p.closed).getTime() - due) + " late";
    return "kept";
  }

  function promises(result) {
    const now = new Date(result.now).getTime();
    const tally = document.getElementById("promise-tally");
    const cols = [["queue", "queue"], ["made", "made"], ["kept", "kept"], ["broken", "broken"], ["due", "due"],
      ["overdue", "overdue"], ["keptRate", "kept %", "pct"]];
    tally.tHead.replaceChildren(el("tr", {}, cols.map(([, label]) => el("th", {}, label))));
    tally.tBodies[0].replaceChildren(...result.tallies.concat([result.total]).map((t) =>
      el("tr", { "data-queue": t.queue, class: t === result.total ? "total" : "" },
        cols.map(([k, , kind]) => el("td", { "data-col": k, class: k === "queue" ? "" : "num" },
          cell(k === "queue" ? Hotline.words(t[k]) : t[k], kind))))));
    const list = document.getElementById("promise-list");
    list.tHead.replaceChildren(el("tr", {}, ["ticket", "queue", "opened", "due", "where it stands", "closed by",
      "disposition"].map((h) => el("th", {}, h))));
    list.tBodies[0].replaceChildren(...result.promises.map((p) => el("tr", { "data-ref": p.reference }, [
      el("td", {}, p.reference), el("td", {}, Hotline.words(p.queue)), el("td", {}, Hotline.when(p.created)),
      el("td", {}, Hotline.when(p.due)),
      el("td", { "data-col": "state" }, el("span", { class: "badge " + p.state }, standing(p, now))),
      el("td", {}, p.closedBy || ""), el("td", {}, Hotline.words(p.disposition))])));
  }

  async function show() {
    const by = document.getElementById("by").value;
    const days = (new Date(document.getElementById("to").value) - new Date(document.getElementById("from").value))
      / 86400000;
    const interval = days <= 2 ? "hour" : "day";
    document.getElementById("csv").href = "/api/reports?" + query(by) + "&format=csv";
    document.getElementById("promises-csv").href = "/api/reports/complaints?" + query() + "&format=csv";
    try {
      const [main, overTime, journeys, waits, funnel, promised] = await Promise.all([
        Hotline.api("GET", "/api/reports?" + query(by)), Hotline.api("GET", "/api/reports?" + query(interval)),
        Hotline.api("GET", "/api/reports?" + query("journey")), Hotline.api("GET", "/api/reports/waits?" + query()),
        Hotline.api("GET", "/api/reports/funnel?flow=main&" + query()),
        Hotline.api("GET", "/api/reports/complaints?" + query())]);
      document.getElementById("error").textContent = "";
      document.getElementById("demo").hidden = !main.demo;
      table(main);
      promises(promised);
      const rows = overTime.rows;
      draw("chart-calls", { type: "bar", data: { labels: rows.map((r) => r.key), datasets: [
        { label: "offered", data: rows.map((r) => r.offered), backgroundColor: "#9cb3d1" },
        { label: "answered", data: rows.map((r) => r.answered), backgroundColor: "#1f8f4e" },
        { label: "abandoned", data: rows.map((r) => r.abandoned), backgroundColor: "#c0392b" },
        { label: "service level %", type: "line", yAxisID: "sl", borderColor: "#1c2430",
          data: rows.map((r) => r.serviceLevel === null ? null : Math.round(r.serviceLevel * 1000) / 10) }] },
        options: { scales: { y: { beginAtZero: true, title: { display: true, text: "calls" } },
          sl: { position: "right", min: 0, max: 100, title: { display: true, text: "SL %" } } } } });
      draw("chart-waits", { type: "bar", data: { labels: waits.buckets.map((b) => b.label), datasets: [
        { label: "answered", data: waits.buckets.map((b) => b.answered), backgroundColor: "#1f8f4e" },
        { label: "abandoned", data: waits.buckets.map((b) => b.abandoned), backgroundColor: "#c0392b" }] },
        options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } } });
      const j = journeys.rows.filter((r) => r.ivrCalls > 0);
      draw("chart-containment", { type: "bar", data: { labels: j.map((r) => r.key), datasets: [
        { label: "contained %", backgroundColor: "#3b6fb6",
          data: j.map((r) => r.containment === null ? 0 : Math.round(r.containment * 1000) / 10) }] },
        options: { indexAxis: "y", scales: { x: { min: 0, max: 100 } } } });
      draw("chart-funnel", { type: "bar", data: { labels: funnel.steps.map((st) => st.node), datasets: [
        { label: "calls reaching the node", data: funnel.steps.map((st) => st.calls), backgroundColor: "#9cb3d1" },
        { label: "hung up there", data: funnel.steps.map((st) => st.hungUp), backgroundColor: "#c0392b" }] },
        options: { indexAxis: "y" } });
      document.body.dataset.loaded = String(Date.now());
    } catch (e) {
      document.getElementById("error").textContent = e.message;
    }
  }

  (async () => {
    await Hotline.session();
    const params = new URLSearchParams(location.search);
    const today = new Date();
    const tomorrow = new Date(today.getTime() + 86400000);
    document.getElementById("to").value = params.get("to") || iso(tomorrow);
    document.getElementById("from").value = params.get("from") || iso(new Date(tomorrow.getTime() - 7 * 86400000));
    document.getElementById("by").value = params.get("by") || "queue";
    document.getElementById("period").addEventListener("submit", (e) => { e.preventDefault(); show(); });
    show();
  })();
})();
