// The public landing page: what the programme is, how to join, and checking a certificate.
import { t } from "../i18n.js";
import { h, field } from "../dom.js";

export function landing(view) {
  const form = h("form", { class: "card", onsubmit: (event) => {
    event.preventDefault();
    const code = form.elements.code.value.trim();
    if (code) location.href = `/verify/${encodeURIComponent(code)}`;
  } },
  h("h2", { text: t("landing.verify") }),
  field("code", t("landing.verifyCode"), { autocomplete: "off", required: true }),
  h("button", { type: "submit", text: t("landing.verifyButton") }));
  view.replaceChildren(
    h("h1", { text: t("landing.title") }),
    h("p", { class: "lead", text: t("app.tagline") }),
    h("p", { text: t("landing.intro") }),
    h("p", { text: t("landing.certificate") }),
    h("p", { text: t("landing.how") }),
    h("p", {}, h("a", { class: "button", href: "#/register", text: t("nav.register") }), " ",
      h("a", { class: "button secondary", href: "#/signin", text: t("nav.signin") })),
    form);
}
