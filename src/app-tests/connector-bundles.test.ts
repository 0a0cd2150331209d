/**
 * The connectors fit an app function: bundled the way the build bundles functions, each requires nothing but Node's
 * built-ins (HubSpot installs no other package for a function), and adds little to the zod a function already carries.
 */
import path from 'node:path';
import { bundleFunction } from '../build/generate';
import { requiredModules } from '../testing/bundle-requires';

const ZOD_ALONE_BYTES = 135_000;

test.each(['mailchimp', 'google-sheets', 'zendesk'])('%s bundles with Node built-ins only, under 60 KB on top of zod', async (name) => {
  const bundle = await bundleFunction(path.join(__dirname, '..', 'connectors', name, 'index.ts'));
  expect(requiredModules(bundle.contents)).toEqual(['node:crypto']);
  expect(bundle.contents.length - ZOD_ALONE_BYTES).toBeLessThan(60_000);
});
