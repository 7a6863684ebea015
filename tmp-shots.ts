import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
const token = readFileSync('/tmp/sec.token', 'utf8').trim();
const ctoken = readFileSync('/tmp/com.token', 'utf8').trim();
const [, , ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const p of paths) {
  const [role, path] = p.includes('::') ? p.split('::') : ['sec', p];
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.addCookies([{ name: 'wego-session', value: role === 'com' ? ctoken : token, url: 'http://127.0.0.1:4811' }]);
  const page = await context.newPage();
  const res = await page.goto(`http://127.0.0.1:4811${path}`);
  const name = path.replace(/[^a-z0-9]+/gi, '_').slice(0, 80);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log(res?.status(), name);
  await context.close();
}
await browser.close();
