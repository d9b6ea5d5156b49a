/* The feedback tablet. One question per screen; after sending, or after a minute without
   a touch, it starts over and forgets the answers, so the next customer never sees them.
   Answers are queued in the browser (localStorage) and sent when the network allows,
   each with its own key so that the server counts a resent answer once. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kiosk-config").textContent);
  var root = document.getElementById("kiosk");
  var statusLine = document.getElementById("kiosk-status");
  var queueKey = "palaute-kiosk-queue-" + config.code;
  var language = "fi";
  var state = null;
  var idleTimer = null;
  var FACES = {
    "1": "M11 30 Q20 20 29 30", "2": "M12 29 Q20 24 28 29", "3": "M12 27 L28 27",
    "4": "M12 25 Q20 30 28 25", "5": "M11 24 Q20 34 29 24"
  };

  function t() { return config.languages[language]; }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") { node.textContent = attrs[name]; }
      else if (name === "onclick") { node.addEventListener("click", attrs[name]); }
      else { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }
  function face(value) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "face"); svg.setAttribute("viewBox", "0 0 40 40"); svg.setAttribute("aria-hidden", "true");
    svg.innerHTML = '<circle cx="20" cy="20" r="18" fill="#ffd34d" stroke="#1b1b1b" stroke-width="2"/>' +
      '<circle cx="14" cy="16" r="2.5" fill="#1b1b1b"/><circle cx="26" cy="16" r="2.5" fill="#1b1b1b"/>' +
      '<path d="' + FACES[value] + '" fill="none" stroke="#1b1b1b" stroke-width="2.5"/>';
    return svg;
  }

  function steps() {
    var list = [];
    if (t().nps) { list.push({ kind: "nps" }); }
    t().statements.forEach(function (statement, index) { list.push({ kind: "statement", index: index }); });
    if (t().open) { list.push({ kind: "open" }); }
    return list;
  }

  function restartIdle() {
    window.clearTimeout(idleTimer);
    if (state) { idleTimer = window.setTimeout(reset, config.resetSeconds * 1000); }
  }

  function reset() {
    state = null;
    window.clearTimeout(idleTimer);
    showStart();
  }

  function screen(children) {
    root.innerHTML = "";
    children.forEach(function (child) { if (child) { root.appendChild(child); } });
    var focusable = root.querySelector("h1, h2");
    if (focusable) { focusable.setAttribute("tabindex", "-1"); focusable.focus(); }
    restartIdle();
  }

  function showStart() {
    var languages = el("div", { "class": "kiosk__languages", role: "group", "aria-label": t().labels.language },
      ["fi", "sv", "en"].map(function (code) {
        return el("button", { type: "button", "class": "kiosk__secondary", lang: code,
          "aria-pressed": String(code === language),
          text: { fi: "Suomi", sv: "Svenska", en: "English" }[code],
          onclick: function () { language = code; document.documentElement.lang = code; showStart(); } });
      }));
    screen([
      el("p", { "class": "kiosk__unit", text: t().unit }),
      el("h1", { text: t().labels.start }),
      t().intro ? el("p", { "class": "kiosk__help", text: t().intro }) : null,
      el("button", { type: "button", "class": "kiosk__primary", text: t().labels.start, onclick: begin }),
      languages
    ]);
    window.clearTimeout(idleTimer);
  }

  function begin() {
    state = { step: 0, answers: { nps: null, statements: {}, open: "" } };
    showStep();
  }

  function progress() {
    var all = steps();
    return el("p", { "class": "kiosk__progress",
      text: t().labels.question.replace("%(number)s", state.step + 1).replace("%(count)s", all.length) });
  }

  function nav(extra) {
    var buttons = [];
    if (state.step > 0) {
      buttons.push(el("button", { type: "button", "class": "kiosk__secondary", text: t().labels.back,
        onclick: function () { state.step -= 1; showStep(); } }));
    }
    return el("div", { "class": "kiosk__nav" }, buttons.concat(extra || []));
  }

  function answerAndGo(record) {
    record();
    state.step += 1;
    showStep();
  }

  function showStep() {
    var all = steps();
    if (state.step >= all.length) { return finish(); }
    var step = all[state.step];
    var skip = el("button", { type: "button", "class": "kiosk__secondary", text: t().labels.skip,
      onclick: function () { state.step += 1; showStep(); } });
    if (step.kind === "nps") {
      var choices = el("div", { "class": "kiosk__choices kiosk__choices--nps", role: "group" });
      for (var n = 0; n <= 10; n += 1) {
        (function (value) {
          choices.appendChild(el("button", { type: "button", text: String(value),
            "aria-pressed": String(state.answers.nps === value),
            onclick: function () { answerAndGo(function () { state.answers.nps = value; }); } }));
        })(n);
      }
      screen([el("p", { "class": "kiosk__unit", text: t().unit }), progress(), el("h2", { text: t().nps.text }),
        t().nps.help ? el("p", { "class": "kiosk__help", text: t().nps.help }) : null, choices, nav([skip])]);
    } else if (step.kind === "statement") {
      var statement = t().statements[step.index];
      var scale = el("div", { "class": "kiosk__choices kiosk__choices--scale", role: "group" });
      t().scale.forEach(function (option) {
        var button = el("button", { type: "button",
          "aria-pressed": String(state.answers.statements[statement.key] === option.value),
          onclick: function () { answerAndGo(function () { state.answers.statements[statement.key] = option.value; }); } },
          [config.child && FACES[option.value] ? face(option.value) : null, el("span", { text: option.label })]);
        scale.appendChild(button);
      });
      screen([progress(), el("h2", { text: statement.text }), scale, nav([skip])]);
    } else {
      var area = el("textarea", { id: "kiosk-open", "aria-labelledby": "kiosk-open-label", maxlength: "4000" });
      area.value = state.answers.open;
      area.addEventListener("input", function () { state.answers.open = area.value; restartIdle(); });
      screen([progress(), el("h2", { id: "kiosk-open-label", text: t().open.text }),
        t().open.help ? el("p", { "class": "kiosk__help", text: t().open.help }) : null, area,
        nav([el("button", { type: "button", "class": "kiosk__primary", text: t().labels.send, onclick: finish })])]);
    }
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return String(Date.now()) + "-" + Math.random().toString(16).slice(2);
  }

  function readQueue() {
    try { return JSON.parse(window.localStorage.getItem(queueKey) || "[]"); } catch (error) { return []; }
  }
  function writeQueue(queue) { window.localStorage.setItem(queueKey, JSON.stringify(queue)); showQueue(); }
  function showQueue() {
    var count = readQueue().length;
    statusLine.textContent = count ? count + " " + t().labels.waiting : "";
  }

  var flushing = false;
  function flush() {
    if (flushing) { return; }
    var queue = readQueue();
    if (!queue.length) { return; }
    flushing = true;
    var item = queue[0];
    fetch(config.answerUrl, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(item), credentials: "omit" })
      .then(function (response) {
        if (response.ok || response.status === 400) {
          // Sent, or refused for good: either way it leaves the queue.
          writeQueue(readQueue().filter(function (queued) { return queued.key !== item.key; }));
          flushing = false;
          flush();
        } else { flushing = false; }
      })
      .catch(function () { flushing = false; showQueue(); });
  }

  function finish() {
    var answers = state.answers;
    var statements = {};
    Object.keys(answers.statements).forEach(function (key) { statements[key] = answers.statements[key]; });
    var payload = { key: uuid(), version: config.version, language: language,
      answers: { nps: answers.nps, statements: statements, open: answers.open } };
    var empty = answers.nps === null && !Object.keys(statements).length && !answers.open.trim();
    state = null;
    if (!empty) {
      var queue = readQueue();
      queue.push(payload);
      writeQueue(queue);
      flush();
    }
    root.innerHTML = "";
    var heading = el("h1", { text: t().labels.thanks, tabindex: "-1" });
    root.appendChild(heading);
    heading.focus();
    window.setTimeout(reset, 4000);
  }

  window.addEventListener("online", flush);
  window.setInterval(flush, 15000);
  ["pointerdown", "keydown", "touchstart"].forEach(function (name) {
    document.addEventListener(name, restartIdle, { passive: true });
  });
  // No way back to the previous customer: the history holds only this page.
  window.addEventListener("popstate", reset);
  showStart();
  showQueue();
  flush();
})();
