// Shared by the browser tests: the server under test (from scripts/e2e), the machine's
// Chromium through playwright-core, and small page helpers. Each test opens its own browser
// context (its own cookies), so tests never share a session.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { STEP_SECONDS, stepAt, totp } from './totp.mjs';

/** The running anzen (`anzen demo`), e.g. http://127.0.0.1:41234 — set by scripts/e2e. */
export const BASE_URL = (process.env.ANZEN_E2E_BASE_URL ?? '').replace(/\/+$/, '');
/** The password of every demo account — set by scripts/e2e. */
export const PASSWORD = process.env.ANZEN_E2E_PASSWORD ?? '';
export const CHROMIUM = process.env.ANZEN_E2E_CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

/** The demo accounts (fictional data from `anzen demo`). */
export const ACCOUNTS = {
  admin: { login: 'admin@sakura-medical.example', name: '佐藤 管理者' },
  member: { login: 'member@sakura-medical.example', name: '鈴木 担当者' },
};

// Without the background-networking flags Chromium keeps trying to reach Google's hosts,
// which this network refuses. Playwright's launch() already uses a new empty profile
// (user-data-dir) for every browser and adds --headless.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function requireServer() {
  if (!BASE_URL || !PASSWORD) {
    throw new Error(
      'ANZEN_E2E_BASE_URL and ANZEN_E2E_PASSWORD are not set: run the browser tests with scripts/e2e',
    );
  }
}

export async function launchBrowser() {
  requireServer();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

/** A fresh context (own cookies) and page; Japanese unless `locale` says otherwise. */
export async function newPage(browser, { locale = 'ja-JP' } = {}) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/**
 * Clicks `locator` and waits for the document it leads to (a form post and its redirects).
 * Returns the main-resource response, so its status can be checked.
 */
export async function clickAndWait(page, locator) {
  const navigation = page.waitForNavigation({ waitUntil: 'load' });
  await locator.click();
  return navigation;
}

/** Fills the sign-in form and submits it; returns the response of the page it leads to. */
export async function submitLogin(page, login, password = PASSWORD) {
  const response = await page.goto('/login');
  if (response.status() !== 200) throw new Error(`/login answered ${response.status()}`);
  const form = page.locator('form[action="/login"]');
  await form.locator('input[name="login"]').fill(login);
  await form.locator('input[name="password"]').fill(password);
  return clickAndWait(page, form.locator('button[type="submit"]'));
}

/** Signs in an account without MFA (e.g. the provider member) and checks it lands on `/`. */
export async function signInWithoutMfa(page, account) {
  const response = await submitLogin(page, account.login);
  const path = new URL(page.url()).pathname;
  if (path !== '/' || response.status() !== 200) {
    throw new Error(`sign-in of ${account.login} ended at ${path} with ${response.status()}`);
  }
  return response;
}

/** The text of the user badge in the header ('' when nobody is signed in). */
export async function badgeName(page) {
  const badge = page.locator('.user-badge__name');
  return (await badge.count()) ? (await badge.textContent()).trim() : '';
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The current TOTP code of `secret`, for a step later than `afterStep` (the server accepts a
 * step once only). Waits for the next 30-second window when needed, and also when the
 * current window ends within `marginSeconds`, so the code is not stale on arrival.
 * Returns { code, step }.
 */
export async function freshCode(secret, { afterStep = -Infinity, marginSeconds = 3 } = {}) {
  for (;;) {
    const now = Date.now() / 1000;
    const step = stepAt(now);
    const left = (step + 1) * STEP_SECONDS - now;
    if (step > afterStep && left > marginSeconds) {
      return { code: totp(secret, now), step };
    }
    await sleep(Math.ceil(left * 1000) + 100);
  }
}

/** Saves a full-page screenshot to e2e/artifacts/NAME.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
