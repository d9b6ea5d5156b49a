/* The feedback tablet. One question per screen; after sending, or after a while without
   a touch (config.resetSeconds, a minute unless the kiosk's address says ?idle=N), it
   starts over in the page's language and forgets the answers, so the next customer never
   sees them. Answers are queued in the browser (localStorage) and sent when the network
   allows, each with its own key so that the server counts a resent answer once. A service
   worker keeps the page itself, so a reload without the network still works. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kiosk-config").textContent);
  var root = document.getElementById("kiosk");
  var statusLine = document.getElementById("kiosk-status");
  var queueKey = "palaute-kiosk-queue-" + config.code;
  var pageLanguage = config.languages[document.documentElement.lang] ? document.documentElement.lang : "fi";
  var language = pageLanguage;
  var state = null;
  var idleTimer = null;
  var thanksTimer = null;
  var openStatement = null;
  var FACES = {
    "1": "M11 30 Q20 20 29 30", "2": "M12 29 Q20 24 28 29", "3": "M12 27 L28 27",
    "4": "M12 25 Q20 30 28 25", "5": "M11 24 Q20 34 29 24"
  };

  function t() { return config.languages[language]; }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] === null || attrs[name] === undefined) { return; }
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
    svg.setAttribute("class", "face"); svg.setAttribute("viewBox", "0 0 40 40");
    svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false");
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

  function setLanguage(code) {
    language = code;
    document.documentElement.lang = code;
  }

  // The idle clock runs while a customer is answering or reading a statement, or when
  // the start screen was left in another language than the page's.
  function restartIdle() {
    window.clearTimeout(idleTimer);
    if (state || openStatement || (language !== pageLanguage && !thanksTimer)) {
      idleTimer = window.setTimeout(reset, config.resetSeconds * 1000);
    }
  }

  function closeStatement() {
    if (openStatement && openStatement.open) { openStatement.close(); }
    openStatement = null;
  }

  // The privacy and accessibility statements are in the page, one dialog per kind and
  // language; reading one keeps the idle clock running, and starting over closes it.
  function showStatement(kind) {
    var dialog = document.getElementById("kiosk-" + kind + "-" + language);
    if (!dialog) { return; }
    openStatement = dialog;
    dialog.showModal();
    dialog.scrollTop = 0;
    restartIdle();
  }
  Array.prototype.forEach.call(document.querySelectorAll(".kiosk__statement"), function (dialog) {
    dialog.addEventListener("close", function () {
      if (openStatement === dialog) { openStatement = null; restartIdle(); }
    });
  });

  function reset() {
    closeStatement();
    state = null;
    window.clearTimeout(idleTimer);
    window.clearTimeout(thanksTimer);
    thanksTimer = null;
    setLanguage(pageLanguage);
    showStart();
    showQueue();
  }

  function screen(children) {
    root.innerHTML = "";
    children.forEach(function (child) { if (child) { root.appendChild(child); } });
    var heading = root.querySelector("h1, h2");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    restartIdle();
  }

  function showStart() {
    var languages = el("div", { "class": "kiosk__languages", role: "group", "aria-label": t().labels.language },
      ["fi", "sv", "en"].map(function (code) {
        return el("button", { type: "button", "class": "kiosk__secondary", lang: code,
          "aria-pressed": String(code === language),
          text: { fi: "Suomi", sv: "Svenska", en: "English" }[code],
          onclick: function () { setLanguage(code); showStart(); showQueue(); } });
      }));
    var statements = el("div", { "class": "kiosk__statements" }, ["privacy", "accessibility"].map(function (kind) {
      return el("button", { type: "button", "class": "kiosk__secondary kiosk__link", "data-statement": kind,
        "aria-haspopup": "dialog", text: t().labels[kind], onclick: function () { showStatement(kind); } });
    }));
    screen([
      el("p", { "class": "kiosk__unit", text: t().unit }),
      el("h1", { text: t().labels.start }),
      t().intro ? el("p", { "class": "kiosk__help kiosk__intro", text: t().intro }) : null,
      el("button", { type: "button", "class": "kiosk__primary", id: "kiosk-start", text: t().labels.start, onclick: begin }),
      languages,
      statements
    ]);
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
    // Back moves within this customer's answers only; after sending they are gone.
    if (state.step > 0) {
      buttons.push(el("button", { type: "button", "class": "kiosk__secondary", "data-action": "back", text: t().labels.back,
        onclick: function () { state.step -= 1; showStep(); } }));
    }
    return el("div", { "class": "kiosk__nav" }, buttons.concat(extra || []));
  }

  function answerAndGo(record) {
    record();
    state.step += 1;
    showStep();
  }

  function question(text) { return el("h2", { id: "kiosk-question", text: text }); }

  function showStep() {
    var all = steps();
    if (state.step >= all.length) { return finish(); }
    var step = all[state.step];
    var skip = el("button", { type: "button", "class": "kiosk__secondary", "data-action": "skip", text: t().labels.skip,
      onclick: function () { state.step += 1; showStep(); } });
    if (step.kind === "nps") {
      var choices = el("div", { "class": "kiosk__choices kiosk__choices--nps", role: "group",
        "aria-labelledby": "kiosk-question" });
      for (var n = 0; n <= 10; n += 1) {
        (function (value) {
          choices.appendChild(el("button", { type: "button", text: String(value),
            "aria-pressed": String(state.answers.nps === value),
            onclick: function () { answerAndGo(function () { state.answers.nps = value; }); } }));
        })(n);
      }
      screen([el("p", { "class": "kiosk__unit", text: t().unit }), progress(), question(t().nps.text),
        t().nps.help ? el("p", { "class": "kiosk__help", text: t().nps.help }) : null, choices, nav([skip])]);
    } else if (step.kind === "statement") {
      var statement = t().statements[step.index];
      var scale = el("div", { "class": "kiosk__choices kiosk__choices--scale" + (config.child ? " kiosk__choices--faces" : ""),
        role: "group", "aria-labelledby": "kiosk-question" });
      t().scale.forEach(function (option) {
        var button = el("button", { type: "button",
          "class": option.value === config.noOpinion ? "kiosk__none" : "",
          "aria-pressed": String(state.answers.statements[statement.key] === option.value),
          onclick: function () { answerAndGo(function () { state.answers.statements[statement.key] = option.value; }); } },
          [config.child && FACES[option.value] ? face(option.value) : null, el("span", { text: option.label })]);
        scale.appendChild(button);
      });
      screen([progress(), question(statement.text),
        statement.help ? el("p", { "class": "kiosk__help", text: statement.help }) : null, scale, nav([skip])]);
    } else {
      var area = el("textarea", { id: "kiosk-open", "aria-labelledby": "kiosk-question",
        "aria-describedby": t().open.help ? "kiosk-open-help" : null, maxlength: "4000" });
      area.value = state.answers.open;
      area.addEventListener("input", function () { state.answers.open = area.value; restartIdle(); });
      screen([progress(), question(t().open.text),
        t().open.help ? el("p", { "class": "kiosk__help", id: "kiosk-open-help", text: t().open.help }) : null, area,
        nav([el("button", { type: "button", "class": "kiosk__primary", id: "kiosk-send", text: t().labels.send, onclick: finish })])]);
    }
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return String(Date.now()) + "-" + Math.random().toString(16).slice(2, 14);
  }

  function readQueue() {
    try {
      var queue = JSON.parse(window.localStorage.getItem(queueKey) || "[]");
      return Array.isArray(queue) ? queue : [];
    } catch (error) { return []; }
  }
  function writeQueue(queue) {
    try { window.localStorage.setItem(queueKey, JSON.stringify(queue)); } catch (error) { /* full: keep trying */ }
    showQueue();
  }
  var lastSendFailed = false;
  function showQueue() {
    var count = readQueue().length;
    var parts = [];
    if (count && (lastSendFailed || navigator.onLine === false)) { parts.push(t().labels.offline); }
    if (count) { parts.push(t().labels.waiting.replace("%(count)s", count)); }
    statusLine.textContent = parts.join(" ");
    statusLine.setAttribute("data-waiting", String(count));
  }

  var flushing = false;
  function flush() {
    if (flushing) { return; }
    var queue = readQueue();
    if (!queue.length) { return; }
    // A tablet that knows it is offline waits for the "online" event instead of trying.
    if (navigator.onLine === false) { showQueue(); return; }
    flushing = true;
    var item = queue[0];
    fetch(config.answerUrl, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(item), credentials: "omit", cache: "no-store" })
      .then(function (response) {
        flushing = false;
        lastSendFailed = !(response.ok || response.status === 400);
        if (!lastSendFailed) {
          // Stored (or stored before: the same key counts once), or refused for good:
          // either way it leaves the queue.
          writeQueue(readQueue().filter(function (queued) { return queued.key !== item.key; }));
          flush();
        } else { showQueue(); }
      })
      .catch(function () { flushing = false; lastSendFailed = true; showQueue(); });
  }

  function finish() {
    if (!state) { return; }
    var answers = state.answers;
    var statements = {};
    Object.keys(answers.statements).forEach(function (key) { statements[key] = answers.statements[key]; });
    var payload = { key: uuid(), version: config.version, language: language,
      answers: { nps: answers.nps, statements: statements, open: answers.open } };
    var empty = answers.nps === null && !Object.keys(statements).length && !answers.open.trim();
    state = null;
    window.clearTimeout(idleTimer);
    if (!empty) {
      var queue = readQueue();
      queue.push(payload);
      writeQueue(queue);
      flush();
    }
    root.innerHTML = "";
    var heading = el("h1", { text: t().labels.thanks, tabindex: "-1", id: "kiosk-thanks" });
    root.appendChild(heading);
    heading.focus();
    thanksTimer = window.setTimeout(reset, config.thanksSeconds * 1000);
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", showQueue);
  window.setInterval(flush, 15000);
  ["pointerdown", "keydown", "touchstart"].forEach(function (name) {
    document.addEventListener(name, restartIdle, { passive: true });
  });
  // No way back to the previous customer: the history holds only this page.
  window.addEventListener("popstate", reset);
  if ("serviceWorker" in navigator && config.serviceWorker) {
    navigator.serviceWorker.register(config.serviceWorker).catch(function () { /* plain page */ });
  }
  showStart();
  showQueue();
  flush();
})();
