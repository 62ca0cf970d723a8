// Interface strings from /i18n/<language>.json. The server lists the files it has in
// /i18n/languages.json, each named by its own `lang.name`: adding a language is adding a file.
export let languages = { nl: "Nederlands" };
let strings = {};
export let language = "nl";

async function loadLanguageList() {
  try {
    const answer = await fetch("/i18n/languages.json").then((response) => response.json());
    languages = Object.fromEntries(answer.languages.map((entry) => [entry.code, entry.name]));
  } catch { /* offline before the list was ever kept: Dutch only */ }
}

export async function loadLanguage(preferred) {
  if (Object.keys(languages).length < 2) await loadLanguageList();
  const stored = localStorage.getItem("signaal.language");
  language = [preferred, stored, "nl"].find((code) => code && languages[code]) || "nl";
  localStorage.setItem("signaal.language", language);
  // Pages the server renders (certificate verification) follow the same choice.
  document.cookie = `signaal_lang=${language}; Path=/; Max-Age=31536000; SameSite=Lax`;
  document.documentElement.lang = language;
  const response = await fetch(`/i18n/${language}.json`);
  strings = await response.json();
}

/**
 * The languages to ask lessons in, best first: the interface language, then English and Dutch,
 * which every module has (a module not yet written in Polish is shown in English).
 */
export function contentLanguages() {
  return [...new Set([language, "en", "nl"])].join(",");
}

/** The string for `key` with `{name}` placeholders filled from `values`. */
export function t(key, values = {}) {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

export function day(isoDate) {
  return isoDate ? new Date(isoDate).toLocaleDateString(language === "nl" ? "nl-NL" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }) : "";
}

/** A date with its time of day, in the Netherlands' time zone. */
export function dayAndTime(isoDate) {
  return isoDate ? new Date(isoDate).toLocaleString(language === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" }) : "";
}
