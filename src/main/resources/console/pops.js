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
    return { ringing: "INCOMING", active: "ACTIVE CALL", ended: "CALL ENDED", ticket: "TICKET", missed: "MISSED CALL" }[p.state] || p.state;
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
    const locked = el("span", { class: "login-state" }, a.loginLocked ? " · login locked" : "");
    const box = el("div", { class: "account" },
      el("p", {}, el("strong", {}, a.holder), " · ", a.phone, " · account ", a.id, " · ", status, locked));
    if (me.mayUnfreeze && a.loginLocked) {
      // same rules as unfreeze: a supervisor, a reason, audited, noted on the ticket
      const why = el("input", { class: "unlock-reason", placeholder: "why unlock the login (required)", "aria-label": "reason to unlock" });
      const msg = el("span", { class: "status-msg" });
      const row = el("div", { class: "row" }, why, el("button", {
        type: "button", class: "unlock-login",
        onclick: async () => {
          msg.textContent = "";
          try {
            await Hotline.api("POST", "/api/accounts/" + a.id + "/unlock-login", p.ticket ? { reason: why.value, ticket: p.ticket } : { reason: why.value });
            a.loginLocked = false;
            locked.textContent = " · login unlocked";
            row.replaceChildren(el("span", { class: "status-msg unlocked" }, "login unlocked: the caller can sign in again"));
          } catch (x) {
            msg.textContent = x.message;
          }
        },
      }, "Unlock login"), msg);
      box.append(row);
    }
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
    if (p.state === "active") {
      const controls = el("div", { class: "row call-controls" },
        el("button", { type: "button", class: "hangup", onclick: () => call(p, "hangup", msg) }, "Hang up"),
        p.held
          ? el("button", { type: "button", class: "resume", onclick: () => call(p, "resume", msg) }, "Resume")
          : el("button", { type: "button", class: "hold", onclick: () => call(p, "hold", msg) }, "Hold"));
      if (p.held) controls.append(el("span", { class: "badge off on-hold" }, "ON HOLD · music"));
      out.push(controls);
      // a held call is resumed before it is transferred (the server answers 409 otherwise)
      if (!p.ticketClosed && !p.held) out.push(transferRow(p, msg));
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
      const follow = el("input", { type: "checkbox", class: "follow-up", "aria-label": "follow-up needed" });
      follow.checked = !!kept.followUp;
      const keep = () => saveDraft(p.ticket, note.value, disp.value, follow.checked);
      note.addEventListener("input", keep);
      disp.addEventListener("change", keep);
      follow.addEventListener("change", keep);
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
        el("label", { class: "follow-label" }, follow, " follow-up"),
        el("button", {
          type: "button", class: "close-ticket",
          onclick: async () => {
            if (!disp.value) {
              msg.textContent = "Choose a disposition to close the ticket.";
              return;
            }
            try {
              await Hotline.api("POST", "/api/tickets/" + p.ticket + "/close", { disposition: disp.value, note: note.value, followUp: follow.checked });
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

  // blind transfer: to another queue or an available agent, with the agent's note for the next one
  let targets = { queues: [], agents: [] };
  function setTargets(t) {
    targets = t;
  }
  function transferRow(p, msg) {
    const pick = el("select", { class: "transfer-to", "aria-label": "transfer to" },
      el("option", { value: "" }, "transfer to…"),
      targets.queues.filter((q) => q !== p.queue).map((q) => el("option", { value: "queue:" + q }, "queue " + q)),
      targets.agents.filter((a) => a.login !== me.login).map((a) => el("option", { value: "agent:" + a.login }, a.name)));
    return el("div", { class: "row" }, pick, el("button", {
      type: "button", class: "transfer",
      onclick: async () => {
        if (!pick.value) { msg.textContent = "Choose where to transfer the call."; return; }
        const [kind, to] = pick.value.split(":");
        const note = p.ticket ? (draft(p.ticket).note || "") : "";
        try {
          await Hotline.api("POST", "/api/calls/" + encodeURIComponent(p.call) + "/transfer", { [kind]: to, note });
          if (p.ticket) dropDraft(p.ticket);
        } catch (x) { msg.textContent = x.message; }
      },
    }, "Transfer"));
  }

  function noteLine(n) {
    return el("p", { class: "note-line" }, el("span", { class: "muted" }, time(n.at) + " " + n.by + ": "), n.text);
  }

  async function call(p, what, msg) {
    try {
      await Hotline.api("POST", "/api/calls/" + encodeURIComponent(p.call) + "/" + what);
    } catch (x) { msg.textContent = x.message; }
  }

  // the full number, for the agent handling the call only (audited on the server; never kept in the page's data)
  function revealButton(p) {
    if (!p.caller || !p.ticket || p.agent !== me.login || (p.state !== "active" && p.state !== "ended")) return "";
    const b = el("button", {
      type: "button", class: "reveal-number link", title: "show the full number (audited)",
      onclick: async () => {
        try {
          const r = await Hotline.api("POST", "/api/calls/" + encodeURIComponent(p.call) + "/reveal-number");
          const who = b.parentElement.querySelector(".caller");
          who.textContent = r.number;
          who.classList.add("revealed");
          b.replaceWith(el("span", { class: "muted revealed-note" }, " (shown to you, audited)"));
        } catch (x) { b.replaceWith(el("span", { class: "muted reveal-error" }, " " + x.message)); }
      },
    }, "show number");
    return b;
  }

  function card(p) {
    const c = el("article", { class: "pop card state-" + p.state, dataset: { call: p.call || "", ticket: p.ticket || "", state: p.state } });
    // a ringing call's Answer comes right under who is calling, on screen even at 390 px; other states' controls
    // follow the details they act on
    const acts = actions(p, c);
    const ringing = p.state === "ringing";
    c.append(
      el("h3", {}, el("span", { class: "badge state" }, stateLabel(p)), " ",
        el("span", { class: "ticket" }, p.ticket || "no ticket"), " · queue ", el("span", { class: "queue" }, p.queue || p.ticketQueue),
        " ", Hotline.server(p.server), p.note ? el("span", { class: "muted" }, " · " + p.note) : ""),
      el("p", { class: "who" }, "Caller ", el("strong", { class: "caller" }, p.caller || "withheld"), revealButton(p),
        " · ", el("span", { class: "category" }, p.category || "?"), " · priority ", p.priority,
        " · ", el("span", { class: "verified" }, p.verified ? "verified (" + (p.verifiedBy || "yes") + ")"
          : p.identifiedBy ? "identified by " + p.identifiedBy + ", not verified" : "not verified"),
        p.language ? " · " + p.language : ""),
      ...(ringing ? acts : []),
      p.state === "active" && p.answeredAt ? el("p", { class: "call-timer", dataset: { since: Date.parse(p.answeredAt) } },
        "on the call for ", el("span", { class: "elapsed" }, Hotline.clock(Date.now() - Date.parse(p.answeredAt)))) : "",
      p.state === "ticket" ? el("p", { class: "ticket-status" }, "Status: ", el("strong", { class: "status" }, Hotline.words(p.status)),
        p.disposition ? " · disposition " + Hotline.words(p.disposition) : "",
        p.closedBy ? " · closed by " + p.closedBy + (p.closedAt ? " at " + Hotline.when(p.closedAt) : "") : "",
        p.followUp ? " · follow-up needed" : "") : "",
      p.dueAt ? el("p", { class: "due " + (p.overdue ? "overdue" : "on-time") },
        el("span", { class: "badge " + (p.overdue ? "off" : "on") }, p.overdue ? "OVERDUE" : "due"),
        " answer by " + Hotline.when(p.dueAt)) : "",
      account(p, c),
      voiceMessage(p),
      el("h4", {}, "What happened in the IVR"),
      el("ol", { class: "path" }, (p.path || []).map((s) => el("li", {}, s))),
      ...records(p),
      (p.earlier && p.earlier.length) ? el("div", { class: "earlier" }, el("h4", {}, "Earlier tickets"),
        el("ul", {}, p.earlier.map((t) => t.restricted
          ? el("li", { class: "restricted" }, "a ticket in the " + t.queue + " queue · " + Hotline.when(t.openedAt)
            + " (another queue's: ask a supervisor)")
          : el("li", {}, t.ticket + " · " + Hotline.words(t.category) + " · " + Hotline.words(t.status) + " · "
            + Hotline.when(t.openedAt))))) : "",
      ...(ringing ? [] : acts));
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
    alertRinging();
  }

  // the agent's note and disposition, kept in the browser until the ticket is closed: through hang-up
  // (the card is drawn again), reload and reconnect
  function draft(ticket) {
    try { return JSON.parse(localStorage.getItem("hotline.draft." + ticket)) || {}; } catch (e) { return {}; }
  }
  function saveDraft(ticket, note, disposition, followUp) {
    localStorage.setItem("hotline.draft." + ticket, JSON.stringify({ note, disposition, followUp }));
  }
  function dropDraft(ticket) {
    localStorage.removeItem("hotline.draft." + ticket);
  }

  function showTicket(t) {
    const p = Object.assign({}, t, { state: "ticket", call: "ticket:" + t.ticket, ticketClosed: t.status === "closed" });
    show(p);
  }

  // a call that rang here and was not answered (or the caller gave up): a short "missed call" card
  function gone(callKey, reason, missed) {
    const existing = root().querySelector('.pop[data-call="' + CSS.escape(callKey) + '"]');
    const p = shown.get(callKey);
    shown.delete(callKey);
    if (existing && missed && p) {
      const c = el("article", { class: "pop card state-missed", dataset: { call: callKey, ticket: p.ticket || "", state: "missed" } },
        el("h3", {}, el("span", { class: "badge state off" }, "MISSED CALL"), " ", el("span", { class: "ticket" }, p.ticket || "no ticket"),
          " · queue ", p.queue || "", " ", Hotline.server(p.server)),
        el("p", {}, "Caller ", el("strong", {}, p.caller || "withheld"), " · " + Hotline.words(p.category || "") + " · " + reason),
        el("button", { type: "button", class: "dismiss", onclick: () => { c.remove(); emptyHint(); } }, "Dismiss"));
      existing.replaceWith(c);
    } else if (existing) {
      existing.remove();
    }
    emptyHint();
    alertRinging();
  }

  // while a call rings: the tab's title says so and a tone plays (Web Audio, once the page was clicked)
  const baseTitle = document.title;
  let audio = null;
  let toneTimer = null;
  // what the agent's line is doing, for the "You are ..." line: a held call is not "available"
  let lineWatch = () => {};
  function line() {
    const calls = [...shown.values()];
    if (calls.some((x) => x.state === "active" && x.held)) return "on hold";
    if (calls.some((x) => x.state === "active")) return "on a call";
    if (calls.some((x) => x.state === "ringing")) return "ringing";
    return "";
  }
  function watchLine(fn) {
    lineWatch = fn;
  }

  function alertRinging() {
    lineWatch(line());
    const ringing = [...shown.values()].some((x) => x.state === "ringing");
    document.title = ringing ? "☎ Incoming call · " + baseTitle : baseTitle;
    document.body.classList.toggle("ringing", ringing);
    if (ringing && !toneTimer) {
      tone();
      toneTimer = setInterval(tone, 2000);
    } else if (!ringing && toneTimer) {
      clearInterval(toneTimer);
      toneTimer = null;
    }
  }
  function tone() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const o = audio.createOscillator();
      const g = audio.createGain();
      o.frequency.value = 880;
      g.gain.value = 0.08;
      o.connect(g).connect(audio.destination);
      o.start();
      o.stop(audio.currentTime + 0.4);
      document.body.dataset.tones = String(Number(document.body.dataset.tones || 0) + 1);
    } catch (e) { /* no audio device: the title still says it */ }
  }

  function tick() {
    document.querySelectorAll(".call-timer").forEach((t) => {
      t.querySelector(".elapsed").textContent = Hotline.clock(Date.now() - Number(t.dataset.since));
    });
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
    lineWatch(line());
  }

  return { init, show, showTicket, gone, closed, tick, setTargets, line, watchLine };
})();
