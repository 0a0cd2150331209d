/**
 * The secrets each app function declares in its hsmeta (`secretKeys`, HubSpot's 2026.03 name for them) are the ones
 * its code reads: HubSpot hands a function only the secrets it declares.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SRC_DIR } from '../config/paths';
import { TEST_CONFIG } from '../testing/portal';
import { requiredSecretNames } from '../workflows/destinations';

const hsmeta = (name: string) => JSON.parse(fs.readFileSync(path.join(SRC_DIR, 'app', 'functions', `${name}-hsmeta.json`), 'utf8')) as { config: { secretKeys?: string[] } };

describe('function secrets', () => {
  it('request_sync declares every secret the configured connectors need', () => {
    expect(hsmeta('request-sync').config.secretKeys).toEqual(requiredSecretNames(TEST_CONFIG.sync.destinations));
  });

  it.each(['score-lead', 'assign-owner', 'record-status'])('%s declares no destination secret (it sends nothing outside HubSpot)', (name) => {
    expect(hsmeta(name).config.secretKeys ?? []).toEqual([]);
  });
});
