// Renders client/media/icon.png (128x128) from an inline SVG in headless Chromium.
// Run: node out/test/e2e/render-icon.js   (the PNG is committed; this documents where it came from)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser } from './browser';
import { repoRoot } from './code-server';

// A page of text with highlighted spans (entities, a quote) and a check-mark seal.
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1f3b73"/>
      <stop offset="1" stop-color="#0f1f3d"/>
    </linearGradient>
    <linearGradient id="seal" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#34d399"/>
      <stop offset="1" stop-color="#059669"/>
    </linearGradient>
  </defs>
  <rect x="4" y="4" width="120" height="120" rx="24" fill="url(#bg)"/>
  <!-- page -->
  <path d="M26 20 h54 l18 18 v70 a6 6 0 0 1 -6 6 h-66 a6 6 0 0 1 -6 -6 v-82 a6 6 0 0 1 6 -6 z" fill="#f8fafc"/>
  <path d="M80 20 v12 a6 6 0 0 0 6 6 h12 z" fill="#cbd5e1"/>
  <!-- lines of text with marked-up spans -->
  <rect x="30" y="34" width="22" height="7" rx="3.5" fill="#60a5fa"/>
  <rect x="55" y="34" width="20" height="7" rx="3.5" fill="#94a3b8"/>
  <rect x="30" y="48" width="14" height="7" rx="3.5" fill="#94a3b8"/>
  <rect x="47" y="48" width="26" height="7" rx="3.5" fill="#f59e0b"/>
  <rect x="76" y="48" width="14" height="7" rx="3.5" fill="#94a3b8"/>
  <rect x="30" y="62" width="40" height="7" rx="3.5" fill="#c084fc"/>
  <rect x="73" y="62" width="17" height="7" rx="3.5" fill="#94a3b8"/>
  <rect x="30" y="76" width="18" height="7" rx="3.5" fill="#94a3b8"/>
  <rect x="51" y="76" width="16" height="7" rx="3.5" fill="#f87171"/>
  <rect x="30" y="90" width="26" height="7" rx="3.5" fill="#94a3b8"/>
  <!-- seal with check mark -->
  <circle cx="92" cy="92" r="22" fill="url(#seal)" stroke="#0f1f3d" stroke-width="4"/>
  <path d="M81 92 l8 8 l14 -16" fill="none" stroke="#ffffff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

async function main(): Promise<void> {
  const out = path.join(repoRoot(), 'client', 'media', 'icon.png');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const b = await launchBrowser({ width: 128, height: 128 });
  try {
    await b.page.setContent(`<html><body style="margin:0;background:transparent">${ICON_SVG}</body></html>`);
    await b.page.locator('svg').screenshot({ path: out, omitBackground: true });
  } finally {
    await b.close();
  }
  console.log(`wrote ${out}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
