// The reader's own state on prerendered pages, from GET /api/jag (header, start and course pages)
// and POST /api/framsteg (lesson pages). Every page reads fully without this file.
const L = { started: 'Påbörjad', completed: 'Klar', outdated: 'Uppdaterad sedan du läste den' };
const q = (s, r = document) => r.querySelector(s);
const el = (tag, props, ...kids) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
};
const link = (href, text) => el('a', { href }, text);
const json = (url, body) =>
  fetch(url, {
    method: body ? 'POST' : 'GET',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
    credentials: 'same-origin',
  }).then((r) => (r.ok ? r.json() : null));

json('/api/jag')
  .then((d) => {
    const list = q('[data-account]');
    if (!d || !list) return;
    // Signed out: "Logga in" stays, "Mitt konto" would only lead there too.
    if (!d.signedIn) return q('[data-konto]', list)?.remove();
    const form = el('form', { method: 'post', action: '/logga-ut', className: 'logout-form' });
    form.append(el('button', { type: 'submit', className: 'link-button' }, 'Logga ut'));
    list.replaceChildren(
      el('li', { className: 'account-name' }, d.name),
      ...d.links.map((l) => el('li', {}, link(l.href, l.label))),
      el('li', {}, form),
    );
    const resume = q('[data-resume]');
    if (resume && d.resume) {
      resume.append(
        el('h2', {}, 'Fortsätt där du slutade'),
        el('p', {}, link(d.resume.href, d.resume.title), ` i kursen ${d.resume.course}`),
      );
      resume.hidden = false;
    }
    for (const [id, c] of Object.entries(d.courses)) {
      const p = q(`[data-progress="${id}"]`);
      if (p && c.percent > 0) {
        p.append(el('progress', { max: 100, value: c.percent, ariaHidden: 'true' }), c.text);
        p.hidden = false;
      }
      const a = q(`[data-action="${id}"]`);
      if (a) Object.assign(a, { href: c.action.href, textContent: c.action.label });
      for (const [lesson, state] of Object.entries(c.lessons)) {
        const s = q(`[data-state="${lesson}"]`);
        if (s) Object.assign(s, { textContent: L[state], className: `state state-${state}`, hidden: false });
      }
    }
  })
  .catch(() => {});

const box = q('#framsteg');
if (box) {
  const $ = (s) => q(s, box);
  const lesson = box.dataset.lesson;
  const form = $('[data-complete]');
  const show = (d) => {
    // Signed out, forms would only lead to the sign-in page and lose their input: prompts instead.
    if (!d.inloggad) {
      document.querySelectorAll('[data-signed-in-form]').forEach((f) => (f.hidden = true));
      document.querySelectorAll('[data-signed-out-prompt]').forEach((p) => (p.hidden = false));
      return form && (form.hidden = true);
    }
    $('[data-signed-out]')?.remove();
    const k = d.kurs;
    $('[data-bar]').hidden = false;
    $('progress').value = k.procent;
    $('[data-bar-text]').textContent = `${k.klara} av ${k.totalt} lektioner klara`;
    $('[data-status]').textContent = `Din status: ${d.statusText}.`;
    const done = d.status === 'completed';
    if (form) form.hidden = done;
    const note = $('[data-check-note]');
    if (note) note.hidden = done;
    $('[data-outdated]').hidden = d.status !== 'outdated';
    $('[data-renewal]').hidden = !d.fornyas || done;
  };
  const refresh = () =>
    json('/api/framsteg', { lektion: lesson }).then(
      (d) => d && show(d),
      () => {},
    );
  refresh();
  form?.addEventListener('submit', (e) => {
    e.preventDefault();
    // Only a failed "klar" request falls back to the plain form post.
    json(form.action, {}).then(
      (d) => {
        if (!d) return form.submit();
        const target = document.getElementById(d.klar ? 'markerad-klar' : 'klar-kraver-kunskapskoll');
        box.querySelectorAll('.target-message').forEach((m) => m.classList.toggle('shown', m === target));
        target.focus();
        refresh();
      },
      () => form.submit(),
    );
  });
}
