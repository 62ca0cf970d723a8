// The manager page's team section: the business's managers (invite another by a one-use link, remove
// one, never the last), and the manager's own place on the roster when they work in the business too.
import { t } from "../i18n.js";
import { api, currentUser } from "../api.js";
import { h, field, announce, showError } from "../dom.js";

/** The section; `onRosterChange` redraws the page when the manager's own place on the roster changed (progress moves). */
export async function managersSection(base, onRosterChange) {
  const me = currentUser();
  const section = h("section", { class: "card managers" });
  const linkBox = h("div", { "aria-live": "polite" });

  async function draw() {
    const { managers } = await api("GET", `${base}/managers`);
    const mine = managers.find((manager) => manager.id === me?.id);
    const inviteForm = h("form", { novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      try {
        const invited = await api("POST", `${base}/managers`, { name: inviteForm.elements.managerName.value, email: inviteForm.elements.managerEmail.value });
        await draw();
        linkBox.replaceChildren(h("p", { text: t("managers.link", { name: invited.name }) }),
          h("input", { readonly: true, value: invited.inviteUrl, class: "invite-url", "aria-label": t("managers.link", { name: invited.name }) }));
      } catch (error) {
        showError(error, { invalid_email: "managerEmail", already_exists: "managerEmail", invalid_name: "managerName" }[error.code]);
      }
    } }, h("h3", { text: t("managers.invite") }), field("managerName", t("admin.managerName"), { required: true }),
      field("managerEmail", t("admin.managerEmail"), { type: "email", required: true }), h("button", { type: "submit", text: t("managers.inviteButton") }));
    section.replaceChildren(
      h("h2", { text: t("managers.title") }),
      h("ul", { class: "manager-list" }, managers.map((manager) => h("li", { "data-manager": manager.id },
        manager.name, manager.email ? h("small", { class: "ltr", text: ` ${manager.email}` }) : "",
        manager.joined ? "" : h("small", { text: ` (${t("managers.pending")})` }), " ",
        h("button", { type: "button", class: "secondary", text: t("managers.remove"), "aria-label": `${t("managers.remove")}: ${manager.name}`,
          onclick: async () => {
            try {
              await api("DELETE", `${base}/managers/${manager.id}`);
              announce(t("status.saved"));
              await draw();
            } catch (error) {
              announce(error.message, true);
            }
          } })))),
      mine ? h("p", {}, mine.onRoster ? h("span", { text: `${t("managers.onRosterNote")} ` }) : "",
        h("button", { type: "button", class: "secondary", "data-own-roster": mine.onRoster ? "on" : "off",
          text: mine.onRoster ? t("managers.offRoster") : t("managers.onRoster"), onclick: async () => {
            try {
              await api("PUT", "/api/v1/me/roster", { onRoster: !mine.onRoster });
              announce(t("status.saved"));
              await onRosterChange();
            } catch (error) {
              announce(error.message, true);
            }
          } })) : "",
      inviteForm, linkBox);
  }
  await draw();
  return section;
}
