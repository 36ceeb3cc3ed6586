// What the three framework apps share, none of it framework code: the page's configuration, a tiny
// router (the path changed with `history.pushState`, followed on `popstate`), the routes, and what
// an app does with the widget's events. Each app wires these into its framework its own way.

/** `{ base, references }` from the page: the app's path prefix and the references it links to. */
export const config = JSON.parse(document.getElementById('app-config').textContent);

const listeners = new Set();

/** The address the router shows: path and query. */
export function currentLocation() {
  return location.pathname + location.search;
}

/** Goes to `href` without a page load, as a router does; `popstate` covers back and forward. */
export function navigate(href) {
  history.pushState(null, '', href);
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the address changes; returns what stops it. */
export function subscribe(listener) {
  listeners.add(listener);
  addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    removeEventListener('popstate', listener);
  };
}

/**
 * The route for `address`: `home`, `help` (a reference in the path, given to the element's
 * `error`), `login-error` (an element that reads `?error=` itself), `account` (help the app
 * shows, hides and points at a reference from its own state), `contact` (the app's own screen
 * for a contact link it took over) or `not-found`.
 */
export function route(address) {
  const url = new URL(address, location.origin);
  const path = url.pathname.slice(config.base.length);
  const help = /^\/help\/([\w-]+)$/.exec(path);
  if (help) return { name: 'help', reference: help[1] };
  const name = { '/': 'home', '/login-error': 'login-error', '/account': 'account', '/contact': 'contact' }[path] ?? 'not-found';
  return { name, about: url.searchParams.get('error') };
}

/** The app's links: label → address. */
export function links() {
  return [
    ['Home', `${config.base}/`],
    ...config.references.map((reference) => [`Help for ${reference}`, `${config.base}/help/${reference}`]),
    ['Login error', `${config.base}/login-error?error=${config.loginError}`],
    ['Your account', `${config.base}/account`],
  ];
}

/** A click on one of the app's own links, taken over by the router (a new tab is left alone). */
export function followLink(event) {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href'));
}

/**
 * What the app does with each event of the widget, heard through its framework's listener: notes
 * it for the tests (`window.heard`), and takes over the links, as an app with its own contact
 * screen would (cancelling the event stops the link).
 */
export function heard(event) {
  window.heard.push({ type: event.type, detail: event.detail, on: event.currentTarget.localName, error: event.currentTarget.getAttribute('error') });
  if (event.type !== 'nhs-login-help:link') return;
  event.preventDefault();
  const reference = new URL(event.detail.href).searchParams.get('error');
  navigate(event.detail.kind === 'contact' ? `${config.base}/contact${reference ? `?error=${reference}` : ''}` : `${config.base}/account`);
}

/** The main heading of each route. */
export function title(current) {
  return {
    home: 'Example service',
    help: `Help with ${current.reference}`,
    'login-error': 'Sorry, we could not log you in',
    account: 'Your account',
    contact: 'Contact the service desk',
    'not-found': 'Page not found',
  }[current.name];
}
