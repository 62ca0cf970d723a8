// Pages reached by a link: joining by invite (/join/TOKEN), signing up from the poster (/s/CODE)
// and creating the first admin (/setup/TOKEN). Each signs the person in and says what comes next.
import { t } from "../i18n.js";
import { api, rememberSession } from "../api.js";
import { h, field, announce, showError } from "../dom.js";

function linkToken() {
  return decodeURIComponent(location.pathname.split("/").pop() || "");
}

function welcomed(view, answer, next) {
  rememberSession(answer);
  view.replaceChildren(
    h("h1", { text: t("welcome.done", { name: answer.user.name }) }),
    answer.user.username ? h("p", { class: "notice", text: t("welcome.username", { username: answer.user.username }) }) : "",
    h("p", {}, h("a", { class: "button", href: `/${next}`, text: t("welcome.start") })));
  announce(t("welcome.done", { name: answer.user.name }));
  view.focus();
}

function passwordField() {
  return field("password", t("welcome.password"), { type: "password", autocomplete: "new-password" });
}

export function join(view) {
  const form = h("form", { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const password = form.elements.password.value;
    try {
      const answer = await api("POST", `/api/v1/invites/${encodeURIComponent(linkToken())}`, password ? { password } : {});
      welcomed(view, answer, answer.user.role === "manager" ? "#/manager" : "#/course");
    } catch (error) {
      showError(error, error.code === "weak_password" ? "password" : undefined);
    }
  } }, passwordField(), h("button", { type: "submit", text: t("welcome.join") }));
  view.replaceChildren(h("h1", { text: t("welcome.title") }), h("p", { text: t("welcome.invited") }), form);
}

export function signup(view) {
  const form = h("form", { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const body = { name: form.elements.name.value };
    if (form.elements.email.value) body.email = form.elements.email.value;
    if (form.elements.password.value) body.password = form.elements.password.value;
    try {
      welcomed(view, await api("POST", `/api/v1/signup/${encodeURIComponent(linkToken())}`, body), "#/course");
    } catch (error) {
      showError(error, { invalid_email: "email", email_taken: "email", weak_password: "password", invalid_name: "name" }[error.code]);
    }
  } },
  field("name", t("manager.name"), { required: true, autocomplete: "name" }),
  field("email", t("manager.email"), { type: "email", autocomplete: "email" }),
  passwordField(),
  h("button", { type: "submit", text: t("welcome.join") }));
  view.replaceChildren(h("h1", { text: t("welcome.title") }), h("p", { text: t("welcome.signup") }), form);
}

export function setup(view) {
  const form = h("form", { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value;
    try {
      welcomed(view, await api("POST", "/api/v1/setup", { token: linkToken(), name: value("name"), email: value("email"), password: value("password") }), "#/admin");
    } catch (error) {
      showError(error, { invalid_email: "email", email_taken: "email", weak_password: "password", invalid_name: "name" }[error.code]);
    }
  } },
  field("name", t("manager.name"), { required: true, autocomplete: "name" }),
  field("email", t("register.managerEmail"), { type: "email", required: true, autocomplete: "email" }),
  field("password", t("register.password"), { type: "password", required: true, autocomplete: "new-password" }),
  h("button", { type: "submit", text: t("setup.button") }));
  view.replaceChildren(h("h1", { text: t("setup.title") }), form);
}
