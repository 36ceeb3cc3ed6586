// A Vue 3 app with the widget, runtime only (render functions, no template compiler): its own
// router (a ref over app.js's), the element on some routes and not others, `error` from a route
// parameter and from reactive state, and the widget's events heard through `on…` props in `h()`
// (`'onNhs-login-help:shown'`: Vue hyphenates and lowercases what follows "on").
import { createApp, h, onUnmounted, ref } from 'vue';
import { config, currentLocation, followLink, heard, links, route, subscribe, title } from './app.js';

const listeners = { 'onNhs-login-help:shown': heard, 'onNhs-login-help:toggle': heard, 'onNhs-login-help:link': heard };

/** The widget with the app's listeners; `error` undefined leaves the attribute off. */
const help = (error) => h('nhs-login-help', { error, ...listeners }, [h('a', { href: 'https://help.login.nhs.uk/' }, 'Get help with NHS login')]);

/** Help the app shows and hides, and points at a reference, from its own state. */
const Account = {
  setup() {
    const shown = ref(true);
    const reference = ref(config.references[0]);
    return () => [
      h('button', { type: 'button', id: 'toggle', onClick: () => { shown.value = !shown.value; } }, shown.value ? 'Hide the help' : 'Show the help'),
      ...config.references.map((r) => h('button', { type: 'button', onClick: () => { reference.value = r; } }, `Use ${r}`)),
      h('button', { type: 'button', onClick: () => { reference.value = undefined; } }, 'Use no reference'),
      shown.value ? help(reference.value) : null,
    ];
  },
};

const App = {
  setup() {
    const address = ref(currentLocation());
    onUnmounted(subscribe(() => { address.value = currentLocation(); }));
    return () => {
      const current = route(address.value);
      return [
        h('nav', { 'aria-label': 'Example service' }, [
          h('ul', links().map(([label, href]) => h('li', { key: href }, [h('a', { href, onClick: followLink }, label)]))),
        ]),
        h('main', [
          h('h1', title(current)),
          current.name === 'help' ? help(current.reference) : null,
          current.name === 'login-error' ? help(undefined) : null,
          current.name === 'account' ? h(Account) : null,
          current.name === 'contact' ? h('p', `We will help you with ${current.about ?? 'your account'}.`) : null,
        ]),
      ];
    };
  },
};

createApp(App).mount('#app');
