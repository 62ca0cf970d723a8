// The admin's figures: national figures per sector and month (an SVG chart with the numbers as a
// table beside it), module statistics with confusing questions first, and the audit log.
import { t, dayAndTime } from "../i18n.js";
import { api } from "../api.js";
import { h } from "../dom.js";
import { barChart } from "../chart.js";

const sectors = ["hotel", "holiday_park", "horeca", "taxi"];

function percent(rate) {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
}

function figures(stats) {
  const months = [...new Set(stats.completionsPerMonth.map((row) => row.month))].slice(-12);
  const count = (month, sector) => stats.completionsPerMonth.find((row) => row.month === month && row.sector === sector)?.completions || 0;
  const series = sectors.map((sector) => ({ label: t(`sector.${sector}`), values: months.map((month) => count(month, sector)) }));
  const monthTable = h("table", { class: "figures" },
    h("caption", { text: t("insights.perMonth") }),
    h("thead", {}, h("tr", {}, h("th", { text: t("insights.month") }), sectors.map((sector) => h("th", { text: t(`sector.${sector}`) })))),
    h("tbody", {}, months.map((month) => h("tr", {}, h("th", { text: month }),
      sectors.map((sector) => h("td", { "data-label": t(`sector.${sector}`), text: count(month, sector) }))))));
  const sectorTable = h("table", { class: "figures" },
    h("caption", { text: t("insights.perSector") }),
    h("thead", {}, h("tr", {}, [t("register.sector"), t("insights.businesses"), t("insights.certified"), t("insights.trained")].map((text) => h("th", { text })))),
    h("tbody", {}, stats.sectors.map((row) => h("tr", {}, h("th", { text: t(`sector.${row.sector}`) }),
      h("td", { "data-label": t("insights.businesses"), text: row.businesses }),
      h("td", { "data-label": t("insights.certified"), text: row.certifiedBusinesses }),
      h("td", { "data-label": t("insights.trained"), text: row.staffTrained })))));
  return h("section", {}, h("h2", { text: t("insights.national") }),
    h("p", { text: t("insights.staffTrained", { count: stats.staffTrained }) }), h("div", { class: "scroll" }, sectorTable),
    h("div", { class: "chart-with-table" }, barChart({ title: t("insights.perMonth"), groups: months, series }), h("div", { class: "scroll" }, monthTable)));
}

function moduleStatistics(modules) {
  return h("section", {}, h("h2", { text: t("insights.modules") }),
    modules.map((module) => h("details", { class: "card" },
      h("summary", { text: `${module.title} (v${module.version}) · ${t("insights.passRate", { rate: percent(module.passRate), attempts: module.attempts })}` }),
      h("ol", { class: "questions" }, module.questions.map((question) => h("li", {},
        question.situation ? h("p", { class: "situation", text: question.situation }) : "",
        h("p", {}, h("strong", { text: percent(question.correctRate) }), ` · ${question.text} `, h("small", { text: t("insights.answered", { count: question.answered }) })),
        h("ul", {}, question.options.map((option) => h("li", { class: option.correct ? "right" : "" },
          `${option.text}: ${option.chosen}`, option.correct ? h("span", { class: "badge passed", text: ` ✓ ${t("quiz.right")}` }) : "")))))))));
}

function auditLog(entries) {
  return h("section", {}, h("h2", { text: t("insights.audit") }),
    h("div", { class: "scroll" }, h("table", { class: "audit" },
      h("thead", {}, h("tr", {}, [t("insights.when"), t("insights.who"), t("insights.what"), t("insights.subject")].map((text) => h("th", { text })))),
      h("tbody", {}, entries.map((entry) => h("tr", {},
        h("td", { text: dayAndTime(entry.at) }), named(entry.actorName, entry.actor),
        h("td", { text: entry.action }), named(entry.subjectName, entry.subject)))))));
}

/** A name with its id in small print beside it (the id alone where no person or business has it). */
function named(name, id) {
  return h("td", {}, name ? [name, " ", h("small", { class: "code", text: id })] : id);
}

/** A red banner when the audit chain or the certificates do not agree with the log (nothing when they do). */
export async function integrityBanner() {
  const integrity = await api("GET", "/api/v1/admin/integrity");
  if (integrity.ok) return "";
  return h("div", { class: "notice danger", role: "alert", id: "integrity-alert" },
    h("strong", { text: t("admin.integrityBroken") }), h("ul", {}, integrity.problems.map((problem) => h("li", { text: problem }))));
}

export async function insights(view) {
  const [stats, modules, audit] = await Promise.all([
    api("GET", "/api/v1/admin/stats"), api("GET", "/api/v1/admin/modules"), api("GET", "/api/v1/admin/audit?limit=50"),
  ]);
  view.replaceChildren(await integrityBanner(), h("h1", { text: t("insights.title") }), h("p", {}, h("a", { href: "#/admin", text: t("admin.title") })),
    figures(stats), moduleStatistics(modules.modules), auditLog(audit.entries));
}
