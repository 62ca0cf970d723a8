// The manager page's reminders: the people who should act now, each with a share button for their own
// link (the phone's share sheet where there is one, else SMS, e-mail and WhatsApp) and a message in their
// language; "copy all" and printable slips. Sharing or printing records the reminder.
import { t, day } from "../i18n.js";
import { api } from "../api.js";
import { h, announce } from "../dom.js";

/** The interface strings of each language the people speak, for their messages. */
async function wordsFor(languages) {
  const words = {};
  await Promise.all([...new Set(languages)].map(async (code) => {
    try { words[code] = await fetch(`/i18n/${code}.json`).then((response) => response.json()); } catch { words[code] = {}; }
  }));
  return words;
}

function message(words, person) {
  const text = words[person.language || "nl"]?.["reminders.message"] || t("reminders.message");
  return text.replace("{name}", person.name.split(" ")[0]).replace("{url}", person.inviteUrl);
}

export async function remindersSection(base) {
  const section = h("section", { class: "card reminders" });

  async function draw() {
    const answer = await api("GET", `${base}/reminders`);
    const people = answer.people;
    const words = await wordsFor(people.map((person) => person.language || "nl"));
    const remember = async (ids) => {
      await api("POST", `${base}/reminders`, { ids });
      await draw();
    };
    const shareButtons = (person) => {
      if (!person.inviteUrl) return h("small", { text: t("reminders.newLinkNeeded") });
      const text = message(words, person);
      const links = [
        ["sms", `sms:?&body=${encodeURIComponent(text)}`],
        ["whatsapp", `https://wa.me/?text=${encodeURIComponent(text)}`],
        ...(person.email ? [["email", `mailto:${encodeURIComponent(person.email)}?subject=Signaal&body=${encodeURIComponent(text)}`]] : []),
      ];
      return [
        navigator.share ? h("button", { type: "button", class: "secondary", "data-share": person.id, text: t("reminders.share"),
          "aria-label": `${t("reminders.share")}: ${person.name}`, onclick: async () => {
            try {
              await navigator.share({ text });
              await remember([person.id]);
            } catch { /* the person closed the share sheet */ }
          } }) : "",
        ...links.map(([kind, href]) => h("a", { class: "button secondary", href, rel: "noopener", target: kind === "whatsapp" ? "_blank" : undefined,
          "data-channel": kind, text: t(`reminders.${kind}`), "aria-label": `${t(`reminders.${kind}`)}: ${person.name}`,
          onclick: () => { remember([person.id]); } })),
      ];
    };
    const withLinks = people.filter((person) => person.inviteUrl);
    section.replaceChildren(
      h("h2", { text: t("reminders.title") }),
      h("p", { text: t("reminders.thisMonth", { count: answer.remindedThisMonth }) }),
      people.length ? h("p", { text: t("reminders.intro") }) : h("p", { text: t("reminders.none") }),
      h("ul", { class: "reminder-list" }, people.map((person) => h("li", { "data-person": person.id },
        h("strong", { text: person.name }), " · ",
        t(`reminders.reason.${person.reason}`, { date: day(person.expiresAt) }), " · ",
        h("small", { "data-reminded": person.lastRemindedAt ? "yes" : "no",
          text: person.lastRemindedAt ? t("reminders.reminded", { date: day(person.lastRemindedAt) }) : t("reminders.never") }),
        h("div", { class: "actions" }, shareButtons(person))))),
      withLinks.length ? h("p", { class: "actions" },
        h("button", { type: "button", class: "secondary", "data-copy-all": "", text: t("reminders.copyAll"), onclick: async () => {
          await navigator.clipboard?.writeText(withLinks.map((person) => message(words, person)).join("\n\n"));
          announce(t("manager.copied"));
          await remember(withLinks.map((person) => person.id));
        } }),
        h("a", { class: "button secondary", href: `${base}/reminders/slips.pdf`, target: "_blank", rel: "noopener", "data-slips": "",
          text: t("reminders.print"), onclick: () => { setTimeout(draw, 1500); } })) : "");
  }
  await draw();
  return section;
}
