// Small helps on top of pages that work without JavaScript.
(() => {
  // Live countdowns. The server renders the absolute time and the seconds left on its own clock, so the countdown
  // stays right even when the device's clock is off (or a demo moved Souk's clock).
  const countdowns = [...document.querySelectorAll("time[data-seconds-left]")];
  const started = Date.now();
  const lang = document.documentElement.lang;
  const units = lang === "ru" ? { d: "д", h: "ч", m: "мин", s: "с", over: "время вышло" } : { d: "d", h: "h", m: "min", s: "s", over: "time is up" };
  const render = () => {
    const elapsed = Math.floor((Date.now() - started) / 1000);
    for (const el of countdowns) {
      const left = Number(el.dataset.secondsLeft) - elapsed;
      if (!el.title) el.title = el.textContent;
      if (left <= 0) { el.textContent = units.over; continue; }
      const d = Math.floor(left / 86400), h = Math.floor(left % 86400 / 3600), m = Math.floor(left % 3600 / 60), s = left % 60;
      el.textContent = d > 0 ? `${d} ${units.d} ${h} ${units.h}` : h > 0 ? `${h} ${units.h} ${m} ${units.m}` : `${m} ${units.m} ${s} ${units.s}`;
    }
  };
  if (countdowns.length) { render(); setInterval(render, 1000); }

  // A select that acts at once (the language): no inline handler, so the Content-Security-Policy can forbid inline script.
  for (const select of document.querySelectorAll("select[data-submit-on-change]")) {
    select.addEventListener("change", () => select.form.submit());
  }

  // Other requires a comment in the cancel dialog.
  const comment = document.getElementById("comment");
  for (const radio of document.querySelectorAll("input[name=reason]")) {
    radio.addEventListener("change", () => { if (comment) comment.required = radio.dataset.requiresComment === "true"; });
  }
})();
