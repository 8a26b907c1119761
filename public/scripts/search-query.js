// Fills the search box from ?q= so the start page's plain form leads to results.
const q = new URLSearchParams(location.search).get('q');
if (q) {
  customElements.whenDefined('pagefind-input').then(() => {
    const input = document.querySelector('pagefind-input input');
    if (!input) return;
    input.value = q.slice(0, 200);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
