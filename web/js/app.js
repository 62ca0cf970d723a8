// The single-page app: a hash router over the views, the header with navigation and language choice.
import { loadLanguage, languages, language, t } from "./i18n.js";
import { api, ApiError, currentUser, forgetSession, rememberSession } from "./api.js";
import { h, announce } from "./dom.js";
import { flushKept, forgetKept } from "./offline.js";

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
    links.push(h("button", { type: "button", class: "link", text: t("nav.signout"), onclick: signOut }));
  } else {
    links.push(h("a", { href: "#/signin", text: t("nav.signin") }));
  }
  const select = h("select", { id: "language", "aria-label": t("lang.label"), onchange: async (event) => {
    await loadLanguage(event.target.value);
    keepLanguageOnAccount();
    // A quiz keeps its attempt (and the answers given so far); other views are drawn again.
    if (location.hash.startsWith("#/quiz/")) document.querySelector("header.top").replaceWith(header());
    else await render();
    document.getElementById("language").focus();
  } }, Object.entries(languages).map(([code, name]) => h("option", { value: code, selected: code === language, text: name })));
  return h("header", { class: "top" },
    h("a", { href: "#/", class: "brand", text: t("app.name") }),
    h("nav", { "aria-label": t("nav.label") }, links),
    select);
}

/**
 * A person's language follows them to any phone: the one kept on their account wins over this
 * device's; an account without one keeps the language this device shows.
 */
async function followAccountLanguage() {
  const user = currentUser();
  if (!user) return;
  if (user.language && user.language !== language && languages[user.language]) await loadLanguage(user.language);
  else if (!user.language) keepLanguageOnAccount();
}

function keepLanguageOnAccount() {
  const user = currentUser();
  if (!user || user.language === language) return;
  sessionStorage.setItem("signaal.user", JSON.stringify({ ...user, language }));
  api("PUT", "/api/v1/me/language", { language }, "application/json", { background: true }).catch(() => { /* kept on this device */ });
}

/** Sends what is still kept, then ends the session; the device forgets the person only once the server has. */
async function signOut() {
  const user = currentUser();
  await flushKept();
  try {
    await api("DELETE", "/api/v1/session", undefined, "application/json", { background: true });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) {
      announce(error.status === 0 ? t("signout.offline") : error.message, true);
      return;
    }
  }
  if (user) forgetKept(user.id);
  forgetSession();
  location.hash = "#/";
  await render();
}

export async function render() {
  await followAccountLanguage();
  const shell = document.getElementById("app");
  const view = h("main", { id: "view", tabindex: "-1" });
  // One live status region for the whole visit, so a message given just before a view changes is still read.
  const status = document.getElementById("status") || h("p", { id: "status", class: "status", role: "status", "aria-live": "polite" });
  if (Date.now() - Number(status.dataset.at || 0) > 3000) status.textContent = "";
  shell.replaceChildren(header(), view, status);
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
  const heading = view.querySelector("h1")?.textContent;
  document.title = heading && heading !== t("app.name") ? `${heading} — ${t("app.name")}` : t("app.name");
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
  window.addEventListener("online", flushKept);
  setInterval(flushKept, 15000);
  await flushKept();
}

start();
