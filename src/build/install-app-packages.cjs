#!/usr/bin/env node
// Installs the two packages HubSpot builds itself (src/app/cards, src/app/functions) from their own lock files.
// They are not npm workspaces on purpose: HubSpot runs `npm ci` on each folder with its lock file, and
// `hs project lint` needs the lint packages inside src/app/cards/node_modules (docs/decisions.md#13).
// Plain CommonJS so that it runs before any dependency exists.
'use strict';
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const folders = ['src/app/cards', 'src/app/functions'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

for (const rel of folders) {
  const dir = path.join(root, rel);
  const lock = path.join(dir, 'package-lock.json');
  if (!fs.existsSync(path.join(dir, 'package.json'))) continue;
  const digest = fs.existsSync(lock)
    ? createHash('sha256').update(fs.readFileSync(lock)).update(fs.readFileSync(path.join(dir, 'package.json'))).digest('hex')
    : 'no-lock';
  const stamp = path.join(dir, 'node_modules', '.lead-ops-install-stamp');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest && digest !== 'no-lock') {
    console.log(`lead-ops: ${rel} is up to date`);
    continue;
  }
  const args = fs.existsSync(lock) ? ['ci'] : ['install'];
  args.push('--no-audit', '--no-fund', '--loglevel=error');
  console.log(`lead-ops: npm ${args[0]} in ${rel}`);
  execFileSync(npm, args, { cwd: dir, stdio: 'inherit' });
  if (fs.existsSync(lock)) {
    const fresh = createHash('sha256').update(fs.readFileSync(lock)).update(fs.readFileSync(path.join(dir, 'package.json'))).digest('hex');
    // A package without dependencies gets no node_modules from npm: the stamp needs its folder all the same.
    fs.mkdirSync(path.dirname(stamp), { recursive: true });
    fs.writeFileSync(stamp, fresh);
  }
}
