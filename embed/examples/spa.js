// The single-page-app example: routes with pushState, and adds and removes widgets at run time.
for (const button of document.querySelectorAll('[data-error]')) {
  button.addEventListener('click', () => {
    const { error } = button.dataset;
    history.pushState(null, '', error ? `?error=${error}` : location.pathname);
  });
}

const panels = document.getElementById('panels');
document.getElementById('add-panel').addEventListener('click', () => {
  const help = document.createElement('nhs-login-help');
  help.setAttribute('error', 'CID3002');
  help.setAttribute('heading-level', '2');
  panels.append(help);
});
document.getElementById('remove-panel').addEventListener('click', () => panels.lastElementChild?.remove());
