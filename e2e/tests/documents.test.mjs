// Documents for institutions in the browser (GL ch. 3, 4, 6): the hospital's reviewer opens
// the cloud EHR, issues its リスク対応一覧 as PDF from the offering's documents section with
// the keyboard, and the downloaded file names its own institution and no other (the clinic
// that contracts the same offering); the documents page then verifies that exact file, and
// refuses it with one byte changed. The reviewer generates a long document as a job and
// follows its progress page to the download. A partner provider's user cannot have the
// institution's documents issued, even by posting the form itself.
//
// Markup contract used here: section#documents with form#document-form (select#document-kind,
// select#document-format, button#document-issue; no select#document-institution for an
// institution's reviewer); /documents with form#verify-form (input#verify-file,
// button#verify-submit) and #verify-result[data-issued]; table#documents tr.document-row.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { clickAndWait, launchBrowser, newPage, signInWithoutMfa } from '../lib/harness.mjs';
import { DEMO, DEMO_ACCOUNTS, findOfferingId, screenshotOnFailure, tabTo } from '../lib/demo.mjs';

const PARTNER = { login: 'partner@hinoki-cloud.example', name: 'ひのき パートナー' };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The text of a PDF as pdftotext reads it (poppler-utils), white space removed. */
function pdfText(path) {
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

let ehrId;

test("the institution downloads its risk treatment list and sees no other institution's", async (t) => {
  const { context, page } = await newPage(browser);
  const dir = mkdtempSync(join(tmpdir(), 'anzen-documents-'));
  try {
    await screenshotOnFailure(t, 'documents-institution', () => ({ page }), async () => {
      await signInWithoutMfa(page, DEMO_ACCOUNTS.reviewer);
      ehrId = await findOfferingId(page, DEMO.ehr);
      const shown = await page.goto(`/offerings/${ehrId}`);
      assert.equal(shown.status(), 200);
      const section = page.locator('section#documents');
      assert.ok(await section.isVisible(), 'the offering has a documents section');
      assert.equal(
        await section.locator('select#document-institution').count(),
        0,
        'an institution is not offered other institutions',
      );
      const kinds = await section.locator('select#document-kind option').evaluateAll((os) => os.map((o) => o.value));
      assert.ok(kinds.includes('risk-treatment'), JSON.stringify(kinds));
      assert.ok(!kinds.includes('audit-excerpt') && !kinds.includes('device-ledger'), JSON.stringify(kinds));
      await section.locator('select#document-kind').selectOption('risk-treatment');
      await section.locator('select#document-format').selectOption('pdf');

      // Issued with the keyboard: reach the button with Tab, press Enter.
      await tabTo(page, 'button#document-issue');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.match(download.suggestedFilename(), /^RT-\d{8}-[0-9a-f]{8}\.pdf$/);
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const bytes = readFileSync(file);
      assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      const text = pdfText(file);
      assert.ok(text.includes('リスク対応一覧'), 'the title');
      assert.ok(text.includes(`${DEMO.hospital}向け`), 'for the hospital');
      assert.ok(text.includes(DEMO.risks.accepted.replace(/\s+/g, '')), 'the risks of the offering');
      assert.ok(!text.includes(DEMO.clinic), `the clinic is not named: ${text.slice(0, 400)}`);
      const number = download.suggestedFilename().replace(/\.pdf$/, '');
      assert.ok(text.includes(number), 'the number is on the document');

      // The issue is listed on the documents page, which verifies the exact file.
      const listed = await page.goto('/documents');
      assert.equal(listed.status(), 200);
      assert.equal(await page.locator(`table#documents tr.document-row[data-number="${number}"]`).count(), 1);
      await page.locator('input#verify-file').setInputFiles(file);
      const verified = await clickAndWait(page, page.locator('button#verify-submit'));
      assert.equal(verified.status(), 200);
      assert.equal(await page.locator('#verify-result').getAttribute('data-issued'), 'true');
      assert.match(await page.locator('#verify-result').textContent(), new RegExp(number));

      // One byte changed: not issued.
      const changed = Buffer.from(bytes);
      changed[Math.floor(changed.length / 2)] ^= 0x01;
      const changedFile = join(dir, 'changed.pdf');
      writeFileSync(changedFile, changed);
      await page.locator('input#verify-file').setInputFiles(changedFile);
      await clickAndWait(page, page.locator('button#verify-submit'));
      assert.equal(await page.locator('#verify-result').getAttribute('data-issued'), 'false');
    });
  } finally {
    await context.close();
  }
});

test('a long document is generated as a job whose page shows its progress', async (t) => {
  assert.ok(ehrId, 'the first test found the cloud EHR');
  const { context, page } = await newPage(browser);
  try {
    await screenshotOnFailure(t, 'documents-job', () => ({ page }), async () => {
      await signInWithoutMfa(page, DEMO_ACCOUNTS.reviewer);
      await page.goto(`/offerings/${ehrId}`);
      const section = page.locator('section#documents');
      await section.locator('select#document-kind').selectOption('applicability');
      await section.locator('select#document-format').selectOption('pdf');
      // The second button starts a job and leads to its page, which refreshes itself.
      await clickAndWait(page, section.locator('button#document-issue-job'));
      assert.match(page.url(), /\/documents\/jobs\/[0-9a-f-]{36}$/);
      const job = page.locator('section#document-job');
      assert.ok(['rendering', 'done'].includes(await job.getAttribute('data-state')));
      await page.locator('a#document-job-file').waitFor({ timeout: 60_000 });
      assert.equal(await page.locator('section#document-job').getAttribute('data-state'), 'done');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('a#document-job-file').click(),
      ]);
      assert.match(download.suggestedFilename(), /\.pdf$/);
    });
  } finally {
    await context.close();
  }
});

test("a partner provider cannot have an institution's documents issued", async (t) => {
  assert.ok(ehrId, 'the first test found the cloud EHR');
  const { context, page } = await newPage(browser);
  try {
    await screenshotOnFailure(t, 'documents-partner', () => ({ page }), async () => {
      await signInWithoutMfa(page, PARTNER);
      const home = await page.goto('/documents');
      assert.equal(home.status(), 200);
      // The form the institution used, posted by the partner with its own CSRF token.
      // (Sent with the browser context's cookies; the page's CSP allows no fetch.)
      const token = await page.locator('input[name="csrf_token"]').first().inputValue();
      const r = await context.request.post(`/offerings/${ehrId}/documents`, {
        form: { csrf_token: token, kind: 'risk-treatment', format: 'pdf' },
        maxRedirects: 0,
      });
      const answer = { status: r.status(), type: r.headers()['content-type'] ?? '' };
      // Refused by the rule (GL 3.1.2), not by a missing token: the page names it.
      assert.equal(answer.status, 422, JSON.stringify(answer));
      assert.ok(answer.type.startsWith('text/html'), JSON.stringify(answer));
      assert.match(await r.text(), /GL 3\.1\.2/);
      assert.equal(await page.locator('table#documents tr.document-row').count(), 0, 'no documents listed');
    });
  } finally {
    await context.close();
  }
});
