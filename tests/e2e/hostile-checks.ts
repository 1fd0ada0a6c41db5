import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Checks for the hostile-content suite, run inside the page: did anything
 * from the XSS corpus execute, become markup, or get altered on its way to
 * the screen? The Node test's type library has no DOM, so the few DOM
 * shapes used in the page are declared here.
 */

interface PageNode {
  nodeValue: string | null;
}
interface PageElement {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  textContent: string | null;
  value?: string;
  shadowRoot?: unknown;
}
interface PageDocument {
  body: PageElement;
  documentElement: PageElement;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageNode | null };
  addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string; sample?: string }) => void): void;
  defaultView: unknown;
}
interface PageWindow {
  document: PageDocument;
  location: { origin: string };
  __xss?: unknown;
  __ckCsp?: string[];
  __ckCspListening?: boolean;
  getComputedStyle(element: PageElement): { display: string; visibility: string };
}

export interface Findings {
  /** Whatever a payload wrote to window.__xss (undefined when nothing ran). */
  xss: unknown;
  /** securitypolicyviolation events seen by the page. */
  csp: string[];
  /** Elements or attributes that can only have come from a payload becoming markup. */
  injected: string[];
  /** The `</style><style>body{display:none}` payload took effect. */
  bodyHidden: boolean;
  /** The `__proto__` payload polluted Object.prototype. */
  polluted: boolean;
}

/**
 * Counts CSP violations inside the page too (the fixture already fails on
 * the console messages; this also catches ones Chromium reports only as events).
 */
export async function watchPage(page: Page, dialogs: string[]): Promise<void> {
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  const listen = () => {
    const w = globalThis as unknown as PageWindow;
    if (w.__ckCspListening) return;
    w.__ckCspListening = true;
    w.__ckCsp = [];
    w.document.addEventListener('securitypolicyviolation', (event) => {
      w.__ckCsp!.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample ?? ''}`);
    });
  };
  await page.addInitScript(listen);
  await page.evaluate(listen);
}

export async function findings(page: Page): Promise<Findings> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    const doc = w.document;
    const injected: string[] = [];
    const all = Array.from(doc.querySelectorAll('*'));
    for (const element of all) {
      const tag = element.tagName.toLowerCase();
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) injected.push(`<${tag} ${name}>`);
        if (['href', 'src', 'srcdoc', 'data', 'action', 'formaction', 'xlink:href'].includes(name)) {
          const value = attribute.value.trim().toLowerCase();
          if (value.startsWith('javascript:') || value.includes('evil.invalid') || name === 'srcdoc') injected.push(`<${tag} ${name}=${attribute.value}>`);
        }
        if (name === 'style' && /expression\(|url\(\s*javascript/i.test(attribute.value)) injected.push(`<${tag} style>`);
      }
      if (['iframe', 'object', 'embed', 'base', 'details', 'frame', 'frameset', 'applet'].includes(tag)) injected.push(`<${tag}>`);
      // The bundle's own CSP <meta> is the only http-equiv the app has.
      const httpEquiv = (element.getAttribute('http-equiv') ?? '').toLowerCase();
      if (tag === 'meta' && httpEquiv !== '' && httpEquiv !== 'content-security-policy') injected.push(`<meta http-equiv=${httpEquiv}>`);
      if (tag === 'link' && !(element.getAttribute('href') ?? '').startsWith('./assets/')) injected.push(`<link href="${element.getAttribute('href')}">`);
      if (tag === 'script' && !(element.getAttribute('src') ?? '').startsWith('./')) {
        // The app's own scripts are the bundle and the test host's bridge, both by relative URL.
        const src = element.getAttribute('src') ?? '';
        if (!src.startsWith('/') && !src.startsWith(w.location.origin)) injected.push(`<script src="${src}">`);
      }
      if (tag === 'style' && /display\s*:\s*none|evil\.invalid|@import/i.test(element.textContent ?? '')) injected.push('<style> from a payload');
      if (tag === 'img') {
        const src = element.getAttribute('src') ?? '';
        if (!(src.startsWith('blob:') || src.startsWith('data:') || src.startsWith('./') || src.startsWith('/'))) injected.push(`<img src="${src}">`);
      }
      if (tag === 'a' && element.getAttribute('href') !== null) injected.push(`<a href="${element.getAttribute('href')}">`);
    }
    const style = w.getComputedStyle(doc.body);
    return {
      xss: w.__xss,
      csp: w.__ckCsp ?? [],
      injected,
      bodyHidden: style.display === 'none' || style.visibility === 'hidden',
      polluted: ({} as Record<string, unknown>).polluted !== undefined,
    };
  });
}

/** Nothing ran, nothing became markup, no dialog opened, the page is still visible. */
export async function expectNothingRan(page: Page, dialogs: string[], where: string): Promise<void> {
  const found = await findings(page);
  expect(found.xss, `${where}: a payload ran and set window.__xss`).toBeUndefined();
  expect(dialogs, `${where}: a payload opened a dialog`).toEqual([]);
  expect(found.csp, `${where}: Content Security Policy violations`).toEqual([]);
  expect(found.injected, `${where}: payload text became markup`).toEqual([]);
  expect(found.bodyHidden, `${where}: a CSS payload hid the page`).toBe(false);
  expect(found.polluted, `${where}: Object.prototype was polluted`).toBe(false);
}

/**
 * The texts not shown in the page: a text is shown when a text node or a
 * form control's value contains it (`mode: 'contains'`) or equals it
 * (`mode: 'exact'`). Bidi and zero-width characters count: a text that lost
 * one is "not shown".
 */
export async function missingTexts(page: Page, texts: readonly string[], mode: 'contains' | 'exact' = 'contains'): Promise<string[]> {
  return page.evaluate(
    ({ texts, mode }) => {
      const w = globalThis as unknown as PageWindow;
      const doc = w.document;
      const shown: string[] = [];
      const SHOW_TEXT = 4;
      const walker = doc.createTreeWalker(doc.body, SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) shown.push(node.nodeValue ?? '');
      for (const control of Array.from(doc.querySelectorAll('input, textarea'))) shown.push(control.value ?? '');
      return texts.filter((text) => !shown.some((value) => (mode === 'exact' ? value === text : value.includes(text))));
    },
    { texts: [...texts], mode },
  );
}

/** Waits until every text is on screen (as typed), for up to the expect timeout. */
export async function expectShown(page: Page, texts: readonly string[], where: string, mode: 'contains' | 'exact' = 'contains'): Promise<void> {
  const unique = [...new Set(texts)].filter((text) => text !== '');
  await expect.poll(() => missingTexts(page, unique, mode), { message: `${where}: texts not shown exactly as typed (${mode})`, timeout: 15_000 }).toEqual([]);
}

/** Text content of an element, exactly (no whitespace normalisation). */
export async function exactTextOf(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const w = globalThis as unknown as PageWindow;
    return Array.from(w.document.querySelectorAll(sel)).map((element) => element.textContent ?? '');
  }, selector);
}

/** Shortens a payload for test messages and screenshot names. */
export function short(text: string, length = 40): string {
  return JSON.stringify(text.length > length ? `${text.slice(0, length)}…` : text);
}

/**
 * For virtualised lists: scrolls `scroller` from top to bottom, a screen at
 * a time, until every text has been on screen (as `missingTexts` sees it).
 */
export async function expectShownWhileScrolling(page: Page, scroller: Locator, texts: readonly string[], where: string, mode: 'contains' | 'exact' = 'contains'): Promise<void> {
  let remaining = [...new Set(texts)];
  await scroller.evaluate((element) => {
    (element as unknown as { scrollTop: number }).scrollTop = 0;
  });
  for (let step = 0; step < 200 && remaining.length > 0; step += 1) {
    await page.waitForTimeout(150);
    const missing = await missingTexts(page, remaining, mode);
    remaining = remaining.filter((text) => missing.includes(text));
    const atEnd = await scroller.evaluate((element) => {
      const box = element as unknown as { scrollTop: number; scrollHeight: number; clientHeight: number };
      const end = box.scrollTop + box.clientHeight >= box.scrollHeight - 1;
      box.scrollTop += Math.max(50, Math.floor(box.clientHeight * 0.7));
      return end;
    });
    if (atEnd) {
      await page.waitForTimeout(150);
      const last = await missingTexts(page, remaining, mode);
      remaining = remaining.filter((text) => last.includes(text));
      break;
    }
  }
  expect(remaining, `${where}: texts never shown exactly as typed (${mode}) while scrolling the list`).toEqual([]);
}

/**
 * Control: plants a script link the way an unescaped payload would (never
 * followed, so no CSP report) and checks `findings` reports it, so that a
 * clean result later means something.
 */
export async function expectDetectorWorks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { createElement(tag: string): { id: string; setAttribute(n: string, v: string): void }; body: { append(e: unknown): void } } }).document;
    const planted = doc.createElement('a');
    planted.id = 'ck-detector-control';
    planted.setAttribute('href', "javascript:window.__xss='control'");
    doc.body.append(planted);
  });
  expect((await findings(page)).injected).toContain(`<a href=javascript:window.__xss='control'>`);
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { getElementById(id: string): { remove(): void } | null } }).document;
    doc.getElementById('ck-detector-control')?.remove();
  });
  expect((await findings(page)).injected).toEqual([]);
}
