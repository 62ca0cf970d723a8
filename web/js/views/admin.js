// The admin's businesses: filters and paging, approving, issuing, and revoking with a reason.
import { t, day } from "../i18n.js";
import { api } from "../api.js";
import { h, field, announce, showError, pagerContents } from "../dom.js";
import { integrityBanner } from "./insights.js";

const pageSize = 25;

function choice(name, label, values) {
  const id = `filter-${name}`;
  const select = h("select", { id, name }, h("option", { value: "", text: t("admin.any") }),
    values.map(([value, text]) => h("option", { value, text })));
  return h("div", { class: "field" }, h("label", { for: id, text: label }), select);
}

export async function admin(view) {
  const filters = h("form", { class: "filters", onsubmit: (event) => { event.preventDefault(); offset = 0; reload(); } },
    choice("sector", t("register.sector"), ["hotel", "holiday_park", "horeca", "taxi"].map((sector) => [sector, t(`sector.${sector}`)])),
    choice("status", t("admin.status"), [["pending", t("admin.pending")], ["approved", t("admin.approved")]]),
    choice("eligible", t("admin.eligible"), [["true", t("admin.yes")], ["false", t("admin.no")]]),
    choice("certificate", t("admin.certificate"), ["none", "valid", "expired", "revoked"].map((state) => [state, t(`certificate.${state}`)])),
    choice("headcount", t("admin.headcountFilter"), [["pending", t("admin.headcountPending")]]),
    choice("attention", t("admin.attention"), [["true", t("admin.yes")]]),
    h("div", { class: "field" }, h("label", { for: "filter-city", text: t("register.city") }), h("input", { id: "filter-city", name: "city" })),
    h("button", { type: "submit", text: t("admin.filter") }));
  const table = h("table", { class: "businesses", tabindex: "-1" });
  const pager = h("p", { class: "pager" });
  let offset = 0;

  /** Loads the page again, showing an error (a bad filter, no network) in words. */
  async function reload() {
    try {
      await load();
    } catch (error) {
      announce(error.message, true);
    }
  }

  async function act(method, path, body, businessID) {
    try {
      await api(method, path, body);
      announce(t("status.saved"));
      await load();
      (table.querySelector(`tr[data-business="${businessID}"] button, tr[data-business="${businessID}"] summary`) || table).focus();
    } catch (error) {
      announce(error.message, true);
    }
  }

  function revokeForm(row) {
    const id = `reason-${row.business.id}`;
    const form = h("form", { class: "revoke", novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      try {
        await api("POST", `/api/v1/admin/certificates/${encodeURIComponent(row.certificateCode)}/revoke`, { reason: form.elements[id].value });
        announce(t("status.saved"));
        await load();
      } catch (error) {
        showError(error, error.code === "invalid_reason" ? id : undefined);
      }
    } }, field(id, t("admin.reason"), { required: true }), h("button", { type: "submit", text: t("admin.revoke") }));
    return h("details", {}, h("summary", { text: t("admin.revoke") }), form);
  }

  async function load() {
    const query = new URLSearchParams({ limit: pageSize, offset });
    for (const name of ["sector", "status", "eligible", "certificate", "headcount", "attention", "city"]) {
      const value = filters.elements[name].value.trim();
      if (value) query.set(name, value);
    }
    const page = await api("GET", `/api/v1/admin/businesses?${query}`);
    table.replaceChildren(
      h("thead", {}, h("tr", {}, [t("register.name"), t("admin.progress"), t("admin.certificate"), ""].map((text) => h("th", { text })))),
      h("tbody", {}, page.businesses.map((row) => h("tr", { "data-business": row.business.id },
        h("td", {}, row.business.name, h("br"), h("small", { text: `${row.business.city} · ${t(`sector.${row.business.sector}`)} · ${t(`admin.${row.business.status}`)} · ${t("admin.headcount", { headcount: row.business.declaredHeadcount })}` }),
          row.business.pendingHeadcount ? h("p", { class: "notice", text: t("admin.headcountRequest", { headcount: row.business.pendingHeadcount.headcount, date: day(row.business.pendingHeadcount.requestedAt) }) }) : "",
          row.warnings.length ? h("p", { class: "notice warning", "data-attention": row.warnings.join(" "), text: t("admin.attention") }) : ""),
        h("td", { text: `${row.progress.completed}/${row.progress.denominator} (${row.progress.percent}%)` }),
        h("td", {}, t(`certificate.${row.certificate}`), row.certificateCode ? h("br") : "", row.certificateCode ? h("small", { class: "code", text: row.certificateCode }) : ""),
        h("td", { class: "row-actions" },
          row.business.status === "pending" ? h("button", { type: "button", text: t("admin.approve"), onclick: () => act("POST", `/api/v1/admin/businesses/${row.business.id}/approve`, { headcount: row.business.declaredHeadcount }, row.business.id) }) : "",
          row.business.pendingHeadcount ? ["confirm", "reject"].map((decision) => h("button", { type: "button", class: decision === "reject" ? "secondary" : "",
            "aria-label": t(`admin.headcount.${decision}Named`, { name: row.business.name }), text: t(`admin.headcount.${decision}`),
            onclick: () => act("POST", `/api/v1/admin/businesses/${row.business.id}/headcount-change`, { decision }, row.business.id) })) : "",
          row.progress.eligible && row.business.status === "approved" && row.certificate !== "valid"
            ? h("button", { type: "button", text: t("admin.issue"), onclick: () => act("POST", `/api/v1/admin/businesses/${row.business.id}/certificates`, undefined, row.business.id) }) : "",
          row.certificate === "valid" ? revokeForm(row) : "")))));
    pager.replaceChildren(...pagerContents({ offset, shown: page.businesses.length, total: page.total, pageSize },
      { shown: (values) => t("admin.shown", values), previous: t("module.previous"), next: t("module.next") },
      (to) => { offset = to; reload(); }));
  }

  await load();
  view.replaceChildren(await integrityBanner(), h("h1", { text: t("admin.title") }),
    h("p", {}, h("a", { href: "#/admin/insights", text: t("admin.insights") })),
    h("details", { class: "card" }, h("summary", { text: t("admin.filter") }), filters),
    h("details", { class: "card" }, h("summary", { text: t("admin.registerTitle") }), registerForm(() => { offset = 0; reload(); })),
    h("div", { class: "scroll" }, table), pager);
}

/** Registers a business for someone who phoned in: approved at once; the first manager's link (one use) to pass on. */
function registerForm(reload) {
  const result = h("div", { "aria-live": "polite" });
  const sector = field("newSector", t("register.sector"), { type: "select" });
  sector.querySelector("select").append(...["hotel", "holiday_park", "horeca", "taxi"].map((value) => h("option", { value, text: t(`sector.${value}`) })));
  const form = h("form", { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value.trim();
    try {
      const registered = await api("POST", "/api/v1/admin/businesses", {
        name: value("newName"), sector: value("newSector"), city: value("newCity"), kvk: value("newKvk"), headcount: Number(value("newHeadcount")),
        manager: { name: value("newManagerName"), email: value("newManagerEmail") } });
      result.replaceChildren(h("p", { text: t("admin.registered", { name: registered.business.name }) }),
        h("input", { readonly: true, value: registered.inviteUrl, class: "invite-url", "aria-label": t("admin.registered", { name: registered.business.name }) }));
      form.reset();
      reload();
    } catch (error) {
      showError(error, { invalid_name: "newName", invalid_sector: "newSector", invalid_city: "newCity", invalid_kvk: "newKvk",
        invalid_headcount: "newHeadcount", invalid_email: "newManagerEmail", already_exists: "newManagerEmail" }[error.code]);
    }
  } },
  field("newName", t("register.name"), { required: true }), sector, field("newCity", t("register.city"), { required: true }),
  field("newKvk", t("register.kvk"), { required: true, inputmode: "numeric" }),
  field("newHeadcount", t("register.headcount"), { type: "number", min: "1", required: true }),
  field("newManagerName", t("admin.managerName"), { required: true }), field("newManagerEmail", t("admin.managerEmail"), { type: "email", required: true }),
  h("button", { type: "submit", text: t("admin.registerButton") }));
  return h("div", {}, form, result);
}
