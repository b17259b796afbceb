// The statement table of an offering (FAQ 5.3, like a statement of applicability): the
// provider filters it, states one Appendix 2 control "not applicable" — first without the
// reason, which is refused next to the reason field with nothing saved, then with a reason,
// which the table shows — and downloads the CSV export with that row.
//
// The control stated is the first Appendix 2 control of the cloud EHR still without a
// statement, so a run never meets another run's statement; the reason carries a unique
// label. No other test writes statements.
//
// Markup contract used here:
//   /offerings/{id}: a#statements-link;
//   /offerings/{id}/controls: #count-total, #count-stated, #count-none (the whole table),
//     the rows of the page #range-first–#range-last of #range-total (after the filter; pages
//     of 100 rows, nav.pagination when more), the filter form
//     form#statement-filters (select[name=status]: "none", "not_applicable", …), tables
//     #appendix2-statements / #regulatory-statements / #provider-statements with
//     tr.statement-row[data-key][data-status][data-state] and a.statement-edit, details in
//     dl.statement-details, a#statements-csv;
//   the statement form form#statement-form: radio input#status-not_applicable, textarea
//     name=why (#field-why), the error #field-why-error and the summary's link to #field-why;
//     the history table#statement-history or p#no-history.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ACCOUNTS,
  clickAndWait,
  launchBrowser,
  newPage,
  screenshot,
  signInWithoutMfa,
} from '../lib/harness.mjs';
import { DEMO, findOfferingId, parseCsv, screenshotOnFailure, uniqueLabel } from '../lib/demo.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const text = async (locator) => ((await locator.textContent()) ?? '').trim();
const count = async (page, id) => Number(await text(page.locator(`#${id}`)));
const CSV_HEADER = [
  'kind',
  'catalogue_version',
  'key',
  'heading',
  'text',
  'text_origin',
  'status',
  'state',
  'details',
  'risks',
  'stated_by',
  'stated_at',
  'version',
];

/** Chooses `value` in the table's status filter and submits it. */
async function filterByStatus(page, value) {
  const filters = page.locator('form#statement-filters');
  await filters.locator('select[name="status"]').selectOption(value);
  const response = await clickAndWait(page, filters.locator('button[type="submit"]'));
  assert.equal(response.status(), 200, `filter status=${value}`);
  assert.equal(new URL(page.url()).searchParams.get('status'), value);
}

test('a "not applicable" statement needs its reason; with one it is in the table and the CSV', async (t) => {
  const { context, page } = await newPage(browser);
  try {
    await screenshotOnFailure(t, 'controls-statements', () => ({ page }), async () => {
      await signInWithoutMfa(page, ACCOUNTS.member);
      const ehr = await findOfferingId(page, DEMO.ehr);
      const tablePath = `/offerings/${ehr}/controls`;

      // The table, from the offering's page.
      assert.equal((await page.goto(`/offerings/${ehr}`)).status(), 200);
      const opened = await clickAndWait(page, page.locator('a#statements-link'));
      assert.equal(opened.status(), 200);
      assert.equal(new URL(page.url()).pathname, tablePath);
      const rows = page.locator('tr.statement-row');
      const total = await count(page, 'count-total');
      assert.ok(total > 0, 'the table has controls');
      // The demo's table fits on one page (100 rows): unfiltered, every row is shown.
      assert.deepEqual(
        [await count(page, 'range-first'), await count(page, 'range-last'), await count(page, 'range-total')],
        [1, total, total],
        'the page shows rows 1 to the total',
      );
      assert.equal(await page.locator('nav.pagination').count(), 0, 'one page, no pager');
      assert.equal(await rows.count(), total, 'unfiltered, every row is shown');
      assert.ok((await page.locator('#appendix2-statements tr.statement-row').count()) > 0);
      assert.ok((await page.locator('#regulatory-statements tr.statement-row').count()) > 0);
      const statedBefore = await count(page, 'count-stated');
      const noneBefore = await count(page, 'count-none');

      // Filter: the controls without a statement.
      await filterByStatus(page, 'none');
      const unstated = await rows.count();
      assert.equal(await count(page, 'range-total'), noneBefore, 'the range counts the filtered rows');
      assert.equal(unstated, noneBefore, 'the filter keeps the rows counted as without statement');
      const states = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.state));
      assert.ok(states.every((s) => s === 'none'), `only rows without a statement: ${states}`);
      const target = page.locator('#appendix2-statements tr.statement-row').first();
      assert.equal(await target.count(), 1, 'an Appendix 2 control without a statement is left');
      const key = await target.getAttribute('data-key');
      t.diagnostic(`stating control ${key}`);

      // The statement form of that control.
      const edit = await clickAndWait(page, target.locator('a.statement-edit'));
      assert.equal(edit.status(), 200);
      assert.equal(await text(page.locator('main h1 code')), key);
      assert.equal(await page.locator('#no-history').count(), 1, 'no statement yet');
      const form = page.locator('form#statement-form');

      // "Not applicable" without the reason: refused, the message at the reason field.
      await form.locator('input#status-not_applicable').check();
      await form.locator('textarea[name="why"]').fill('');
      const refused = await clickAndWait(page, form.locator('button[type="submit"]'));
      assert.equal(refused.status(), 422, 'the form is shown again with the error');
      const whyError = page.locator('#field-why-error');
      assert.ok(await whyError.isVisible(), 'an error next to the reason field');
      assert.ok((await text(whyError)).length > 0);
      assert.equal(await page.locator('#field-why').getAttribute('aria-invalid'), 'true');
      assert.match(
        (await page.locator('#field-why').getAttribute('aria-describedby')) ?? '',
        /field-why-error/,
      );
      const summaryLink = page.locator('.error-summary a[href="#field-why"]');
      assert.equal(await summaryLink.count(), 1, 'the error summary links to the reason field');
      assert.equal(await text(summaryLink), await text(whyError));
      // The message sits in the reason field's own block, under its label, and cites the
      // rule (FAQ 5.3: not adopting a control needs a reasonable reason).
      const whyField = page.locator('div.field', { has: page.locator('textarea#field-why') });
      assert.match(await text(whyField.locator('label')), /適用しない理由/, 'the field at fault is the reason');
      assert.equal(await whyField.locator('.field__error').count(), 1);
      assert.match(await text(whyError), /FAQ 5\.3/);
      // No other field is marked.
      assert.equal(await page.locator('.field__error').count(), 1, 'only the reason is at fault');
      // What was chosen is kept; nothing was saved.
      assert.ok(await page.locator('form#statement-form input#status-not_applicable').isChecked());
      assert.equal(await page.locator('#no-history').count(), 1, 'still no statement');
      await screenshot(page, 'controls-statement-refused');

      assert.equal((await page.goto(tablePath)).status(), 200);
      assert.equal(await count(page, 'count-stated'), statedBefore, 'nothing was saved');
      const row = page.locator(`tr.statement-row[data-key="${key}"]`);
      assert.equal(await row.getAttribute('data-state'), 'none');
      assert.equal(await row.getAttribute('data-status'), '');

      // With a reason it is saved and shown in the table.
      const reason = `${uniqueLabel('e2e 適用外')}: 本サービスでは紙媒体を扱わないため`;
      const again = await clickAndWait(page, row.locator('a.statement-edit'));
      assert.equal(again.status(), 200);
      await form.locator('input#status-not_applicable').check();
      await form.locator('textarea[name="why"]').fill(reason);
      const saved = await clickAndWait(page, form.locator('button[type="submit"]'));
      assert.equal(saved.status(), 200);
      assert.equal(new URL(page.url()).pathname, tablePath, 'back to the table');
      const flash = await text(page.locator('.flash .flash__message'));
      assert.ok(flash.includes(key) && flash.includes('適用外'), `the flash names the control: ${flash}`);
      assert.equal(await row.getAttribute('data-status'), 'not_applicable');
      assert.equal(await row.getAttribute('data-state'), 'stated');
      assert.match(await text(row.locator('.statement-status')), /適用外/);
      assert.match(await text(row.locator('dl.statement-details')), new RegExp(reason.split(':')[0]));
      // Who stated it: the actor, e.g. "user:member@…".
      assert.ok((await text(row.locator('.statement-by'))).includes(ACCOUNTS.member.login));
      assert.equal(await count(page, 'count-stated'), statedBefore + 1);

      // The not-applicable filter lists it.
      await filterByStatus(page, 'not_applicable');
      const keys = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.key));
      assert.ok(keys.includes(key), `${key} among the not-applicable rows: ${keys}`);
      const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.status));
      assert.ok(statuses.every((s) => s === 'not_applicable'), `statuses: ${statuses}`);
      await screenshot(page, 'controls-statement-table');

      // The CSV export of the table (the page's link, fetched with the page's cookies).
      assert.equal((await page.goto(tablePath)).status(), 200);
      const csvHref = await page.locator('a#statements-csv').getAttribute('href');
      assert.equal(csvHref, `${tablePath}.csv`);
      const csv = await context.request.get(csvHref);
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);
      assert.match(csv.headers()['content-disposition'] ?? '', /attachment/);
      const records = parseCsv(await csv.text());
      assert.deepEqual(records[0], CSV_HEADER, 'the header row');
      const body = records.slice(1).filter((r) => r.length > 1);
      assert.equal(body.length, total, 'one line per control');
      const line = body.find((r) => r[2] === key);
      assert.ok(line, `the CSV has ${key}`);
      assert.match(line[6], /適用外/, 'its status');
      assert.ok(line[8].includes(reason), `its reason: ${line[8]}`);
      assert.ok(line[10].includes(ACCOUNTS.member.login), `stated by: ${line[10]}`);
    });
  } finally {
    await context.close();
  }
});
