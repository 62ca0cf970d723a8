// Quiz answers kept on the device until the server has them. An attempt's answers are stored,
// with the person they belong to, before they are sent, and dropped only once the server has
// answered, so they are never lost; the server accepts one submission per attempt, and one send
// per attempt is in flight at a time, so nothing counts twice.
import { api, ApiError, currentUser } from "./api.js";

const pendingKey = "signaal.pendingAnswers";
const inFlight = new Map();
const results = new Map();

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

async function send(attemptID, answers, background) {
  try {
    const result = await api("POST", `/api/v1/attempts/${attemptID}/answers`, { answers }, "application/json", { background });
    forget(attemptID);
    results.set(attemptID, result);
    return result;
  } catch (error) {
    // The server answered (e.g. 409 already submitted, 410 expired): nothing left to resend.
    if (error instanceof ApiError && error.status !== 0 && error.status !== 401) forget(attemptID);
    throw error;
  }
}

/** Keeps the answers, sends them once, and returns the server's result. Throws with status 0 when offline. */
export function submitAnswers(attemptID, answers, background = false) {
  if (results.has(attemptID)) return Promise.resolve(results.get(attemptID));
  if (!inFlight.has(attemptID)) {
    store({ ...pending(), [attemptID]: { user: currentUser()?.id, answers } });
    inFlight.set(attemptID, send(attemptID, answers, background).finally(() => inFlight.delete(attemptID)));
  }
  return inFlight.get(attemptID);
}

/** Sends the signed-in person's kept submissions; returns how many the server took. */
export async function flushPendingAnswers() {
  const user = currentUser();
  if (!user) return 0;
  let sent = 0;
  for (const [attemptID, entry] of Object.entries(pending())) {
    if (entry.user !== user.id) continue;
    try {
      await submitAnswers(attemptID, entry.answers, true);
      sent += 1;
    } catch (error) {
      if (error.status === 0) break;
    }
  }
  return sent;
}

/** Drops what the person who signs out left unsent on this device; returns how many were dropped. */
export function forgetPendingAnswers(userID) {
  const queue = pending();
  const mine = Object.keys(queue).filter((attemptID) => queue[attemptID].user === userID);
  mine.forEach((attemptID) => delete queue[attemptID]);
  store(queue);
  return mine.length;
}
