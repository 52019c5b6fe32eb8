// Settings > "Types & fields" and "Templates", used as a lead does, by clicking: a field
// added to a type (a choice with two options, required), moved up, seen in the form
// preview and then in the new-ticket dialog, then one of its choices renamed (the ticket
// holding it follows); a text field holding values turned into a
// number field after the note of what converts; a template file from a newer Tackboard
// refused with nothing changed; a built-in template exported, applied and undone.
// Screenshots of both tabs in English and Swedish: build/test-artifacts/settings-types-*.png
// and settings-templates-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickItem, openBoard, screenshot, waitFor, waitForNoRect, waitForRect, watchErrors, withServerAndBrowser,
} from './helpers.mjs';

const fixture = withServerAndBrowser();

const configOf = (page) => page.evaluate(async () => JSON.parse(await window.tackboard.exportJson()).config);
const ticket = (page, id) => page.evaluate((i) => window.tackboard.getTicket(i), id);

async function waitForConfig(page, check, what) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const config = await configOf(page);
    if (check(config)) return config;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(50);
  }
}

const fieldsOf = (config, type) => config.types.find((t) => t.id === type).fields;

async function typeInto(page, field, text, enter = true) {
  await clickItem(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  if (enter) await page.keyboard.press('Enter');
}

async function openTab(page, tab) {
  await clickItem(page, 'Settings##view');
  await waitFor(page, () => location.hash === '#view=settings', undefined, 'the view in the URL');
  await clickItem(page, `settings-tab:${tab}`);
}

test('a field added by clicking shows in the preview and the new-ticket form; a kind change says what converts', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1500, height: 950 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  const create = (fields) => page.evaluate((f) => window.tackboard.createTicket(f), fields);
  const twelve = await create({ title: 'Crash on save', type: 'bug', 'fields.steps': 'Save', 'fields.environment': '12' });
  const prod = await create({ title: 'Slow search', type: 'bug', 'fields.steps': 'Search', 'fields.environment': 'prod' });
  await openTab(page, 'types');

  // A new field on "Support request": a choice of two, required, first in the form.
  await clickItem(page, 'type-support');
  await typeInto(page, 'new-field', 'Operating system', false);
  await clickItem(page, 'add-field');
  await waitForConfig(page, (c) => fieldsOf(c, 'support').some((f) => f.id === 'operating_system'), 'the new field');
  await clickItem(page, 'field-kind-operating_system');
  await clickItem(page, 'kind-select');
  await typeInto(page, 'new-option', 'Windows');
  await waitForRect(page, 'option-0');  // the row above pushes "New choice" down
  await typeInto(page, 'new-option', 'macOS');
  await waitForRect(page, 'option-1');
  await clickItem(page, 'field-apply');
  let config = await waitForConfig(page, (c) => fieldsOf(c, 'support').some((f) => f.kind === 'select' && f.options.length === 2 &&
                                                                               f.id === 'operating_system'), 'the choice');
  assert.deepEqual(fieldsOf(config, 'support').at(-1).options, ['Windows', 'macOS']);
  await clickItem(page, 'field-required-operating_system');
  await waitForConfig(page, (c) => fieldsOf(c, 'support').find((f) => f.id === 'operating_system').required, 'required');
  await clickItem(page, 'field-up-operating_system');
  config = await waitForConfig(page, (c) => fieldsOf(c, 'support')[0].id === 'operating_system', 'the field first');
  assert.deepEqual(fieldsOf(config, 'support').map((f) => f.id), ['operating_system', 'category']);
  // The form preview draws it (its choice), and it can be tried without storing anything.
  await waitForRect(page, 'preview-title');
  await clickItem(page, 'field-operating_system');
  await clickItem(page, 'macOS');
  await screenshot(page, 'settings-types-en');
  assert.deepEqual(fieldsOf(await configOf(page), 'support'), fieldsOf(config, 'support'), 'the preview stores nothing');

  // The new-ticket dialog shows it, and requires it.
  await clickItem(page, 'Board##view');
  await clickItem(page, 'New ticket');
  await clickItem(page, 'new-title');
  await page.keyboard.type('Laptop will not boot');
  await clickItem(page, 'field-operating_system');
  await clickItem(page, 'Windows');
  await clickItem(page, 'Create##new-ticket');
  await waitForNoRect(page, 'new-title');
  const made = await page.evaluate(() => window.tackboard.query('"Laptop will not boot"'));
  assert.equal(made.length, 1);
  assert.equal((await ticket(page, made[0])).fields.operating_system, 'Windows');

  // A choice renamed in place: the ticket holding it follows, nothing is kept as a comment.
  await openTab(page, 'types');
  await clickItem(page, 'type-support');
  await clickItem(page, 'field-options-operating_system');
  await typeInto(page, 'option-0', 'Windows 11', false);
  await waitForRect(page, '1 ticket holds a value: 1 convert, 0 kept as an internal comment.##field-change-effect');
  await clickItem(page, 'field-apply');
  await waitForConfig(page, (c) => fieldsOf(c, 'support')[0].options[0] === 'Windows 11', 'the renamed choice');
  const renamed = await ticket(page, made[0]);
  assert.equal(renamed.fields.operating_system, 'Windows 11');
  assert.deepEqual(renamed.comments ?? [], []);

  // "Environment" (text) becomes a number: the note first, then one ticket keeps its text as a comment.
  await openTab(page, 'types');
  await clickItem(page, 'type-bug');
  await clickItem(page, 'field-kind-environment');
  await clickItem(page, 'kind-number');
  await waitForRect(page, 'field-change-effect');
  await screenshot(page, 'settings-types-conversion');
  assert.equal((await ticket(page, twelve)).fields.environment, '12', 'nothing changed before Apply');
  await clickItem(page, 'field-apply');
  await waitForConfig(page, (c) => fieldsOf(c, 'bug').find((f) => f.id === 'environment').kind === 'number', 'the number field');
  assert.equal((await ticket(page, twelve)).fields.environment, 12);
  const kept = await ticket(page, prod);
  assert.equal(kept.fields.environment, undefined);
  assert.ok(kept.comments.some((c) => c.internal && c.body.includes('prod')), 'the text kept as an internal comment');
  await waitForNoRect(page, 'field-change-effect');

  await page.evaluate(() => window.tackboard.setLanguage('sv'));
  await page.waitForTimeout(200);
  await screenshot(page, 'settings-types-sv');
  await page.evaluate(() => window.tackboard.setLanguage('en'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('templates: a newer file is refused with nothing changed; a built-in is exported, applied and undone', async () => {
  const page = await fixture.browser.newPage({ viewport: { width: 1500, height: 950 } });
  const errors = watchErrors(page);
  await openBoard(page, fixture.server.url);
  const create = (fields) => page.evaluate((f) => window.tackboard.createTicket(f), fields);
  const triaged = await create({ title: 'Printer jams', status: 'triage' });
  const incident = await create({ title: 'Mail down', type: 'incident', 'fields.impact': 'Everyone' });
  await openTab(page, 'templates');
  const before = await configOf(page);

  // Exported as a file that reads back as a template.
  const download = page.waitForEvent('download');
  await clickItem(page, 'template-export');
  const file = await download;
  assert.match(file.suggestedFilename(), /-template\.json$/);
  const exported = JSON.parse(await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()));
  assert.equal(exported.format, 'tackboard-template');
  assert.equal(exported.version, 1);
  assert.equal(exported.config.members, undefined);

  // A file from a newer Tackboard: refused, with the reason, and nothing applied.
  const newer = { ...exported, version: 2 };
  const chooser = page.waitForEvent('filechooser', { timeout: 5000 });
  await clickItem(page, 'template-import');
  await (await chooser).setFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(newer)) });
  await waitForRect(page, 'template-file-message');
  await waitForNoRect(page, 'template-confirm');
  assert.deepEqual(await configOf(page), before, 'nothing changed');

  // A built-in: the preview says what moves, Apply makes one change, Undo takes it all back.
  await clickItem(page, 'template-apply-software');
  await waitForRect(page, 'template-preview');
  await screenshot(page, 'settings-templates-en');
  await clickItem(page, 'template-confirm');
  await waitForConfig(page, (c) => c.statuses.some((s) => s.id === 'backlog'), 'the template applied');
  await waitForRect(page, 'template-applied');
  assert.equal((await ticket(page, triaged)).status, 'backlog');
  const moved = await ticket(page, incident);
  assert.equal(moved.type, 'bug');
  assert.ok(moved.comments.some((c) => c.internal && c.body.includes('Everyone')), 'the impact kept as a comment');
  await page.evaluate(() => window.tackboard.setLanguage('sv'));
  await clickItem(page, 'template-apply-it_support');
  await waitForRect(page, 'template-preview');
  await page.waitForTimeout(200);
  await screenshot(page, 'settings-templates-sv');
  await clickItem(page, 'template-cancel');
  await page.evaluate(() => window.tackboard.setLanguage('en'));

  await clickItem(page, 'Undo');
  await waitForConfig(page, (c) => !c.statuses.some((s) => s.id === 'backlog'), 'the undo');
  assert.deepEqual(await configOf(page), before);
  assert.equal((await ticket(page, triaged)).status, 'triage');
  const back = await ticket(page, incident);
  assert.equal(back.type, 'incident');
  assert.equal(back.fields.impact, 'Everyone');
  assert.ok(!(back.comments ?? []).some((c) => c.internal), 'the comment went with the undo');
  assert.deepEqual(errors, []);
  await page.close();
});
