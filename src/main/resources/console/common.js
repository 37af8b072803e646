// Shared by the console pages: the session's CSRF token, JSON calls, a WebSocket that comes back.
"use strict";

const Hotline = (() => {
  let csrf = "";

  async function session() {
    const r = await fetch("/api/session", { credentials: "same-origin" });
    const s = await r.json();
    csrf = s.csrf || "";
    return s;
  }

  async function api(method, path, body) {
    const opts = { method, credentials: "same-origin", headers: {} };
    if (method !== "GET") {
      opts.headers["X-CSRF-Token"] = csrf;
    }
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const r = await fetch(path, opts);
    let data = {};
    try { data = await r.json(); } catch (e) { /* empty body */ }
    if (r.status === 401 && path !== "/api/signin") {
      location.href = "/signin.html";
    }
    if (!r.ok) {
      const err = new Error(data.error || ("HTTP " + r.status));
      err.status = r.status;
      throw err;
    }
    return data;
  }

  // A WebSocket that reconnects with back-off (1 s, 2 s, ... 10 s) and pings every 30 s.
  function socket(path, onMessage, onState) {
    let ws = null;
    let delay = 1000;
    let ping = null;
    function open() {
      const proto = location.protocol === "https:" ? "wss://" : "ws://";
      ws = new WebSocket(proto + location.host + path);
      ws.onopen = () => {
        delay = 1000;
        onState && onState(true);
        ping = setInterval(() => ws.readyState === 1 && ws.send('{"type":"ping"}'), 30000);
      };
      ws.onmessage = (e) => onMessage(JSON.parse(e.data));
      ws.onclose = (e) => {
        clearInterval(ping);
        onState && onState(false);
        if (e.code === 4401) {
          location.href = "/signin.html";
          return;
        }
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 10000);
      };
    }
    open();
    return { send: (m) => ws && ws.readyState === 1 && ws.send(JSON.stringify(m)), close: () => ws && ws.close() };
  }

  // Builds an element: el("td", {class: "x"}, "text", child...). Text is always text, never HTML.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.substring(2), v);
      else if (k === "dataset") Object.assign(e.dataset, v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function clock(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  // one way to show times everywhere on the console, as the server writes them (IVR path): 24-hour
  function time(iso) {
    if (!iso) return "";
    return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  }

  function when(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return d.toLocaleDateString([], { year: "numeric", month: "short", day: "numeric" }) + " " + time(iso);
  }

  // codes the server speaks in (categories, kinds, reasons, AMI device states), in words
  const WORDS = {
    "not-in-use": "idle", "in-use": "on a call", "ringinuse": "on a call", "ringing": "ringing",
    "unavailable": "unavailable", "invalid": "unknown", "busy": "busy", "on-hold": "on hold",
    "transfer_out": "transfer out", "transfer_in": "transfer in",
    "recharge_debited_not_credited": "recharge: debited, not credited",
    "debited_not_credited": "debited, not credited",
    "with_agent": "with an agent", "abandoned": "abandoned (the caller hung up waiting)",
  };
  function words(code) {
    if (code === undefined || code === null || code === "") return "";
    const c = String(code);
    return WORDS[c] || c.replaceAll("_", " ").replaceAll("-", " ");
  }

  function yuan(fen) {
    const sign = fen < 0 ? "-" : "";
    const a = Math.abs(fen);
    return sign + Math.floor(a / 100).toLocaleString() + "." + String(a % 100).padStart(2, "0");
  }

  // the Asterisk server a call is on: a small label, shown (style.css) only while the page's body has the class
  // several-servers, which console.js sets when Hotline has links to more than one server (ami:<name>, ari:<name>)
  function server(name) {
    return name ? el("span", { class: "server-name badge", title: "Asterisk server" }, name) : "";
  }
  function severalServers(linkNames) {
    const names = new Set(linkNames.map((n) => /^(?:ami|ari):(.+)$/.exec(n)).filter(Boolean).map((m) => m[1]));
    document.body.classList.toggle("several-servers", names.size > 1);
  }

  async function signOut() {
    try { await api("POST", "/api/signout"); } finally { location.href = "/signin.html"; }
  }

  return { session, api, socket, el, clock, time, when, words, yuan, server, severalServers, signOut };
})();
