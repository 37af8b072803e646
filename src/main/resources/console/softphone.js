// The softphone: dials the hotline through the simulated PBX, plays (or reads) the prompts, sends keys.
// A prompt counts as played when its sound (or spoken text) ends; without sound, after a reading time.
// ?fast=1 makes prompts end at once (for tests and the impatient).
"use strict";
(async () => {
  const { el } = Hotline;
  const s = await Hotline.session();
  if (!s.signedIn) {
    location.href = "/signin.html?next=softphone";
    return;
  }
  const fast = new URLSearchParams(location.search).get("fast") === "1";
  const speakBox = document.getElementById("speak");
  if (fast || !("speechSynthesis" in window)) speakBox.checked = false;
  const stateEl = document.getElementById("state");
  const promptEl = document.getElementById("prompt");
  const logEl = document.getElementById("log");
  const dialBtn = document.getElementById("dial");
  const hangBtn = document.getElementById("hangup");
  let inCall = false;
  let current = null; // { id, timer, audio }

  function setState(text, calling) {
    stateEl.textContent = text;
    if (calling !== undefined) {
      inCall = calling;
      dialBtn.disabled = calling;
      hangBtn.disabled = !calling;
    }
  }

  function stopCurrent() {
    if (!current) return;
    clearTimeout(current.timer);
    if (current.audio) current.audio.pause();
    if (window.speechSynthesis) window.speechSynthesis.cancel();
    current = null;
  }

  function played(id) {
    if (current && current.id === id) {
      current = null;
      phone.send({ type: "played", id });
    }
  }

  function say(m) {
    stopCurrent();
    promptEl.textContent = m.text;
    logEl.append(el("li", { class: "said" }, m.text));
    logEl.scrollTop = logEl.scrollHeight;
    current = { id: m.id, timer: null, audio: null };
    const id = m.id;
    if (m.audio && m.audio.length && !fast) {
      const files = m.audio.slice();
      const next = () => {
        if (!current || current.id !== id) return;
        const f = files.shift();
        if (!f) { played(id); return; }
        current.audio = new Audio(f);
        current.audio.onended = next;
        current.audio.onerror = next;
        current.audio.play().catch(next);
      };
      next();
    } else if (speakBox.checked && window.speechSynthesis) {
      const u = new SpeechSynthesisUtterance(m.text);
      u.lang = m.language === "zh" ? "zh-CN" : "en-US";
      u.onend = () => played(id);
      u.onerror = () => played(id);
      window.speechSynthesis.speak(u);
      // Some browsers never fire onend: fall back to a reading time.
      current.timer = setTimeout(() => played(id), 2000 + 90 * m.text.length);
    } else {
      const ms = fast ? 30 : Math.min(9000, Math.max(900, 500 + 55 * m.text.length));
      current.timer = setTimeout(() => played(id), ms);
    }
  }

  const phone = Hotline.socket("/ws/softphone", (m) => {
    switch (m.type) {
      case "answered": setState("Connected to the hotline IVR", true); logEl.replaceChildren(); break;
      case "say": say(m); break;
      case "action": logEl.append(el("li", { class: "action muted" }, "(IVR: " + m.name + " → " + m.outcome
        + (m.reference ? ", " + m.reference : "") + ")")); break;
      case "ivr-ended":
        stopCurrent();
        if (m.reason === "queued" || m.queue) {
          setState("Handed to queue " + m.queue + (m.ticket ? " with ticket " + m.ticket : ""), true);
        } else {
          setState("Call ended (" + m.reason.replace("_", " ") + ")", false);
          promptEl.textContent = "";
        }
        break;
      case "queue":
        if (m.state === "waiting") setState("Waiting in queue " + m.queue + ", position " + m.position, true);
        else if (m.state === "ringing") setState("Ringing agent " + m.agent + " (queue " + m.queue + ")", true);
        else if (m.state === "talking") setState("Talking to " + m.agent, true);
        else if (m.state === "on_hold") setState("On hold (music) · " + m.agent, true);
        else { setState("Call ended", false); promptEl.textContent = ""; }
        break;
      case "error": setState(m.message); break;
      default: break;
    }
  });

  const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
  const pad = document.getElementById("keypad");
  for (const k of keys) {
    pad.append(el("button", { type: "button", class: "key", dataset: { key: k }, onclick: () => press(k) }, k));
  }

  function press(k) {
    if (!inCall) return;
    logEl.append(el("li", { class: "pressed" }, "you pressed " + k));
    phone.send({ type: "key", key: k });
  }

  document.addEventListener("keydown", (e) => {
    if (keys.includes(e.key) && e.target.tagName !== "INPUT" && e.target.tagName !== "SELECT") press(e.key);
  });

  dialBtn.addEventListener("click", () => {
    phone.send({ type: "dial", number: document.getElementById("number").value, lang: document.getElementById("lang").value });
    setState("Calling…", true);
  });
  hangBtn.addEventListener("click", () => {
    stopCurrent();
    phone.send({ type: "hangup" });
  });
})();
