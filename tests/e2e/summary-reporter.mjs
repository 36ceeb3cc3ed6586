// A node:test reporter that ends the run with one line, `engine: N passed, M failed, K skipped,
// J known failures`, counting tests (not suites), so CI logs say plainly how each engine's run
// went. A known failure is a `todo` test that fails: it does not fail the run, and it is counted
// apart so it is never mistaken for a pass or a new failure.
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let known = 0;
  for await (const event of source) {
    if (event.data?.details?.type === 'suite') continue;
    if (event.type === 'test:pass' && event.data.skip) skipped += 1;
    else if (event.type === 'test:pass') passed += 1;
    if (event.type === 'test:fail' && event.data.todo) known += 1;
    else if (event.type === 'test:fail') failed += 1;
  }
  yield `${process.env.E2E_ENGINE ?? 'chromium'}: ${passed} passed, ${failed} failed, ${skipped} skipped, ${known} known failures\n`;
}
