// The single-page app: a hash router over the views, the header with navigation and language choice.
import { loadLanguage, languages, language, t } from "./i18n.js";
import { api, currentUser, forgetSession, rememberSession } from "./api.js";
import { h, announce } from "./dom.js";
import { flushPendingAnswers } from "./answers.js";

// Each view's code loads when it is first shown, so a page carries only what it uses.
const lazy = (file, name) => async (...args) => (await import(`./views/${file}.js`))[name](...args);

// Pages reached by a link carry their token in the path; everything else is a hash route.
const linkPages = [
  [/^\/join\//, lazy("welcome", "join")],
  [/^\/s\//, lazy("welcome", "signup")],
  [/^\/setup\//, lazy("welcome", "setup")],
];

const routes = [
  [/^#?\/?$/, lazy("landing", "landing")],
  [/^#\/signin/, lazy("account", "signin")],
  [/^#\/register/, lazy("account", "register")],
  [/^#\/course$/, lazy("course", "course")],
  [/^#\/module\/([\w-]+)(?:\/([\w-]+))?$/, lazy("course", "moduleReader")],
  [/^#\/quiz\/([\w-]+)$/, lazy("quiz", "quiz")],
  [/^#\/manager$/, lazy("manager", "manager")],
  [/^#\/admin$/, lazy("admin", "admin")],
  [/^#\/admin\/insights$/, lazy("insights", "insights")],
];

function header() {
  const user = currentUser();
  const links = [h("a", { href: "#/", text: t("nav.home") })];
  if (user?.role === "employee" || user?.role === "manager") links.push(h("a", { href: "#/course", text: t("nav.course") }));
  if (user?.role === "manager") links.push(h("a", { href: "#/manager", text: t("nav.manager") }));
  if (user?.role === "admin") links.push(h("a", { href: "#/admin", text: t("nav.admin") }));
  if (user) {
    links.push(h("button", { type: "button", class: "link", text: t("nav.signout"), onclick: async () => {
      try { await api("DELETE", "/api/v1/session"); } catch { /* signed out either way */ }
      forgetSession();
      location.hash = "#/";
      render();
    } }));
  } else {
    links.push(h("a", { href: "#/signin", text: t("nav.signin") }));
  }
  const select = h("select", { id: "language", "aria-label": t("lang.label"), onchange: async (event) => {
    await loadLanguage(event.target.value);
    render();
  } }, Object.entries(languages).map(([code, name]) => h("option", { value: code, selected: code === language, text: name })));
  return h("header", { class: "top" },
    h("a", { href: "#/", class: "brand", text: t("app.name") }),
    h("nav", { "aria-label": "main" }, links),
    select);
}

export async function render() {
  const shell = document.getElementById("app");
  const view = h("main", { id: "view", tabindex: "-1" });
  shell.replaceChildren(header(), view, h("p", { id: "status", class: "status", role: "status", "aria-live": "polite" }));
  const linkPage = !location.hash && linkPages.find(([pattern]) => pattern.test(location.pathname));
  const match = routes.find(([pattern]) => pattern.test(location.hash));
  try {
    if (linkPage) {
      await linkPage[1](view);
    } else {
      const [pattern, show] = match || routes[0];
      await show(view, ...(location.hash.match(pattern) || []).slice(1));
    }
  } catch (error) {
    announce(error.message, true);
  }
  // Move focus to the new view for screen readers, unless the view already placed it (a quiz option).
  if (!view.contains(document.activeElement)) view.focus();
  performance.mark("signaal:rendered");
}

async function start() {
  await loadLanguage();
  if (!currentUser()) {
    try { rememberSession(await fetch("/api/v1/session").then((r) => r.json())); } catch { /* offline: stay signed out */ }
  }
  window.addEventListener("hashchange", render);
  await render();
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => { /* works without it, just not offline */ });
  window.addEventListener("online", flushPendingAnswers);
  setInterval(flushPendingAnswers, 15000);
  await flushPendingAnswers();
}

start();
