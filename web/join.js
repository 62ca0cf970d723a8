// Joins with the invite token from this page's path (/join/TOKEN), with or without a password.
const form = document.getElementById("join");
const status = document.getElementById("status");
const token = decodeURIComponent(location.pathname.split("/").pop() || "");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const password = form.elements.password.value;
  try {
    const response = await fetch(`/api/v1/invites/${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(password ? { password } : {}),
    });
    const answer = await response.json();
    if (!response.ok) {
      status.textContent = answer.error.message;
      return;
    }
    const name = answer.user.username ? ` Je gebruikersnaam is ${answer.user.username}.` : "";
    status.textContent = `Gelukt, ${answer.user.name}.${name}`;
  } catch {
    status.textContent = "De server is niet bereikbaar. Probeer het opnieuw.";
  }
});
