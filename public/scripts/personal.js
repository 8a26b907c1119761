// The reader's own state on prerendered pages (header, start and course pages), from GET /api/jag.
// Every page reads fully without this file: the header then offers "Logga in" and "Mitt konto".
const L = { started: 'Påbörjad', completed: 'Klar', outdated: 'Uppdaterad sedan du läste den' };
const $$ = (s) => document.querySelectorAll(s);
const el = (tag, props, ...kids) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
};
const link = (href, text) => el('a', { href }, text);
fetch('/api/jag', { credentials: 'same-origin', headers: { accept: 'application/json' } })
  .then((r) => (r.ok ? r.json() : null))
  .then((d) => {
    const list = document.querySelector('[data-account]');
    if (!d || !list) return;
    if (!d.signedIn) return list.querySelector('[data-konto]')?.remove();
    const path = location.pathname;
    const form = el('form', { method: 'post', action: '/logga-ut', className: 'logout-form' });
    form.append(el('button', { type: 'submit', className: 'link-button' }, 'Logga ut'));
    list.replaceChildren(
      el('li', { className: 'account-name' }, d.name),
      ...d.links.map((l) => {
        const a = link(l.href, l.label);
        if (path.startsWith(l.href)) a.setAttribute('aria-current', 'page');
        return el('li', {}, a);
      }),
      el('li', {}, form),
    );
    const resume = document.querySelector('[data-resume]');
    if (resume && d.resume) {
      resume.replaceChildren(
        el('h2', {}, 'Fortsätt där du slutade'),
        el('p', {}, link(d.resume.href, d.resume.title), ` i kursen ${d.resume.course}`),
      );
      resume.hidden = false;
    }
    for (const [id, c] of Object.entries(d.courses)) {
      const p = document.querySelector(`[data-progress="${id}"]`);
      if (p && c.percent > 0) {
        p.replaceChildren(el('progress', { max: 100, value: c.percent, ariaHidden: 'true' }), ` ${c.text}`);
        p.hidden = false;
      }
      const a = document.querySelector(`[data-action="${id}"]`);
      if (a) Object.assign(a, { href: c.action.href, textContent: c.action.label });
      for (const [lesson, state] of Object.entries(c.lessons))
        $$(`[data-state="${lesson}"]`).forEach((s) => {
          s.textContent = L[state];
          s.className = `state state-${state}`;
          s.hidden = false;
        });
    }
  })
  .catch(() => {});
