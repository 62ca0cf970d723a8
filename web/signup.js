// Signs a person up with the business's code from this page's path (/s/CODE).
const form = document.getElementById("signup");
const status = document.getElementById("status");
const code = decodeURIComponent(location.pathname.split("/").pop() || "");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = { name: form.elements.name.value };
  if (form.elements.email.value) body.email = form.elements.email.value;
  if (form.elements.password.value) body.password = form.elements.password.value;
  try {
    const response = await fetch(`/api/v1/signup/${encodeURIComponent(code)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    status.textContent = response.ok
      ? `Gelukt, ${answer.user.name}.${answer.user.username ? ` Je gebruikersnaam is ${answer.user.username}.` : ""}`
      : answer.error.message;
  } catch {
    status.textContent = "De server is niet bereikbaar. Probeer het opnieuw.";
  }
});
