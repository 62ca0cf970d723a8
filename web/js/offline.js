// What a learner does offline, kept on the device until the server has it: quiz answers and
// lessons read. An attempt's answers are stored, with the person they belong to, before they are
// sent, and dropped only once the server has answered, so they are never lost; the server accepts
// one submission per attempt, and one send per attempt is in flight at a time, so nothing counts
// twice. Lessons read offline are marked as read once the connection returns.
import { api, ApiError, currentUser } from "./api.js";

const pendingKey = "signaal.pendingAnswers";
const seenKey = "signaal.pendingSeen";
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

/** Sends under a lock per attempt shared by this device's tabs; a resend another tab has already made is skipped. */
function send(attemptID, answers, background) {
  const run = () => (background && !pending()[attemptID] ? Promise.resolve(null) : sendNow(attemptID, answers, background));
  return navigator.locks ? navigator.locks.request(`signaal-attempt-${attemptID}`, run) : run();
}

async function sendNow(attemptID, answers, background) {
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
    // A resend (background) sends what is kept already; keeping it again could undo another tab's send.
    if (!background) store({ ...pending(), [attemptID]: { user: currentUser()?.id, answers } });
    inFlight.set(attemptID, send(attemptID, answers, background).finally(() => inFlight.delete(attemptID)));
  }
  return inFlight.get(attemptID);
}

function keptSeen() {
  try { return JSON.parse(localStorage.getItem(seenKey) || "[]"); } catch { return []; }
}

/** Marks a lesson as read, now or, offline, once the connection returns. */
export async function markLessonSeen(moduleID, lessonID) {
  try {
    await api("POST", `/api/v1/modules/${moduleID}/lessons/${lessonID}/seen`);
  } catch (error) {
    if (error.status !== 0) return;
    const entry = { user: currentUser()?.id, moduleID, lessonID };
    const kept = keptSeen().filter((item) => !(item.user === entry.user && item.moduleID === moduleID && item.lessonID === lessonID));
    localStorage.setItem(seenKey, JSON.stringify([...kept, entry]));
  }
}

async function flushSeen(user) {
  const kept = keptSeen();
  const left = [];
  for (const [index, item] of kept.entries()) {
    if (item.user !== user.id) { left.push(item); continue; }
    try {
      await api("POST", `/api/v1/modules/${item.moduleID}/lessons/${item.lessonID}/seen`, undefined, "application/json", { background: true });
    } catch (error) {
      if (error.status === 0) { left.push(...kept.slice(index)); break; }
    }
  }
  localStorage.setItem(seenKey, JSON.stringify(left));
}

/** Sends the signed-in person's kept submissions and lessons read; returns how many submissions the server took. */
export async function flushKept() {
  const user = currentUser();
  if (!user) return 0;
  await flushSeen(user);
  let sent = 0;
  for (const [attemptID, entry] of Object.entries(pending())) {
    if (entry.user !== user.id) continue;
    try {
      if (await submitAnswers(attemptID, entry.answers, true)) sent += 1;
    } catch (error) {
      if (error.status === 0) break;
    }
  }
  return sent;
}

/** Drops what the person who signs out left unsent on this device; returns how many answers were dropped. */
export function forgetKept(userID) {
  localStorage.setItem(seenKey, JSON.stringify(keptSeen().filter((item) => item.user !== userID)));
  const queue = pending();
  const mine = Object.keys(queue).filter((attemptID) => queue[attemptID].user === userID);
  mine.forEach((attemptID) => delete queue[attemptID]);
  store(queue);
  return mine.length;
}
