// JSON over fetch: the CSRF header on every write, API errors as exceptions with the server's words.
import { t } from "./i18n.js";

export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    // The error object's other fields (for example the lessons still to read).
    this.details = details;
  }
}

export function csrfToken() {
  return sessionStorage.getItem("signaal.csrf") || "";
}

export function rememberSession(answer) {
  if (answer.csrfToken) sessionStorage.setItem("signaal.csrf", answer.csrfToken);
  if (answer.user) {
    // Lessons kept for offline reading belong to one person: another person starts clean.
    if (localStorage.getItem("signaal.lastUser") !== answer.user.id) clearKeptLessons();
    localStorage.setItem("signaal.lastUser", answer.user.id);
    sessionStorage.setItem("signaal.user", JSON.stringify(answer.user));
  }
}

function clearKeptLessons() {
  if (window.caches) caches.delete("signaal-api").catch(() => {});
}

export function forgetSession() {
  sessionStorage.removeItem("signaal.csrf");
  sessionStorage.removeItem("signaal.user");
  localStorage.removeItem("signaal.lastUser");
  // Lessons kept for offline reading belong to the person who signed out (shared phones).
  clearKeptLessons();
}

export function currentUser() {
  try { return JSON.parse(sessionStorage.getItem("signaal.user") || "null"); } catch { return null; }
}

/**
 * Calls the API. A 401 sends the person to sign in and back afterwards, unless `background` is set
 * (work the person did not ask for just now, such as resending kept answers).
 */
export async function api(method, path, body, contentType = "application/json", { background = false } = {}) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = contentType;
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : (contentType === "application/json" ? JSON.stringify(body) : body), credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", t("error.network"));
  }
  if (response.status === 204) return null;
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    if (response.status === 401 && !background) {
      forgetSession();
      const next = encodeURIComponent(location.hash || "#/course");
      const signingIn = location.hash.startsWith("#/signin") || location.pathname !== "/";
      if (!signingIn) location.hash = `#/signin?expired=1&next=${next}`;
    }
    // The server words its errors in the language this page set in the `signaal_lang` cookie.
    throw new ApiError(response.status, answer.error?.code || "error", answer.error?.message || response.statusText, answer.error || {});
  }
  return answer;
}
