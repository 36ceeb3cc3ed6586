// A React 19 app with the widget: its own router (useSyncExternalStore over app.js's), the element
// on some routes and not others, `error` from a route parameter and from state, and the widget's
// events heard through React 19's custom-element event props (`onnhs-login-help:shown`: "on" then
// the event's exact name).
import { useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { config, currentLocation, followLink, heard, links, route, subscribe, title } from './app.js';

/** The widget with the app's listeners; `error` undefined leaves the attribute off. */
function Help({ error }) {
  return (
    <nhs-login-help
      error={error}
      onnhs-login-help:shown={heard}
      onnhs-login-help:toggle={heard}
      onnhs-login-help:link={heard}
    >
      <a href="https://help.login.nhs.uk/">Get help with NHS login</a>
    </nhs-login-help>
  );
}

/** Help the app shows and hides, and points at a reference, from its own state. */
function Account() {
  const [shown, setShown] = useState(true);
  const [reference, setReference] = useState(config.references[0]);
  return (
    <>
      <button type="button" id="toggle" onClick={() => setShown(!shown)}>{shown ? 'Hide the help' : 'Show the help'}</button>
      {config.references.map((r) => <button type="button" key={r} onClick={() => setReference(r)}>Use {r}</button>)}
      <button type="button" onClick={() => setReference(undefined)}>Use no reference</button>
      {shown && <Help error={reference} />}
    </>
  );
}

function App() {
  const current = route(useSyncExternalStore(subscribe, currentLocation));
  return (
    <>
      <nav aria-label="Example service">
        <ul>{links().map(([label, href]) => <li key={href}><a href={href} onClick={followLink}>{label}</a></li>)}</ul>
      </nav>
      <main>
        <h1>{title(current)}</h1>
        {current.name === 'help' && <Help error={current.reference} />}
        {current.name === 'login-error' && <Help />}
        {current.name === 'account' && <Account />}
        {current.name === 'contact' && <p>We will help you with {current.about ?? 'your account'}.</p>}
      </main>
    </>
  );
}

createRoot(document.getElementById('app')).render(<App />);
