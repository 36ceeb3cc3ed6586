// A Lit app with the widget, rendering into its own shadow root as Lit components do: its own
// router (a reactive property over app.js's), the element on some routes and not others, `error`
// from a route parameter and from a reactive property, and the widget's events heard through
// Lit's `@nhs-login-help:shown=${…}` bindings.
import { LitElement, css, html, nothing } from 'lit';
import { config, currentLocation, followLink, heard, links, route, subscribe, title } from './app.js';

/** The widget with the app's listeners; `error` undefined leaves the attribute off. */
const help = (error) => html`<nhs-login-help error=${error ?? nothing}
    @nhs-login-help:shown=${heard} @nhs-login-help:toggle=${heard} @nhs-login-help:link=${heard}
  ><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>`;

// The app's few styles (app.css), which the page's stylesheet cannot give its shadow roots.
const styles = css`
  nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px 24px; }
  nav a, button { display: inline-block; min-height: 44px; padding: 10px 4px; box-sizing: border-box; }
  button { margin: 0 8px 8px 0; }
`;

/** Help the app shows and hides, and points at a reference, from its own properties. */
class ExampleAccount extends LitElement {
  static properties = { shown: { state: true }, reference: { state: true } };

  static styles = styles;

  constructor() {
    super();
    this.shown = true;
    this.reference = config.references[0];
  }

  render() {
    return html`
      <button type="button" id="toggle" @click=${() => { this.shown = !this.shown; }}>${this.shown ? 'Hide the help' : 'Show the help'}</button>
      ${config.references.map((r) => html`<button type="button" @click=${() => { this.reference = r; }}>Use ${r}</button>`)}
      <button type="button" @click=${() => { this.reference = undefined; }}>Use no reference</button>
      ${this.shown ? help(this.reference) : nothing}`;
  }
}

class ExampleApp extends LitElement {
  static properties = { address: { state: true } };

  static styles = styles;

  constructor() {
    super();
    this.address = currentLocation();
  }

  connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = subscribe(() => { this.address = currentLocation(); });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe();
  }

  render() {
    const current = route(this.address);
    return html`
      <nav aria-label="Example service">
        <ul>${links().map(([label, href]) => html`<li><a href=${href} @click=${followLink}>${label}</a></li>`)}</ul>
      </nav>
      <main>
        <h1>${title(current)}</h1>
        ${current.name === 'help' ? help(current.reference) : nothing}
        ${current.name === 'login-error' ? help(undefined) : nothing}
        ${current.name === 'account' ? html`<example-account></example-account>` : nothing}
        ${current.name === 'contact' ? html`<p>We will help you with ${current.about ?? 'your account'}.</p>` : nothing}
      </main>`;
  }
}

customElements.define('example-account', ExampleAccount);
customElements.define('example-app', ExampleApp);
