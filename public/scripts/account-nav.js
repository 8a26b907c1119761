// Upgrades the "Logga in" link on prerendered pages to the signed-in user's
// links and a logout button, by asking /api/mig. Without JavaScript (or
// signed out) the plain link stays; nothing here grants access.
(function () {
  var nav = document.querySelector('[data-account-nav]');
  if (!nav || !window.fetch) return;
  fetch('/api/mig', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (me) {
      if (!me || !me.inloggad) return;
      var list = document.createElement('ul');
      me.lankar.forEach(function (link) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = link.href;
        a.textContent = link.label;
        li.appendChild(a);
        list.appendChild(li);
      });
      var li = document.createElement('li');
      var form = document.createElement('form');
      form.method = 'post';
      form.action = '/logga-ut';
      form.className = 'logout-form';
      var button = document.createElement('button');
      button.type = 'submit';
      button.className = 'link-button';
      button.textContent = 'Logga ut';
      form.appendChild(button);
      li.appendChild(form);
      list.appendChild(li);
      nav.replaceChildren(list);
    })
    .catch(function () {});
})();
