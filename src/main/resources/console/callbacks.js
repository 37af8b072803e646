// Queued callbacks on the board: each queue card lists its callbacks with their place in the queue's line;
// a supervisor cancels one, moves it a place up or down, or to another queue (audited on the server); the same for
// those waiting for the queue's opening (up and down among them: they start in that order).
"use strict";
const Callbacks = (() => {
  const { el } = Hotline;

  function state(cb) {
    if (cb.status === "pending") return "waiting for opening" + (cb.startsAt ? " (" + Hotline.when(cb.startsAt) + ")" : "");
    if (cb.status === "dialing") return "calling back" + (cb.agent ? " for " + cb.agent : "");
    if (cb.startsAt) return (cb.attempts > 0 ? "again from " : "from ") + Hotline.when(cb.startsAt);
    return cb.placed ? "holding its place" : "placing";
  }

  async function act(path, body, msg) {
    try { await Hotline.api("POST", path, body); msg.textContent = "done"; }
    catch (x) { msg.textContent = x.message; }
  }

  function controls(cb, queues) {
    const msg = el("span", { class: "status-msg" });
    const base = "/api/callbacks/" + encodeURIComponent(cb.reference);
    if (cb.status !== "waiting" && cb.status !== "pending") return el("span", { class: "row" }, msg);
    const among = cb.status === "pending" ? " among those waiting for the opening" : "";
    const to = el("select", { class: "cb-queue", "aria-label": "move " + cb.reference + " to" },
      el("option", { value: "" }, "move to…"),
      queues.filter((q) => q !== cb.queue).map((q) => el("option", { value: q }, q)));
    return el("span", { class: "row" },
      el("button", { type: "button", class: "cb-up", title: "one place up" + among, onclick: () => act(base + "/move", { direction: "up" }, msg) }, "▲"),
      el("button", { type: "button", class: "cb-down", title: "one place down" + among, onclick: () => act(base + "/move", { direction: "down" }, msg) }, "▼"),
      to, el("button", { type: "button", class: "cb-move", onclick: () => to.value && act(base + "/move", { queue: to.value }, msg) }, "Move"),
      el("button", { type: "button", class: "cb-cancel red", onclick: () => act(base + "/cancel", { reason: "cancelled on the board" }, msg) }, "Cancel"),
      msg);
  }

  // adds a "callbacks" table to each queue card that has some
  function render(callbacks, me, queues) {
    document.querySelectorAll("#board .queue.card").forEach((card) => {
      const mine = callbacks.filter((cb) => cb.queue === card.dataset.queue);
      if (mine.length === 0) return;
      const opening = mine.filter((cb) => cb.status === "pending").length;
      card.append(el("h4", {}, "callbacks ", el("span", { class: "badge busy cb-count" }, mine.length - opening),
          opening > 0 ? el("span", { class: "cb-opening" }, " · waiting for opening ",
            el("span", { class: "badge cb-opening-count" }, opening)) : ""),
        el("table", { class: "grid callbacks" },
          el("thead", {}, el("tr", {}, ["#", "callback", "number", "ticket", "state", ""].map((h) => el("th", {}, h)))),
          el("tbody", {}, mine.map((cb) => el("tr", { class: "callback", dataset: { ref: cb.reference, status: cb.status, position: cb.position } },
            el("td", { class: "position" }, cb.position > 0 ? cb.position : "–"),
            el("td", { class: "cb-ref" }, cb.reference),
            el("td", {}, cb.number),
            el("td", {}, cb.ticket),
            el("td", { class: "cb-state" }, state(cb) + (cb.lastResult ? " · last " + Hotline.words(cb.lastResult) : "")),
            el("td", {}, me.role !== "agent" ? controls(cb, queues) : ""))))));
    });
  }

  return { render };
})();
