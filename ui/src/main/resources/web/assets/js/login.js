// Sign-in: posts the name and password as JSON; the server sets an HttpOnly session cookie.
const form = document.getElementById('login-form');
const error = document.getElementById('login-error');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  const body = {
    name: document.getElementById('login-name').value.trim(),
    password: document.getElementById('login-password').value,
  };
  try {
    const response = await fetch('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (response.ok) {
      window.location.assign('/');
      return;
    }
    const problem = await response.json().catch(() => ({ error: response.statusText }));
    error.textContent = problem.error || 'sign-in failed';
  } catch (e) {
    error.textContent = 'cannot reach the server: ' + e.message;
  }
  error.hidden = false;
});
