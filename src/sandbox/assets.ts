/**
 * The page's own code, bundled with esbuild at start-up (a few hundred milliseconds): the React 18.3.1 page app and
 * the card worker's bootstrap. Both are kept in memory and served by the sandbox server.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export interface Asset {
  readonly body: string;
  readonly contentType: string;
  /** Short content hash (for cache busting and logs). */
  readonly hash: string;
}

export interface SandboxAssets {
  readonly page: Asset;
  readonly worker: Asset;
  readonly css: Asset;
  readonly ms: number;
}

const HERE = __dirname;
const hashOf = (text: string) => crypto.createHash('sha256').update(text).digest('hex').slice(0, 12);

async function bundle(entry: string, format: 'iife' | 'esm'): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format,
    target: 'es2020',
    write: false,
    minify: false,
    jsx: 'automatic',
    // Production React, as in a portal; the page is small enough to read unminified.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    legalComments: 'none',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`esbuild produced no output for ${entry}`);
  return out.text;
}

export async function buildAssets(): Promise<SandboxAssets> {
  const started = Date.now();
  const [page, worker] = await Promise.all([bundle(path.join(HERE, 'page', 'main.tsx'), 'iife'), bundle(path.join(HERE, 'worker', 'card-worker.ts'), 'iife')]);
  const css = fs.readFileSync(path.join(HERE, 'public', 'sandbox.css'), 'utf8');
  return {
    page: { body: page, contentType: 'text/javascript; charset=utf-8', hash: hashOf(page) },
    worker: { body: worker, contentType: 'text/javascript; charset=utf-8', hash: hashOf(worker) },
    css: { body: css, contentType: 'text/css; charset=utf-8', hash: hashOf(css) },
    ms: Date.now() - started,
  };
}

/** The HTML shell: everything else is the React app. */
export function pageHtml(assets: SandboxAssets, title: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · local sandbox</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/sandbox.css?v=${assets.css.hash}">
</head>
<body>
<div id="root"></div>
<script src="/assets/page.js?v=${assets.page.hash}"></script>
</body>
</html>
`;
}
