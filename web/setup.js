// Posts the first admin's details with the token from this page's path (/setup/TOKEN).
const form = document.getElementById("setup");
const status = document.getElementById("status");
const token = decodeURIComponent(location.pathname.split("/").pop() || "");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  status.textContent = "…";
  const body = {
    token,
    name: form.elements.name.value,
    email: form.elements.email.value,
    password: form.elements.password.value,
  };
  try {
    const response = await fetch("/api/v1/setup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    status.textContent = response.ok
      ? `Done. You are signed in as ${answer.user.name}.`
      : answer.error.message;
  } catch {
    status.textContent = "The server cannot be reached. Try again.";
  }
});
