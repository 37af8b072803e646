// Screen pops: one card per call (incoming, active, ended) or per ticket opened by reference.
"use strict";
const Pops = (() => {
  const { el, time, yuan } = Hotline;
  let me = null;
  const DISPOSITIONS = ["resolved", "fraud-case-opened", "refund-requested", "escalated", "callback-needed", "no-action"];

  function init(user) {
    me = user;
  }

  function root() {
    return document.getElementById("pops");
  }

  function emptyHint() {
    const hint = document.getElementById("no-pops");
    if (hint) hint.hidden = root().children.length > 0;
  }

  function stateLabel(p) {
    return { ringing: "INCOMING", active: "ACTIVE CALL", ended: "CALL ENDED", ticket: "TICKET" }[p.state] || p.state;
  }

  function recordTables(p) {
    const recs = p.records || [];
    const recharges = recs.filter((r) => r.type === "recharge");
    const txs = recs.filter((r) => r.type === "transaction");
    const transfers = recs.filter((r) => r.type === "transfer");
    const other = recs.filter((r) => r.type !== "recharge" && r.type !== "transaction" && r.type !== "transfer");
    const out = [];
    if (recharges.length) {
      out.push(el("h4", {}, "Recharges"), el("table", { class: "grid recharges" },
        el("thead", {}, el("tr", {}, ["ref", "when", "amount", "channel", "what happened"].map((h) => el("th", {}, h)))),
        el("tbody", {}, recharges.map((r) => el("tr", { class: "record" },
          el("td", {}, r.reference), el("td", {}, Hotline.when(r.at)),
          el("td", { class: "num" }, yuan(r.amount_fen)), el("td", {}, r.channel || ""),
          el("td", {}, Hotline.words(r.reason)))))));
    }
    if (txs.length) {
      out.push(el("h4", {}, "Transactions"), el("table", { class: "grid transactions" },
        el("thead", {}, el("tr", {}, ["ref", "when", "amount", "kind", "counterparty"].map((h) => el("th", {}, h)))),
        el("tbody", {}, txs.map((t) => el("tr", { class: "record" },
          el("td", {}, t.reference), el("td", {}, Hotline.when(t.at)),
          el("td", { class: "num" }, yuan(t.amount_fen)), el("td", {}, Hotline.words(t.kind)), el("td", {}, t.counterparty || ""))))));
    }
    if (transfers.length) {
      out.push(el("h4", {}, "Transfers and withdrawals"), el("table", { class: "grid transfers" },
        el("thead", {}, el("tr", {}, ["ref", "sent", "amount", "fee", "to", "state", "due by"].map((h) => el("th", {}, h)))),
        el("tbody", {}, transfers.map((t) => el("tr", { class: "record" + (t.overdue ? " overdue" : "") },
          el("td", {}, t.reference), el("td", {}, Hotline.when(t.at)),
          el("td", { class: "num" }, yuan(t.amount_fen)), el("td", { class: "num" }, yuan(t.fee_fen)),
          el("td", {}, Hotline.words(t.kind) + " to " + t.destination),
          el("td", {}, Hotline.words(t.state) + (t.settled_at ? " " + Hotline.when(t.settled_at) : "")
            + (t.reason ? " (" + Hotline.words(t.reason) + ")" : "")),
          el("td", {}, Hotline.when(t.expected_by) + (t.overdue ? " OVERDUE" : "")))))));
    }
    for (const r of other) {
      if (r.type === "freeze") out.push(el("p", { class: "freeze" }, "Freeze " + r.reference + " at " + time(r.at)
        + (r.already_frozen ? " (was already frozen)" : "")));
      else if (r.type === "reset_code") out.push(el("p", {}, r.sms === "not_sent"
        ? "Reset code NOT sent to " + r.sent_to + " (the SMS centre did not accept it)"
        : "Reset code sent to " + r.sent_to));
      else if (r.type === "login_unlock") out.push(el("p", {}, "Login unlocked"));
    }
    return out;
  }

  // the caller's voice message: the browser fetches it with the agent's session (never a public URL)
  function voiceMessage(p) {
    const m = p.voiceMessage;
    if (!m) return "";
    return el("div", { class: "voice-message" }, el("h4", {}, "Voice message"),
      el("audio", { controls: "", preload: "none", src: m.url, class: "voice-message-audio" }),
      el("span", { class: "muted" }, " " + m.seconds.toFixed(1) + " s · kept until " + Hotline.when(m.keptUntil)));
  }

  function records(p) {
    const recs = p.records || [];
    const complaint = recs.find((r) => r.type === "complaint");
    const out = recordTables(p);
    if (complaint) {
      out.unshift(el("p", { class: "complaint" }, "Complaint about " + Hotline.words(complaint.topic)
        + (complaint.transaction ? " (transaction " + complaint.transaction + ")" : "")
        + (complaint.voice_message ? " · voice message left" : " · no voice message")
        + (complaint.sms_to ? " · reference sent to " + complaint.sms_to : "")));
    }
    return out;
  }

  function account(p, card) {
    const a = p.account;
    if (!a) return el("p", { class: "account muted" }, "No account identified");
    const status = el("span", { class: "account-status badge " + (a.status === "frozen" ? "off" : "on") }, a.status);
    const box = el("div", { class: "account" },
      el("p", {}, el("strong", {}, a.holder), " · ", a.phone, " · account ", a.id, " · ", status,
        a.loginLocked ? " · login locked" : ""));
    if (me.mayUnfreeze && a.status === "frozen") {
      const reason = el("input", { class: "unfreeze-reason", placeholder: "why unfreeze (required)", "aria-label": "reason" });
      const msg = el("span", { class: "status-msg" });
      box.append(el("div", { class: "row" }, reason, el("button", {
        type: "button", class: "unfreeze",
        onclick: async () => {
          msg.textContent = "";
          try {
            await Hotline.api("POST", "/api/accounts/" + a.id + "/unfreeze", p.ticket ? { reason: reason.value, ticket: p.ticket } : { reason: reason.value });
            a.status = "active";
            status.textContent = "active";
            status.className = "account-status badge on";
            msg.textContent = "unfrozen";
            reason.remove();
          } catch (x) {
            msg.textContent = x.message;
          }
        },
      }, "Unfreeze"), msg));
    }
    return box;
  }

  function actions(p, card) {
    const out = [];
    const msg = el("p", { class: "status-msg" });
    if (p.source === "sim" && p.state === "ringing") {
      out.push(el("button", { type: "button", class: "answer", onclick: () => call(p, "answer", msg) }, "Answer"));
    }
    if (p.source === "sim" && p.state === "active") {
      out.push(el("button", { type: "button", class: "hangup", onclick: () => call(p, "hangup", msg) }, "Hang up"));
    }
    if (p.ticket && p.ticketClosed) {
      out.push(el("p", { class: "ticket-closed" }, "Ticket " + p.ticket + " is closed."));
    } else if (p.ticket && p.state !== "ringing") {
      const kept = draft(p.ticket);
      const note = el("textarea", { class: "note", rows: 2, placeholder: "note" });
      note.value = kept.note || "";
      const disp = el("select", { class: "disposition", "aria-label": "disposition" },
        el("option", { value: "" }, "disposition…"), DISPOSITIONS.map((d) => el("option", { value: d }, Hotline.words(d))));
      disp.value = kept.disposition || "";
      const keep = () => saveDraft(p.ticket, note.value, disp.value);
      note.addEventListener("input", keep);
      disp.addEventListener("change", keep);
      out.push(el("div", { class: "notes-list" }, (p.notes || []).map(noteLine)));
      out.push(note, el("div", { class: "row" },
        el("button", {
          type: "button", class: "add-note",
          onclick: async () => {
            try {
              const r = await Hotline.api("POST", "/api/tickets/" + p.ticket + "/notes", { text: note.value });
              p.notes = r.notes;
              card.querySelector(".notes-list").replaceChildren(...r.notes.map(noteLine));
              note.value = "";
              keep();
              msg.textContent = "note saved";
            } catch (x) { msg.textContent = x.message; }
          },
        }, "Add note"),
        disp,
        el("button", {
          type: "button", class: "close-ticket",
          onclick: async () => {
            if (!disp.value) {
              msg.textContent = "Choose a disposition to close the ticket.";
              return;
            }
            try {
              await Hotline.api("POST", "/api/tickets/" + p.ticket + "/close", { disposition: disp.value, note: note.value });
              closed(p.ticket);
            } catch (x) { msg.textContent = x.message; }
          },
        }, "Close ticket")));
    } else if (!p.ticket && p.state === "ended") {
      out.push(el("button", { type: "button", class: "dismiss", onclick: () => call(p, "dismiss", msg) }, "Dismiss"));
    }
    out.push(msg);
    return out;
  }

  function noteLine(n) {
    return el("p", { class: "note-line" }, el("span", { class: "muted" }, time(n.at) + " " + n.by + ": "), n.text);
  }

  async function call(p, what, msg) {
    try {
      await Hotline.api("POST", "/api/calls/" + encodeURIComponent(p.call) + "/" + what);
    } catch (x) { msg.textContent = x.message; }
  }

  function card(p) {
    const c = el("article", { class: "pop card state-" + p.state, dataset: { call: p.call || "", ticket: p.ticket || "", state: p.state } });
    c.append(
      el("h3", {}, el("span", { class: "badge state" }, stateLabel(p)), " ",
        el("span", { class: "ticket" }, p.ticket || "no ticket"), " · queue ", el("span", { class: "queue" }, p.queue || p.ticketQueue),
        p.note ? el("span", { class: "muted" }, " · " + p.note) : ""),
      el("p", { class: "who" }, "Caller ", el("strong", { class: "caller" }, p.caller || "withheld"),
        " · ", el("span", { class: "category" }, p.category || "?"), " · priority ", p.priority,
        " · ", el("span", { class: "verified" }, p.verified ? "verified (" + (p.verifiedBy || "yes") + ")"
          : p.identifiedBy ? "identified by " + p.identifiedBy + ", not verified" : "not verified"),
        p.language ? " · " + p.language : ""),
      p.dueAt ? el("p", { class: "due " + (p.overdue ? "overdue" : "on-time") },
        el("span", { class: "badge " + (p.overdue ? "off" : "on") }, p.overdue ? "OVERDUE" : "due"),
        " answer by " + Hotline.when(p.dueAt)) : "",
      account(p, c),
      voiceMessage(p),
      el("h4", {}, "What happened in the IVR"),
      el("ol", { class: "path" }, (p.path || []).map((s) => el("li", {}, s))),
      ...records(p),
      (p.earlier && p.earlier.length) ? el("div", { class: "earlier" }, el("h4", {}, "Earlier tickets"),
        el("ul", {}, p.earlier.map((t) => el("li", {}, t.ticket + " · " + t.category + " · " + t.status + " · "
          + new Date(t.openedAt).toLocaleDateString())))) : "",
      ...actions(p, c));
    return c;
  }

  // what is on screen per call, and the tickets closed here (a late "call ended" must not bring them back)
  const shown = new Map();
  const closedTickets = new Set();

  function show(p) {
    const existing = root().querySelector('.pop[data-call="' + CSS.escape(p.call) + '"]');
    if (p.ticket && closedTickets.has(p.ticket)) {
      if (p.state !== "active") {
        if (existing) existing.remove();
        shown.delete(p.call);
        emptyHint();
        return;
      }
      p.ticketClosed = true;
    }
    shown.set(p.call, p);
    const c = card(p);
    if (existing) existing.replaceWith(c); else root().prepend(c);
    emptyHint();
  }

  // the agent's note and disposition, kept in the browser until the ticket is closed: through hang-up
  // (the card is drawn again), reload and reconnect
  function draft(ticket) {
    try { return JSON.parse(localStorage.getItem("hotline.draft." + ticket)) || {}; } catch (e) { return {}; }
  }
  function saveDraft(ticket, note, disposition) {
    localStorage.setItem("hotline.draft." + ticket, JSON.stringify({ note, disposition }));
  }
  function dropDraft(ticket) {
    localStorage.removeItem("hotline.draft." + ticket);
  }

  function showTicket(t) {
    const p = Object.assign({}, t, { state: "ticket", call: "ticket:" + t.ticket });
    show(p);
  }

  function gone(callKey, reason) {
    const existing = root().querySelector('.pop[data-call="' + CSS.escape(callKey) + '"]');
    shown.delete(callKey);
    if (existing) existing.remove();
    emptyHint();
  }

  function closed(ticket) {
    closedTickets.add(ticket);
    dropDraft(ticket);
    root().querySelectorAll('.pop[data-ticket="' + CSS.escape(ticket) + '"]').forEach((e) => {
      const p = shown.get(e.dataset.call);
      if (p && p.state === "active") {
        // the caller is still on the line: the card stays, with Hang up, and says the ticket is closed
        p.ticketClosed = true;
        e.replaceWith(card(p));
      } else {
        e.remove();
        shown.delete(e.dataset.call);
      }
    });
    emptyHint();
  }

  return { init, show, showTicket, gone, closed };
})();
