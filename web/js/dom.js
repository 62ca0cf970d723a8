// Builds elements from data. User text only ever becomes text nodes, never HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "text") element.textContent = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A labelled form field; the error message is tied to it with aria-describedby. */
export function field(id, label, attributes = {}) {
  const input = h(attributes.type === "select" ? "select" : "input", { id, name: id, "aria-describedby": `${id}-error`, ...attributes, type: attributes.type === "select" ? undefined : attributes.type });
  return h("div", { class: "field" }, h("label", { for: id, text: label }), input, h("p", { id: `${id}-error`, class: "field-error" }));
}

/**
 * "1–50 of 10,000" with previous / next buttons for a paged list; `move(offset)` loads another page.
 * `previous` and `next` are the buttons' words.
 */
export function pagerContents({ offset, shown, total, pageSize }, words, move) {
  const last = Math.min(total, offset + shown);
  return [
    words.shown({ from: total ? offset + 1 : 0, to: last, total }), " ",
    offset > 0 ? h("button", { type: "button", class: "secondary", "data-page": "previous", text: words.previous, onclick: () => move(Math.max(0, offset - pageSize)) }) : "",
    last < total ? h("button", { type: "button", class: "secondary", "data-page": "next", text: words.next, onclick: () => move(offset + pageSize) }) : "",
  ];
}

/** Announces a message to screen readers and shows it. */
export function announce(message, isError = false) {
  const status = document.getElementById("status");
  status.textContent = message;
  status.className = isError ? "status error" : "status";
  status.dataset.at = String(Date.now());
}

/**
 * Shows an API error next to the field it is about and announces it; errors about no field
 * (`fieldID` undefined: a bad link, no network) go to the status line only.
 */
export function showError(error, fieldID) {
  document.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
  document.querySelectorAll(".field-error").forEach((slot) => { slot.textContent = ""; });
  const slot = fieldID && document.getElementById(`${fieldID}-error`);
  if (slot) {
    slot.textContent = error.message;
    document.getElementById(fieldID)?.setAttribute("aria-invalid", "true");
  }
  announce(error.message, true);
}
