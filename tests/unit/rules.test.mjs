// The embed entry's copy of the rules (embed/rules.js) held to the Rust core's: the reference
// normalisation, the safe-URL rule for host links, near misses, the echoed text, and how the page
// URL and an element's attributes are read. Both run one file of test vectors
// (tests/vectors/rules.json; the Rust side is tools/tests/rule_vectors.rs), and here thousands of
// random inputs go through both (the Rust side through `cargo run -p nhs-login-help-tools --bin
// decide`) and must come out the same.
//
// After an intended change to a rule (in both): `UPDATE_RULE_VECTORS=1 node --test tests/unit/`
// writes the Rust core's answers into the file; review the diff before committing it.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { bundled, randomInputs, rustDecides } from './support.mjs';

const VECTORS = new URL('../vectors/rules.json', import.meta.url);

let rules;
/** The element's attributes as the contract names them, with the values each allows (if fixed). */
let ATTRIBUTES;

before(async () => {
  const { contract, module } = await bundled('rules.js');
  ATTRIBUTES = Object.values(contract.attributes);
  rules = module;
});

/** What the entry decides for an input shaped as the vectors give it. */
function jsDecides(input) {
  if (input.page) {
    const { help, placement, warnings } = rules.decidePage(input.page);
    return { help, placement, warnings };
  }
  const { attributes, search, hash } = input.element;
  const get = (name) => (Object.hasOwn(attributes, name) ? attributes[name] : null);
  const { help, placement, warnings } = rules.decideElement(get, search, hash);
  return { help, placement, warnings };
}

test('the entry gives every answer the vectors record (and the Rust core gives them too)', () => {
  const vectors = JSON.parse(readFileSync(VECTORS, 'utf8'));
  if (process.env.UPDATE_RULE_VECTORS) {
    const outputs = rustDecides(vectors.decide.map(({ input }) => input));
    vectors.decide.forEach((vector, i) => { vector.output = outputs[i]; });
    writeFileSync(VECTORS, `${JSON.stringify(vectors, null, 1)}\n`);
  }
  assert.ok(vectors.decide.length > 200);
  for (const { input, output } of vectors.decide) {
    assert.deepEqual(jsDecides(input), output, JSON.stringify(input));
  }
});

test('for random hostile input, the entry decides exactly what the Rust core decides', () => {
  const { seed, inputs } = randomInputs(3000, ATTRIBUTES);
  const rust = rustDecides(inputs);
  inputs.forEach((input, i) => {
    assert.deepEqual(jsDecides(input), rust[i], `RULES_SEED=${seed}, input ${JSON.stringify(input)}`);
  });
  // The inputs reach every kind of answer, not only the fallback.
  const count = (found) => rust.filter(found).length;
  assert.ok(count(({ help }) => help.kind === 'article') > 30, `articles (RULES_SEED=${seed})`);
  assert.ok(count(({ help }) => help.section) > 0, `deep-linked sections (RULES_SEED=${seed})`);
  assert.ok(count(({ help }) => help.suggestions?.length) > 0, `near misses (RULES_SEED=${seed})`);
  assert.ok(count(({ help }) => help.kind === 'not-found' && help.reference) > 0, `unknown references (RULES_SEED=${seed})`);
  assert.ok(count(({ placement }) => !placement.contact.startsWith('https://help.login')) > 0, `host contact addresses (RULES_SEED=${seed})`);
  assert.ok(count(({ placement }) => placement.variant === 'inline' || placement.level > 2) > 0, `placements (RULES_SEED=${seed})`);
});
