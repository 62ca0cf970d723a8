// The manager's page: progress to 60 percent, certificate materials, the roster and its actions.
import { t, day, languages } from "../i18n.js";
import { api, currentUser } from "../api.js";
import { h, field, announce, showError, pagerContents } from "../dom.js";


export async function manager(view) {
  const businessID = currentUser()?.businessId;
  const base = `/api/v1/businesses/${businessID}`;
  // The roster is searched and paged on the server: a business of 10,000 draws 50 rows at a time.
  const pageSize = 50;
  const [business, roster] = await Promise.all([api("GET", base), api("GET", `${base}/employees?limit=${pageSize}`)]);
  const progress = business.progress;

  const certificate = business.certificate;
  const materials = h("p", { class: "actions" },
    certificate && certificate.state === "valid" ? [
      h("a", { class: "button", href: `/certificates/${certificate.code}.pdf`, text: t("manager.download") }),
      h("a", { class: "button secondary", href: `/certificates/${certificate.code}/sticker.pdf`, text: t("manager.sticker") }),
    ] : "",
    h("a", { class: "button secondary", href: `${base}/poster.pdf`, text: t("manager.poster") }),
    h("a", { class: "button secondary", href: `${base}/employees.csv`, text: t("manager.export") }));

  const badge = certificate && certificate.state === "valid" ? badgeSnippet(certificate.code) : "";

  const inviteBox = h("div", { id: "invite", "aria-live": "polite" });
  function showInvite(name, url) {
    inviteBox.replaceChildren(h("p", { text: t("manager.invite", { name }) }),
      h("input", { readonly: true, value: url, "aria-label": t("manager.invite", { name }), class: "invite-url" }),
      h("img", { src: `/api/v1/qr.svg?data=${encodeURIComponent(url)}`, alt: t("manager.qrAlt", { name }), width: "160", height: "160" }));
  }

  /**
   * Adds a person. Someone of the same name already on the list is a question, not a second person:
   * the manager answers it with "add anyway" (another person of that name) or by leaving it.
   */
  async function addPerson(person, { allowDuplicate = false, after = () => {} } = {}) {
    const added = await api("POST", `${base}/employees`, { ...person, ...(allowDuplicate ? { allowDuplicate } : {}) });
    showInvite(added.name, added.inviteUrl);
    after();
    await refreshRoster();
  }

  function askAboutNamesake(person, place, after) {
    place.replaceChildren(h("p", { class: "notice", role: "alert" }, t("manager.duplicate", { name: person.name }), " ",
      h("button", { type: "button", class: "secondary", "data-add-anyway": person.name, text: t("manager.addAnyway"), onclick: async () => {
        place.replaceChildren();
        try { await addPerson(person, { allowDuplicate: true, after }); } catch (error) { announce(error.message, true); }
      } })));
  }

  const namesake = h("div", { class: "namesake", "aria-live": "polite" });
  const addForm = h("form", { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    namesake.replaceChildren();
    const email = addForm.elements.email.value.trim();
    const role = addForm.elements.role.value;
    const language = addForm.elements.staffLanguage.value;
    const person = { name: addForm.elements.name.value, ...(email ? { email } : {}), ...(role ? { role } : {}), ...(language ? { language } : {}) };
    try {
      await addPerson(person, { after: () => addForm.reset() });
    } catch (error) {
      if (error.code === "possible_duplicate") return askAboutNamesake(person, namesake, () => addForm.reset());
      showError(error, { invalid_email: "email", email_taken: "email", invalid_name: "name", invalid_role: "role" }[error.code]);
    }
  } }, h("h2", { text: t("manager.add") }), field("name", t("manager.name"), { required: true }), field("email", t("manager.email"), { type: "email" }),
  roleField(business.roles), languageField(),
  h("button", { type: "submit", text: t("manager.addButton") }), namesake);

  const importForm = h("form", { onsubmit: async (event) => {
    event.preventDefault();
    const file = importForm.elements.csv.files[0];
    if (!file) return;
    try {
      // The file's own bytes: the server checks they are UTF-8 and says so when they are not.
      const report = await api("POST", `${base}/employees/import`, file, "text/csv");
      announce(t("manager.imported", { added: report.added.length, rejected: report.rejected.length }));
      const list = h("ul", {}, report.rejected.map((row) => {
        const item = h("li", {}, t("manager.rejectedRow", { line: row.line, reason: t(`import.${row.code}`) }));
        if (row.person) {
          const place = h("span");
          item.append(" ", place);
          askAboutNamesake(row.person, place, () => item.remove());
        }
        return item;
      }));
      importForm.querySelector(".report").replaceChildren(list);
      await refreshRoster();
    } catch (error) {
      announce(error.message, true);
    }
  } }, h("h2", { text: t("manager.import") }), h("label", { for: "csv", text: t("manager.csvFile") }), h("input", { type: "file", id: "csv", name: "csv", accept: ".csv,text/csv" }),
  h("button", { type: "submit", text: t("manager.importButton") }), h("div", { class: "report" }));

  const search = h("input", { type: "search", id: "search", "aria-label": t("manager.search"), placeholder: t("manager.search") });
  const statusFilter = h("select", { id: "status-filter", "aria-label": t("manager.status") },
    [["", t("admin.any")], ["completed", t("course.status.passed")], ["in_progress", t("course.status.in_progress")],
     ["not_started", t("course.status.not_started")], ["inactive", t("manager.inactive")], ["unconfirmed", t("manager.unconfirmed")]]
      .map(([value, text]) => h("option", { value, text })));
  const table = h("table", { class: "roster" });
  const pager = h("p", { class: "pager", "aria-live": "polite" });
  let page = roster;
  let offset = 0;

  async function act(method, path, name, personID) {
    try {
      const answer = await api(method, path);
      if (answer?.inviteUrl) showInvite(name, answer.inviteUrl);
      await refreshRoster();
      // The row was drawn again: keep the keyboard where it was, on that person's first button.
      table.querySelector(`tr[data-person="${personID}"] button`)?.focus();
      announce(t("status.saved"));
    } catch (error) {
      announce(error.message, true);
    }
  }

  function drawRoster() {
    const rows = page.employees;
    pager.replaceChildren(...pagerContents({ offset, shown: rows.length, total: page.total, pageSize },
      { shown: (values) => t("admin.shown", values), previous: t("module.previous"), next: t("module.next") },
      (to) => { offset = to; refreshRoster(); }));
    table.replaceChildren(
      h("thead", {}, h("tr", {}, h("th", { text: t("manager.name") }), h("th", { text: t("manager.role") }), h("th", { text: t("manager.language") }),
        h("th", { text: t("manager.status") }),
        h("th", {}, h("span", { class: "visually-hidden", text: t("manager.actions") })))),
      h("tbody", {}, rows.map((person) => h("tr", { class: person.active ? "" : "inactive", "data-person": person.id },
        h("td", {}, person.name, person.username ? h("small", { text: ` (${person.username})` }) : ""),
        h("td", {}, roleSelect(person)),
        h("td", {}, languageSelect(person)),
        h("td", { text: person.status === "in_progress" && person.modulesPassed > 0
          ? t("manager.modulesPassed", { count: person.modulesPassed })
          : t(`course.status.${person.status === "completed" ? "passed" : person.status}`) }),
        h("td", { class: "row-actions" },
          rowButton(person, "confirm", "POST", "confirm", ""),
          person.active ? rowButton(person, "deactivate", "DELETE", "", "secondary") : rowButton(person, "reactivate", "POST", "reactivate", "secondary"),
          rowButton(person, "renew", "POST", "invite", "secondary"))))));
  }

  /** The person's job, changeable here: it picks their role module. */
  function roleSelect(person) {
    return rowSelect(person, "role", t("manager.role"), t("manager.roleUnknown"),
      business.roles.map((role) => ({ value: role, text: t(`role.${role}`) })));
  }

  /** The person's language, changeable here: their pages and course open in it on any phone. */
  function languageSelect(person) {
    return rowSelect(person, "language", t("manager.language"), "—",
      Object.entries(languages).map(([code, name]) => ({ value: code, text: name, lang: code })));
  }

  /** A select in a person's row that saves `property` (PUT …/employees/{id}/{property}) when changed. */
  function rowSelect(person, property, label, unset, choices) {
    const select = h("select", { "aria-label": `${label}: ${person.name}`, [`data-${property}-of`]: person.id, onchange: async () => {
      try {
        await api("PUT", `${base}/employees/${person.id}/${property}`, { [property]: select.value });
        person[property] = select.value;
        announce(t("status.saved"));
      } catch (error) {
        select.value = person[property] || "";
        announce(error.message, true);
      }
    } },
    person[property] ? "" : h("option", { value: "", text: unset }),
    choices.map((choice) => h("option", { ...choice, selected: person[property] === choice.value })));
    return select;
  }

  /** A roster button whose accessible name says whom it is for ("Left: Ana Kowalska"). */
  function rowButton(person, action, method, suffix, style) {
    if (action === "confirm" && person.confirmed) return "";
    return h("button", { type: "button", class: style || undefined, text: t(`manager.${action}`), "aria-label": `${t(`manager.${action}`)}: ${person.name}`,
      onclick: () => act(method, `${base}/employees/${person.id}${suffix ? `/${suffix}` : ""}`, person.name, person.id) });
  }

  async function refreshRoster() {
    const query = new URLSearchParams({ limit: pageSize, offset });
    if (search.value.trim()) query.set("q", search.value.trim());
    if (statusFilter.value) query.set("status", statusFilter.value);
    page = await api("GET", `${base}/employees?${query}`);
    drawRoster();
  }

  let typing;
  search.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => { offset = 0; refreshRoster(); }, 250);
  });
  statusFilter.addEventListener("change", () => { offset = 0; refreshRoster(); });
  drawRoster();
  view.replaceChildren(
    h("h1", { text: business.business.name }),
    h("section", { class: "card progress" },
      h("p", { class: "big", text: `${progress.percent}%` }),
      meter(progress),
      h("p", { text: t("manager.progress", progress) }),
      h("p", { text: progress.eligible ? t("manager.eligible", progress) : t(progress.needed === 1 ? "manager.neededOne" : "manager.needed", progress) }),
      business.business.status === "pending" ? h("p", { class: "notice", text: t("manager.pending") }) : "",
      headcountForm(business.business, base, () => manager(view)),
      certificate && certificate.state === "valid" ? h("p", { text: t("manager.certificate", { date: day(certificate.expiresAt) }) }) : "",
      business.warning ? h("p", { class: "notice warning", role: "alert", text: t(progress.needed === 1 ? "manager.belowWarningOne" : "manager.belowWarning", progress) }) : "",
      // The daily upkeep's warning: the certificate runs out soon while more staff are needed.
      business.warnings.filter((warning) => warning.kind === "certificate_expiring").map((warning) => h("p", { class: "notice warning", role: "alert",
        "data-warning": warning.kind, text: t(warning.needed === 1 ? "warning.certificateExpiringOne" : "warning.certificateExpiring",
          { date: day(warning.expiresAt), needed: warning.needed }) }))),
    materials,
    badge,
    onDemand("reminders", `${t("reminders.title")} · ${t("reminders.thisMonth", { count: business.remindedThisMonth })}`,
      async () => (await import("./reminders.js")).remindersSection(base)),
    h("section", { class: "card" }, addForm, inviteBox),
    onDemand("managers", t("managers.title"), async () => (await import("./managers.js")).managersSection(base, () => manager(view))),
    h("section", { class: "card" }, importForm),
    h("section", {}, h("h2", { text: t("manager.roster") }), h("div", { class: "filters" }, search, statusFilter), h("div", { class: "scroll" }, table), pager));
}

/** A part of the page whose code and data load when it is first opened (reminders, managers), so the page itself stays light. */
function onDemand(name, title, load) {
  const part = h("details", { class: `card ${name}-part`, "data-part": name }, h("summary", { text: title }));
  part.addEventListener("toggle", async () => {
    if (!part.open || part.dataset.loaded) return;
    part.dataset.loaded = "yes";
    try {
      part.append(await load());
    } catch (error) {
      delete part.dataset.loaded;
      announce(error.message, true);
    }
  });
  return part;
}

/** The job a new person does; left open, they are asked when they first sign in. */
function roleField(roles) {
  const wrapper = field("role", t("manager.role"), { type: "select" });
  wrapper.querySelector("select").append(h("option", { value: "", text: t("manager.roleAsk") }),
    ...roles.map((role) => h("option", { value: role, text: t(`role.${role}`) })));
  return wrapper;
}

/** The language a new person's pages open in; left open, their phone's language counts on first visit. */
function languageField() {
  const wrapper = field("staffLanguage", t("manager.language"), { type: "select" });
  wrapper.querySelector("select").append(h("option", { value: "", text: "—" }),
    ...Object.entries(languages).map(([code, name]) => h("option", { value: code, lang: code, text: name })));
  return wrapper;
}

/**
 * The declared number of staff. Raising it counts at once; lowering it after approval waits for an admin,
 * and until then the page says so and the approved number keeps counting.
 */
function headcountForm(business, base, redraw) {
  const form = h("form", { class: "headcount", novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    try {
      const answer = await api("PATCH", base, { headcount: Number(form.elements.headcount.value) });
      announce(answer.business.pendingHeadcount ? t("manager.headcountHeld") : t("status.saved"));
      await redraw();
    } catch (error) {
      showError(error, error.code === "invalid_headcount" ? "headcount" : undefined);
    }
  } },
  field("headcount", t("manager.headcountLabel"), { type: "number", min: "1", required: true, value: String(business.declaredHeadcount) }),
  h("button", { type: "submit", class: "secondary", text: t("manager.headcountSave") }));
  const pending = business.pendingHeadcount;
  return h("div", {}, form, pending
    ? h("p", { class: "notice", id: "headcount-pending", text: t("manager.headcountPending", { headcount: pending.headcount, date: day(pending.requestedAt), current: business.declaredHeadcount }) })
    : "");
}

/** The website badge: its live image and a copy-paste HTML snippet linking to the verification page. */
function badgeSnippet(code) {
  const origin = location.origin;
  const alt = t("manager.badgeAlt").replace(/[&"<>]/g, (character) => `&#${character.charCodeAt(0)};`);
  const snippet = `<a href="${origin}/verify/${code}"><img src="${origin}/certificates/${code}/badge.svg" alt="${alt}" width="260" height="40"></a>`;
  const text = h("textarea", { id: "badge-snippet", readonly: true, rows: "3", text: snippet });
  return h("section", { class: "card" }, h("h2", { text: t("manager.badge") }),
    h("img", { src: `/certificates/${code}/badge.svg`, alt: t("manager.badgeAlt"), width: "260", height: "40" }),
    h("label", { for: "badge-snippet", text: t("manager.badgeSnippet") }), text,
    h("button", { type: "button", class: "secondary", text: t("manager.copy"), onclick: async () => {
      try { await navigator.clipboard.writeText(snippet); announce(t("manager.copied")); } catch { text.select(); }
    } }));
}

/** The progress bar with a mark at the threshold (configuration, 60 by default). */
function meter(progress) {
  const mark = h("span", { class: "mark", "aria-hidden": "true", text: `${progress.threshold}%` });
  // A style property set from script is allowed by the CSP; a style attribute would not be.
  mark.style.insetInlineStart = `${progress.threshold}%`;
  return h("div", { class: "meter" },
    h("progress", { max: "100", value: String(Math.min(100, progress.percent)), "aria-label": t("manager.towards", progress) }), mark);
}
