// Progress on a lesson page, in place. The page works without this file.
const box = document.getElementById('framsteg');
if (box) {
  const $ = (s) => box.querySelector(s);
  const lesson = box.dataset.lesson;
  const form = $('[data-complete]');
  const show = (d) => {
    if (!d.inloggad) {
      // Signed out, the button would only lead to the sign-in page: the prompt stays instead.
      if (form) form.hidden = true;
      return;
    }
    // The sign-in prompt sits inside the status line, which the first call replaces.
    $('[data-signed-out]')?.remove();
    const k = d.kurs;
    if (k) {
      $('[data-bar]').hidden = false;
      $('progress').value = k.procent;
      $('[data-bar-text]').textContent = `${k.klara} av ${k.totalt} lektioner klara`;
    }
    $('[data-status]').textContent = `Din status: ${d.statusText}.`;
    if (form) form.hidden = d.status === 'completed';
    const note = $('[data-check-note]');
    if (note && d.status === 'completed') note.hidden = true;
  };
  const post = (url, body) =>
    fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    }).then((r) => (r.ok ? r.json() : null));
  post('/api/framsteg', { lektion: lesson })
    .then((d) => d && show(d))
    .catch(() => {});
  form?.addEventListener('submit', (e) => {
    e.preventDefault();
    // Only a failed "klar" request falls back to the plain form post; the refresh after it may fail quietly.
    post(form.action, {}).then(
      (d) => {
        if (!d) return form.submit();
        const target = document.getElementById(d.klar ? 'markerad-klar' : 'klar-kraver-kunskapskoll');
        box.querySelectorAll('.target-message').forEach((m) => m.classList.toggle('shown', m === target));
        target.focus();
        post('/api/framsteg', { lektion: lesson }).then(
          (s) => s && show(s),
          () => {},
        );
      },
      () => form.submit(),
    );
  });
}
