// Progress on a lesson page, in place. The page works without this file.
const box = document.getElementById('framsteg');
if (box) {
  const $ = (s) => box.querySelector(s);
  const lesson = box.dataset.lesson;
  const show = (d) => {
    if (!d.inloggad) return;
    // The sign-in prompt sits inside the status line, which the first call replaces.
    $('[data-signed-out]')?.remove();
    const k = d.kurs;
    if (k) {
      $('[data-bar]').hidden = false;
      $('progress').value = k.procent;
      $('[data-bar-text]').textContent = `${k.klara} av ${k.totalt} lektioner klara`;
    }
    $('[data-status]').textContent = `Din status: ${d.statusText}.`;
    $('[data-complete]').hidden = d.status === 'completed';
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
  const form = $('[data-complete]');
  form.addEventListener('submit', (e) => {
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
