// Reads a lesson, or a quiz question with its options, aloud with the browser's own speech synthesis:
// nothing leaves the phone, and it works offline where the phone has a voice. Play, pause and stop;
// speed 0.75×, 1× or 1.25×; the sentence being read is highlighted as the boundary events arrive.
// Where the device has no voice for the text's language it says so, instead of reading in another one.
import { t } from "./i18n.js";
import { h } from "./dom.js";

const speeds = [0.75, 1, 1.25];
let current = null;

/** Stops any reading. */
function stopReading() {
  current?.stop();
}

// Reading stops when another view is shown (this file loads only with the lesson and quiz views).
window.addEventListener("hashchange", stopReading);

/** The parts read one after another: headings, paragraphs, list items, the question and its options. */
function blocksOf(targets) {
  const blocks = targets.flatMap((target) => target.matches("h1, h2") ? [target] : [...target.querySelectorAll("h1, h2, h3, p, li, legend > span, .option label")]);
  return blocks.filter((block) => block.textContent.trim() && !blocks.some((other) => other !== block && other.contains(block)));
}

/** Start and end offsets of each sentence in `text`. */
function sentences(text) {
  const found = [];
  const pattern = /[^.!?…؟]+[.!?…؟]*["'”’)]*\s*/g;
  let match;
  while ((match = pattern.exec(text)) !== null && match[0].length > 0) found.push([match.index, match.index + match[0].length]);
  return found;
}

/** A range over characters `start..<end` of the element's text. */
function rangeOf(element, start, end) {
  const range = document.createRange();
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let offset = 0;
  let node;
  let started = false;
  while ((node = walker.nextNode())) {
    const length = node.textContent.length;
    if (!started && start <= offset + length) { range.setStart(node, start - offset); started = true; }
    if (started && end <= offset + length) { range.setEnd(node, end - offset); return range; }
    offset += length;
  }
  range.selectNodeContents(element);
  return range;
}

/** The voice for `language` (`uk`, `ar`, …), or undefined; voices may arrive a moment after the page. */
async function voiceFor(synthesis, language) {
  let voices = synthesis.getVoices();
  if (!voices.length) {
    await new Promise((resolve) => {
      synthesis.addEventListener?.("voiceschanged", resolve, { once: true });
      setTimeout(resolve, 1000);
    });
    voices = synthesis.getVoices();
  }
  const matching = voices.filter((voice) => (voice.lang || "").toLowerCase().replace("_", "-").split("-")[0] === language);
  return matching.find((voice) => voice.localService) || matching[0];
}

/**
 * The read-aloud control for the `targets` (elements read in order), whose text is in `language`.
 * `label` names the play button (the lesson's "read aloud", or "read the question aloud").
 */
export function readAloudControl(targets, language, label = t("read.aloud")) {
  const play = h("button", { type: "button", class: "secondary", "data-read": "play", text: label });
  const pause = h("button", { type: "button", class: "secondary", "data-read": "pause", text: t("read.pause"), hidden: true });
  const stop = h("button", { type: "button", class: "secondary", "data-read": "stop", text: t("read.stop"), hidden: true });
  const speed = h("select", { "aria-label": t("read.speed"), "data-read": "speed" },
    speeds.map((rate) => h("option", { value: String(rate), selected: rate === 1, text: `${rate.toLocaleString()}×` })));
  const message = h("p", { class: "notice", "data-read": "message", role: "status", hidden: true });
  const control = h("div", { class: "read-aloud" }, play, pause, stop, h("label", {}, `${t("read.speed")} `, speed), message);

  let reading = null;
  function highlight(range) {
    if (window.CSS?.highlights && window.Highlight) {
      if (range) CSS.highlights.set("read-aloud", new Highlight(range));
      else CSS.highlights.delete("read-aloud");
    }
  }
  function showState(state) {
    play.hidden = state !== "stopped";
    pause.hidden = stop.hidden = state === "stopped";
    pause.textContent = state === "paused" ? t("read.resume") : t("read.pause");
  }
  function finish() {
    reading = null;
    highlight(null);
    showState("stopped");
    if (current?.control === control) current = null;
  }

  play.addEventListener("click", async () => {
    const synthesis = window.speechSynthesis;
    const voice = synthesis && window.SpeechSynthesisUtterance ? await voiceFor(synthesis, language) : undefined;
    if (!voice) {
      message.textContent = t("read.noVoice");
      message.hidden = false;
      return;
    }
    message.hidden = true;
    stopReading();
    synthesis.cancel();
    const blocks = blocksOf(targets);
    const session = { cancelled: false };
    reading = session;
    current = { control, stop: () => { session.cancelled = true; synthesis.cancel(); finish(); } };
    showState("playing");
    const speak = (index) => {
      if (session.cancelled || index >= blocks.length) { if (!session.cancelled) finish(); return; }
      const block = blocks[index];
      const text = block.textContent;
      const parts = sentences(text);
      const utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = voice.lang || language;
      utterance.voice = voice;
      utterance.rate = Number(speed.value);
      const mark = (charIndex) => {
        const part = parts.find(([, end]) => charIndex < end) || parts[parts.length - 1];
        if (part) highlight(rangeOf(block, part[0], part[1]));
      };
      utterance.onstart = () => mark(0);
      utterance.onboundary = (event) => mark(event.charIndex || 0);
      utterance.onend = () => speak(index + 1);
      utterance.onerror = () => { if (!session.cancelled) finish(); };
      synthesis.speak(utterance);
    };
    speak(0);
  });
  pause.addEventListener("click", () => {
    if (!reading) return;
    if (window.speechSynthesis.paused) {
      window.speechSynthesis.resume();
      showState("playing");
    } else {
      window.speechSynthesis.pause();
      showState("paused");
    }
  });
  stop.addEventListener("click", () => current?.stop());
  return control;
}
