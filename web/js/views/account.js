// Signing in (email or username) and registering a business with its first manager.
import { t } from "../i18n.js";
import { api, rememberSession } from "../api.js";
import { h, field, showError } from "../dom.js";

function destination(user) {
  if (user.role === "admin") return "#/admin";
  if (user.role === "manager") return "#/manager";
  return "#/course";
}

export function signin(view) {
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  const form = h("form", { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    try {
      const answer = await api("POST", "/api/v1/session", { email: form.elements.login.value, password: form.elements.password.value });
      rememberSession(answer);
      location.hash = params.get("next") ? decodeURIComponent(params.get("next")) : destination(answer.user);
    } catch (error) {
      showError(error, error.code === "invalid_credentials" ? "password" : undefined);
    }
  } },
  field("login", t("signin.login"), { autocomplete: "username", required: true }),
  field("password", t("signin.password"), { type: "password", autocomplete: "current-password", required: true }),
  h("button", { type: "submit", text: t("signin.button") }));
  if (params.get("login")) form.elements.login.value = params.get("login");
  const notice = params.get("expired") ? t("signin.expired") : params.get("existing") ? t("signin.existing") : "";
  view.replaceChildren(h("h1", { text: t("signin.title") }), notice ? h("p", { class: "notice", role: "status", text: notice }) : "", form);
}

export function register(view) {
  const sectors = ["hotel", "holiday_park", "horeca", "taxi"];
  const sector = field("sector", t("register.sector"), { type: "select" });
  sector.querySelector("select").append(...sectors.map((name) => h("option", { value: name, text: t(`sector.${name}`) })));
  const form = h("form", { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value;
    form.querySelectorAll(".field-error").forEach((element) => { element.textContent = ""; });
    try {
      await api("POST", "/api/v1/businesses", {
        name: value("name"), sector: value("sector"), city: value("city"), kvk: value("kvk"), headcount: Number(value("headcount")),
        manager: { name: value("managerName"), email: value("managerEmail"), password: value("password") },
      });
    } catch (error) {
      showError(error, { invalid_kvk: "kvk", invalid_headcount: "headcount", invalid_email: "managerEmail", weak_password: "password", invalid_city: "city", invalid_name: "name" }[error.code]);
      return;
    }
    // The API answers a registration the same whether or not the address already had an account, so the
    // new manager signs in next; when that fails, the address was taken and the sign-in page says so.
    try {
      rememberSession(await api("POST", "/api/v1/session", { email: value("managerEmail"), password: value("password") }));
      location.hash = "#/manager";
    } catch (error) {
      if (error.code !== "invalid_credentials") return showError(error);
      location.hash = `#/signin?existing=1&login=${encodeURIComponent(value("managerEmail"))}`;
    }
  } },
  field("name", t("register.name"), { required: true, autocomplete: "organization" }),
  sector,
  field("city", t("register.city"), { required: true }),
  field("kvk", t("register.kvk"), { required: true, inputmode: "numeric" }),
  field("headcount", t("register.headcount"), { type: "number", min: "1", required: true }),
  field("managerName", t("register.managerName"), { required: true, autocomplete: "name" }),
  field("managerEmail", t("register.managerEmail"), { type: "email", required: true, autocomplete: "email" }),
  field("password", t("register.password"), { type: "password", required: true, autocomplete: "new-password" }),
  h("button", { type: "submit", text: t("register.button") }));
  view.replaceChildren(h("h1", { text: t("register.title") }), form);
}
