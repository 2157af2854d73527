// What the browser checks share: the headless Chromium they launch (Debian's, never a
// downloaded one) and the checkers they run on pages (W3C Nu HTML checker, axe-core).

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const VNU_JAR = String(require('vnu-jar')); // the package exports the jar's path
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// No network of its own: no updates, sync, first-run pages or QUIC probes.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
