"use strict";
(async () => {
  const s = await Hotline.session();
  const next = new URLSearchParams(location.search).get("next");
  const target = next === "softphone" ? "/softphone.html" : next === "wallboard" ? "/wallboard.html"
    : "/console.html";
  if (s.signedIn) {
    location.href = target;
    return;
  }
  document.getElementById("form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const error = document.getElementById("error");
    error.textContent = "";
    try {
      await Hotline.api("POST", "/api/signin", {
        login: document.getElementById("login").value.trim(),
        password: document.getElementById("password").value,
      });
      location.href = target;
    } catch (err) {
      error.textContent = err.message;
      if (err.status === 403) {
        await Hotline.session();
      }
    }
  });
})();
