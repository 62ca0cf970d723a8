// The quiz: one question per screen, then the result with every explanation. Answers given offline
// are kept on the device and sent once the connection returns, never twice.
import { t, contentLanguages } from "../i18n.js";
import { api } from "../api.js";
import { submitAnswers } from "../offline.js";
import { h, announce } from "../dom.js";
import { readAloudControl } from "../readaloud.js";

export async function quiz(view, moduleID) {
  let attempt;
  try {
    attempt = await api("POST", `/api/v1/modules/${encodeURIComponent(moduleID)}/attempts?lang=${contentLanguages()}`);
  } catch (error) {
    if (error.code !== "lessons_unread") throw error;
    // The quiz opens once every lesson is read: take the person to the first one still to read.
    location.hash = `#/module/${encodeURIComponent(moduleID)}/${encodeURIComponent(error.details.lessons?.[0] || "")}`;
    announce(t("quiz.readFirst"));
    return;
  }
  const answers = {};
  let index = 0;

  function question() {
    const item = attempt.questions[index];
    const multiple = item.type === "multiple";
    const options = item.options.map((option) => {
      const id = `option-${option.id}`;
      return h("div", { class: "option" },
        h("input", { type: multiple ? "checkbox" : "radio", id, name: "answer", value: option.id,
          checked: (answers[item.id] || []).includes(option.id) }),
        h("label", { for: id, text: option.text }));
    });
    const form = h("form", { "data-question": item.id, lang: attempt.language, onsubmit: async (event) => {
      event.preventDefault();
      answers[item.id] = [...form.querySelectorAll("input:checked")].map((input) => input.value);
      if (index < attempt.questions.length - 1) {
        index += 1;
        question();
      } else {
        await submit();
      }
    } },
    h("fieldset", {},
      h("legend", {}, item.situation ? h("span", { class: "situation", text: item.situation }) : "", h("span", { text: item.text })),
      options),
    h("button", { type: "submit", text: index < attempt.questions.length - 1 ? t("module.next") : t("quiz.submit") }));
    view.replaceChildren(
      h("h1", { class: "meta", text: t("quiz.question", { number: index + 1, total: attempt.questions.length }) }),
      h("progress", { max: attempt.questions.length, value: index, "aria-hidden": "true" }),
      readAloudControl([form.querySelector("fieldset")], attempt.language, t("read.question")),
      form);
    form.querySelector("input")?.focus();
  }

  async function submit() {
    try {
      const result = await submitAnswers(attempt.id, answers);
      showResult(result);
    } catch (error) {
      announce(error.status === 0 ? t("quiz.offline") : error.message, true);
      if (error.status === 0) {
        const again = h("button", { type: "button", id: "send-again", text: t("quiz.sendAgain"), onclick: submit });
        view.querySelector("form button[type=submit]")?.replaceWith(again);
        again.focus();
      }
    }
  }

  function showResult(result) {
    // A failed attempt says what was wrong and why, never which option is right; after the third failure in a
    // row the lessons are read once more before the next try.
    const next = result.passed ? "" : h("p", { class: "note", id: "quiz-next-step",
      text: result.lessonsToReread ? t("quiz.rereadNow") : t("quiz.tryAgainNote") });
    view.replaceChildren(
      h("h1", { text: result.passed ? t("quiz.passed", { score: result.score, total: result.total })
                                     : t("quiz.failed", { score: result.score, total: result.total, passMark: result.passMark }) }),
      next,
      h("ol", { class: "results" }, result.questions.map((item) => h("li", { class: item.correct ? "right" : "wrong" },
        item.situation ? h("p", { class: "situation", text: item.situation }) : "",
        h("p", { class: "question", text: item.text }),
        h("p", { class: "verdict", text: item.correct ? t("quiz.right") : t("quiz.wrong") }),
        h("p", { text: item.explanation })))),
      h("p", { class: "actions" },
        result.passed ? "" : result.lessonsToReread
          ? h("a", { class: "button", href: `#/module/${encodeURIComponent(moduleID)}`, text: t("quiz.reread") })
          : h("button", { type: "button", text: t("quiz.retry"), onclick: () => quiz(view, moduleID) }),
        h("a", { class: "button secondary", href: "#/course", text: t("quiz.back") })));
    view.focus();
  }

  question();
}
