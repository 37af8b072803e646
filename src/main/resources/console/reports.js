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

  async function show() {
    const by = document.getElementById("by").value;
    const days = (new Date(document.getElementById("to").value) - new Date(document.getElementById("from").value))
      / 86400000;
    const interval = days <= 2 ? "hour" : "day";
    document.getElementById("csv").href = "/api/reports?" + query(by) + "&format=csv";
    try {
      const [main, overTime, journeys, waits, funnel] = await Promise.all([
        Hotline.api("GET", "/api/reports?" + query(by)), Hotline.api("GET", "/api/reports?" + query(interval)),
        Hotline.api("GET", "/api/reports?" + query("journey")), Hotline.api("GET", "/api/reports/waits?" + query()),
        Hotline.api("GET", "/api/reports/funnel?flow=main&" + query())]);
      document.getElementById("error").textContent = "";
      document.getElementById("demo").hidden = !main.demo;
      table(main);
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
