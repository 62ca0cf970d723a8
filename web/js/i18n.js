// Interface strings from /i18n/<language>.json. The server lists the files it has in
// /i18n/languages.json, each named by its own `lang.name` and with its writing direction: adding a
// language is adding a file.
export let languages = { nl: "Nederlands" };
let directions = {};
let strings = {};
export let language = "nl";

async function loadLanguageList() {
  try {
    const answer = await fetch("/i18n/languages.json").then((response) => response.json());
    languages = Object.fromEntries(answer.languages.map((entry) => [entry.code, entry.name]));
    directions = Object.fromEntries(answer.languages.map((entry) => [entry.code, entry.direction]));
  } catch { /* offline before the list was ever kept: Dutch only */ }
}

/** The browser's languages we have, best first (`uk-UA` → `uk`). */
function browserLanguages() {
  return (navigator.languages || [navigator.language || ""]).map((tag) => tag.split("-")[0].toLowerCase());
}

/**
 * Loads the interface in the first available of: the language asked for (a choice, or the one kept on
 * the person's account), the one chosen before on this device, the browser's, else Dutch.
 */
export async function loadLanguage(preferred) {
  if (Object.keys(languages).length < 2) await loadLanguageList();
  const stored = localStorage.getItem("signaal.language");
  language = [preferred, stored, ...browserLanguages(), "nl"].find((code) => code && languages[code]) || "nl";
  localStorage.setItem("signaal.language", language);
  // Pages the server renders (certificate verification) and the API's error messages follow the same choice.
  document.cookie = `signaal_lang=${language}; Path=/; Max-Age=31536000; SameSite=Lax`;
  document.documentElement.lang = language;
  document.documentElement.dir = direction(language);
  const response = await fetch(`/i18n/${language}.json`);
  strings = await response.json();
}

/** `rtl` for a language written right to left (Arabic), else `ltr`. */
export function direction(code = language) {
  return directions[code] || "ltr";
}

/**
 * The languages to ask lessons in, best first: the interface language, then English and Dutch,
 * which every module has.
 */
export function contentLanguages() {
  return [...new Set([language, "en", "nl"])].join(",");
}

/** The string for `key` with `{name}` placeholders filled from `values`. */
export function t(key, values = {}) {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** The locale for dates: Dutch and British English as before; others by their code, always with Western digits. */
function locale() {
  return { nl: "nl-NL", en: "en-GB" }[language] || `${language}-u-nu-latn`;
}

export function day(isoDate) {
  return isoDate ? new Date(isoDate).toLocaleDateString(locale(), { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" }) : "";
}

/** A date with its time of day, in the Netherlands' time zone. */
export function dayAndTime(isoDate) {
  return isoDate ? new Date(isoDate).toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" }) : "";
}
