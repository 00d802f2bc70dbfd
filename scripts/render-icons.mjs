#!/usr/bin/env node
// Regenerates the PNG icons from their SVG sources (a development step; the PNGs are committed).
// Needs rsvg-convert: `sudo apt-get install librsvg2-bin`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
if (spawnSync('rsvg-convert', ['--version']).status !== 0) {
  console.error('render-icons: rsvg-convert not found; install it with `sudo apt-get install librsvg2-bin`');
  process.exit(1);
}
const render = (svg, png, size) => {
  const r = spawnSync(
    'rsvg-convert',
    ['-w', String(size), '-h', String(size), '-o', join(assets, png), join(assets, svg)],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
};
for (const s of [16, 24, 32, 48, 64, 128, 256, 512]) render('icon.svg', `icons/${s}x${s}.png`, s);
render('icon.svg', 'icon.png', 512);
for (const s of [16, 24, 32]) {
  render('tray/tray.svg', `tray/tray-${s}.png`, s);
  render('tray/tray-down.svg', `tray/tray-down-${s}.png`, s);
  render('tray/tray.svg', `tray/tray-${s}@2x.png`, s * 2);
  render('tray/tray-down.svg', `tray/tray-down-${s}@2x.png`, s * 2);
  render('tray/tray-attention.svg', `tray/tray-attention-${s}.png`, s);
  render('tray/tray-attention.svg', `tray/tray-attention-${s}@2x.png`, s * 2);
}
console.log('render-icons: done');
