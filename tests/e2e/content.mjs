// The articles the widget carries, as the browser tests expect to see them. Read from the
// manifest that `cargo run -p nhs-login-help-tools --bin content-manifest` prints from the compiled content files,
// so a new article is tested without editing any test.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const MANIFEST = process.env.CONTENT_MANIFEST ?? 'target/content-manifest.json';

function load() {
  const json = existsSync(MANIFEST)
    ? readFileSync(MANIFEST, 'utf8')
    : execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'nhs-login-help-tools', '--bin', 'content-manifest'], { encoding: 'utf8' });
  return JSON.parse(json);
}

/**
 * Every article: { id, codes, href, title, topic, texts, expanders: [{ id, summary, texts, links }], links,
 * warnings: [{ line, rule, message }] } (the build's style warnings, see crates/content/src/lint.rs).
 */
export const ARTICLES = load();

/** The standalone page's address for an article (the core's `Article::href`, in the manifest). */
export function articlePath(article) {
  return `/${article.href}`;
}
