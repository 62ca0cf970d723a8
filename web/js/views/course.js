// The learner's course with each module's status, and the module reader: one lesson at a time,
// resuming at the first unread lesson on any device.
import { t, day, contentLanguages } from "../i18n.js";
import { api } from "../api.js";
import { h, announce } from "../dom.js";
import { markLessonSeen } from "../offline.js";
import { readAloudControl } from "../readaloud.js";

export async function course(view) {
  announce(t("status.loading"));
  const answer = await api("GET", `/api/v1/course?lang=${contentLanguages()}`);
  announce("");
  if (answer.roleRequired) return chooseRole(view, answer.roles);
  const summary = answer.completion
    ? h("p", { class: "notice success", text: t("course.done", { date: day(answer.completion.completedAt), until: day(answer.completion.validUntil) }) })
    : h("p", { class: "notice", text: t(answer.requiredRemaining === 1 ? "course.remainingOne" : "course.remaining", { count: answer.requiredRemaining }) });
  const items = answer.modules.map((module) => h("li", { class: `module ${module.status}`, "data-module": module.id, "data-required": module.required ? "true" : "false" },
    h("h2", {}, h("a", { href: `#/module/${module.id}`, text: module.title })),
    h("p", { text: module.summary }),
    h("p", { class: "meta" },
      h("span", { class: `badge ${module.status}`, text: t(`course.status.${module.status}`) }), " · ",
      t("course.minutes", { minutes: module.minutes }), " · ",
      module.required ? t("course.required") : t("course.optional"))));
  view.replaceChildren(h("h1", { text: t("course.title") }), summary, h("ol", { class: "modules" }, items));
}

/** Before the course starts: which job the person does, which picks their role module. */
function chooseRole(view, roles) {
  const form = h("form", { novalidate: true, class: "role-choice", onsubmit: async (event) => {
    event.preventDefault();
    const chosen = form.querySelector("input:checked");
    if (!chosen) return announce(t("course.roleMissing"), true);
    try {
      await api("PUT", "/api/v1/me/role", { role: chosen.value });
      await course(view);
    } catch (error) {
      announce(error.message, true);
    }
  } },
  h("fieldset", {}, h("legend", { text: t("course.roleQuestion") }),
    roles.map((role) => h("div", { class: "option" },
      h("input", { type: "radio", name: "role", id: `role-${role}`, value: role }),
      h("label", { for: `role-${role}`, text: t(`role.${role}`) })))),
  h("button", { type: "submit", text: t("course.roleSave") }));
  view.replaceChildren(h("h1", { text: t("course.roleTitle") }), h("p", { text: t("course.roleIntro") }), form);
  form.querySelector("input")?.focus();
}

export async function moduleReader(view, moduleID, lessonID) {
  const module = await api("GET", `/api/v1/modules/${encodeURIComponent(moduleID)}?lang=${contentLanguages()}`);
  // The lesson in the address (a reload, a language switch) wins; otherwise resume where I stopped.
  const at = (id) => module.lessons.findIndex((lesson) => lesson.id === id);
  let index = Math.max(0, lessonID && at(lessonID) >= 0 ? at(lessonID) : at(module.resumeLessonId));

  async function show() {
    const lesson = module.lessons[index];
    history.replaceState(null, "", `#/module/${module.id}/${lesson.id}`);
    const article = h("article", { class: "lesson" });
    // Lesson HTML comes from the server's escaping renderer, never from user input.
    article.innerHTML = lesson.html;
    const last = index === module.lessons.length - 1;
    const title = h("h1", { text: lesson.title });
    article.lang = module.language;
    title.lang = module.language;
    view.replaceChildren(
      h("p", { class: "meta", text: `${module.title} · ${t("module.lesson", { number: index + 1, total: module.lessons.length })}` }),
      title,
      readAloudControl([title, article], module.language),
      article,
      h("div", { class: "actions" },
        index > 0 ? h("button", { type: "button", class: "secondary", text: t("module.previous"), onclick: () => { index -= 1; show(); } }) : "",
        last ? h("a", { class: "button", href: `#/quiz/${module.id}`, text: t("module.quiz"), onclick: async (event) => {
          // The quiz opens only after the server has this lesson as read: wait for that first.
          event.preventDefault();
          await seen;
          location.hash = `#/quiz/${module.id}`;
        } })
             : h("button", { type: "button", text: t("module.next"), onclick: () => { index += 1; show(); } })),
      last ? h("details", {}, h("summary", { text: t("module.sources") }),
        h("ul", {}, module.sources.map((source) => h("li", {}, h("a", { href: source.url, rel: "noopener noreferrer", target: "_blank", text: source.title }))))) : "");
    view.focus();
    const seen = markLessonSeen(module.id, lesson.id);
    await seen;
  }
  await show();
}
