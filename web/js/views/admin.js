// The admin's page: businesses with their progress, approving, issuing and revoking.
import { t, day } from "../i18n.js";
import { api } from "../api.js";
import { h, announce } from "../dom.js";

export async function admin(view) {
  const filter = h("select", { id: "filter", "aria-label": t("admin.filter") },
    [["", "—"], ["eligible=true", "eligible"], ["status=pending", "pending"], ["certificate=valid", "certified"]].map(([value, label]) => h("option", { value, text: label })));
  const table = h("table", { class: "businesses" });

  async function act(method, path, body) {
    try {
      await api(method, path, body);
      announce(t("status.saved"));
      await load();
    } catch (error) {
      announce(error.message, true);
    }
  }

  async function load() {
    const page = await api("GET", `/api/v1/admin/businesses?limit=100&${filter.value}`);
    table.replaceChildren(h("tbody", {}, page.businesses.map((row) => h("tr", {},
      h("td", {}, row.business.name, h("small", { text: ` ${row.business.city} · ${t(`sector.${row.business.sector}`)}` })),
      h("td", { text: `${row.progress.completed}/${row.progress.denominator} (${row.progress.percent}%)` }),
      h("td", { text: row.certificate }),
      h("td", { class: "row-actions" },
        row.business.status === "pending" ? h("button", { type: "button", text: t("admin.approve"), onclick: () => act("POST", `/api/v1/admin/businesses/${row.business.id}/approve`) }) : "",
        row.progress.eligible && row.certificate !== "valid" ? h("button", { type: "button", text: t("admin.issue"), onclick: () => act("POST", `/api/v1/admin/businesses/${row.business.id}/certificates`) }) : "")))));
  }

  const revokeForm = h("form", { onsubmit: async (event) => {
    event.preventDefault();
    await act("POST", `/api/v1/admin/certificates/${encodeURIComponent(revokeForm.elements.code.value)}/revoke`, { reason: revokeForm.elements.reason.value });
  } }, h("h2", { text: t("admin.revoke") }),
  h("label", { for: "code", text: "Code" }), h("input", { id: "code", name: "code", required: true }),
  h("label", { for: "reason", text: t("admin.reason") }), h("input", { id: "reason", name: "reason", required: true }),
  h("button", { type: "submit", text: t("admin.revoke") }));

  filter.addEventListener("change", load);
  await load();
  const audit = await api("GET", "/api/v1/admin/audit?limit=20");
  view.replaceChildren(h("h1", { text: t("admin.title") }), filter, table, h("section", { class: "card" }, revokeForm),
    h("section", {}, h("h2", { text: "Audit" }), h("ol", { class: "audit" }, audit.entries.map((entry) => h("li", { text: `${day(entry.at)} ${entry.action} ${entry.subject}` })))));
}
