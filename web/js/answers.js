// Quiz answers kept on the device until the server has them. An attempt's answers are stored
// before they are sent and dropped only once the server has answered, so they are never lost;
// the server accepts one submission per attempt, so sending again can never count twice.
import { api, ApiError } from "./api.js";

const pendingKey = "signaal.pendingAnswers";

function pending() {
  try { return JSON.parse(localStorage.getItem(pendingKey) || "{}"); } catch { return {}; }
}

function store(queue) {
  localStorage.setItem(pendingKey, JSON.stringify(queue));
}

function forget(attemptID) {
  const queue = pending();
  delete queue[attemptID];
  store(queue);
}

/** Keeps the answers, sends them, and returns the server's result. Throws with status 0 when offline. */
export async function submitAnswers(attemptID, answers) {
  store({ ...pending(), [attemptID]: answers });
  try {
    const result = await api("POST", `/api/v1/attempts/${attemptID}/answers`, { answers });
    forget(attemptID);
    return result;
  } catch (error) {
    // The server answered (e.g. 409 already submitted, 410 expired): nothing left to resend.
    if (error instanceof ApiError && error.status !== 0 && error.status !== 401) forget(attemptID);
    throw error;
  }
}

let flushing = false;

/** Sends every kept submission once; returns how many the server took. */
export async function flushPendingAnswers() {
  if (flushing) return 0;
  flushing = true;
  let sent = 0;
  try {
    for (const [attemptID, answers] of Object.entries(pending())) {
      try {
        await submitAnswers(attemptID, answers);
        sent += 1;
      } catch (error) {
        if (error.status === 0) break;
      }
    }
  } finally {
    flushing = false;
  }
  return sent;
}

export function hasPendingAnswers() {
  return Object.keys(pending()).length > 0;
}
