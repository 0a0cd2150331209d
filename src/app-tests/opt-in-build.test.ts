/**
 * The opt-in build, proved with HubSpot's own tools: what HubSpot's app-function executor hands a function (and so
 * what an endpoint function can rely on locally), the default build and upload free of the opt-in components, the
 * staged opt-in project accepted by HubSpot's parser, and drift between the configuration and the subscriptions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfigFile } from '../config/config-file';
import { WORK_DIR } from '../config/paths';
import type { TranslatedProject } from '../build/hubspot-tooling';
import { forkTsChild, type TsChild } from '../sandbox/testing/child-host';
import { startEmulator } from '../emulator';
import { createCrmPort } from '../hubspot';
import { runSetup } from '../workflows/setup';
import { foreignModules, requiredModules } from '../testing/bundle-requires';
import { TEST_CONFIG } from '../testing/portal';
import { checkDefaultBuild, checkDrift, checkRealtimeComponents } from '../build/realtime/check';
import { realtimeGeneratedFiles } from '../build/realtime/component-files';
import { CLIENT_SECRET_KEY, ENDPOINT_FUNCTION_NAME, ENDPOINT_FUNCTION_UID, subscribedProperties } from '../realtime/components';
import { v3Headers } from '../realtime/signature';
import type { StagedProject } from '../build/realtime/stage';
import { compileModel } from '../core/scoring';

const tmp = (name: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
// Staged projects live under the project (like `lead-ops check`'s), so their bundles resolve @hubspot/api-client.
const staging: string[] = [];
const stageDir = (name: string): string => {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const d = fs.mkdtempSync(path.join(WORK_DIR, `test-${name}-`));
  staging.push(d);
  return d;
};
afterAll(() => {
  for (const d of staging) fs.rmSync(d, { recursive: true, force: true });
});

// HubSpot's tools are ESM-only: they run in a child Node process, exactly as `lead-ops check` runs them.
let child: TsChild;
beforeAll(async () => {
  child = await forkTsChild(path.join(__dirname, '..', 'build', 'realtime', 'tooling-handlers.ts'));
}, 60_000);
afterAll(() => child?.close());
const translateProject = (srcDir?: string) => child.call<TranslatedProject>('translate', srcDir);
const uploadFileList = (root?: string) => child.call<string[]>('uploadList', root);
const stageRealtimeProject = (o: { outDir: string; endpointUrl?: string }) => child.call<StagedProject>('stage', o);
const executor =
  (functions: { uid: string; file: string; secretKeys: string[] }[], o: { apiOrigin: string; envDir: string }) =>
  (uid: string, inputs: { parameters?: unknown }) =>
    child.call<unknown>('run', { functions, ...o, uid, inputs });

describe("HubSpot's executor and endpoint functions", () => {
  it('hands a function exactly { propertiesToSend, parameters, event, secrets }: no method, headers, raw body or URL', async () => {
    const dir = tmp('probe');
    const file = path.join(dir, 'probe.js');
    fs.writeFileSync(
      file,
      `exports.main = async (context, second) => ({ keys: Object.keys(context).sort(), secretKeys: Object.keys(context.secrets || {}).sort(), second: typeof second, parameters: context.parameters, event: context.event === undefined ? null : context.event });\n`,
    );
    fs.writeFileSync(path.join(dir, '.env'), 'LEAD_OPS_CLIENT_SECRET=probe-secret\n');
    const run = executor([{ uid: 'probe', file, secretKeys: [CLIENT_SECRET_KEY] }], { apiOrigin: 'http://127.0.0.1:9', envDir: dir });
    const answer = (await run('probe', { parameters: { method: 'POST', body: '[]' } })) as Record<string, unknown>;
    expect(answer).toEqual({ keys: ['event', 'parameters', 'propertiesToSend', 'secrets'], secretKeys: [], second: 'undefined', parameters: { method: 'POST', body: '[]' }, event: null });
    // Secrets named in secretKeys reach the function as environment variables, not in context.secrets.
    fs.writeFileSync(file, `exports.main = async () => ({ secret: process.env.LEAD_OPS_CLIENT_SECRET ?? null });\n`);
    expect(await run('probe', { parameters: {} })).toEqual({ secret: 'probe-secret' });
  });

  it('runs the staged lead_ops_events bundle: a signed delivery is applied, an unsigned one refused with 401', async () => {
    const emu = await startEmulator({ seed: 'demo', seedSize: { contacts: 10, companies: 5 } });
    try {
      expect((await runSetup(createCrmPort({ token: emu.token, baseUrl: emu.url, pacing: 'bulk' }), TEST_CONFIG)).failed).toBe(0);
      const url = 'https://hooks.lead-ops.test/lead-ops/events';
      const staged = await stageRealtimeProject({ outDir: stageDir('stage'), endpointUrl: url });
      const envDir = tmp('env');
      fs.writeFileSync(path.join(envDir, '.env'), `PRIVATE_APP_ACCESS_TOKEN=${emu.token}\nHUBSPOT_API_BASE_URL=${emu.url}\n${CLIENT_SECRET_KEY}=staged-secret\n`);
      const run = executor([{ uid: ENDPOINT_FUNCTION_UID, file: path.join(staged.srcDir, 'app/functions', `${ENDPOINT_FUNCTION_NAME}.js`), secretKeys: [CLIENT_SECRET_KEY] }], {
        apiOrigin: emu.url,
        envDir,
      });
      const contact = emu.store.portal.create('0-1', emu.store.portal.prepare('0-1', { email: 'exec@acme.test', numemployees: '100-500' }, undefined));
      const body = JSON.stringify([{ eventId: 1, subscriptionType: 'object.creation', objectId: Number(contact.id), objectTypeId: '0-1', occurredAt: Date.now(), attemptNumber: 0 }]);
      const unsigned = (await run(ENDPOINT_FUNCTION_UID, { parameters: { method: 'POST', url, headers: {}, body } })) as { statusCode: number };
      expect(unsigned.statusCode).toBe(401);
      // The URL HubSpot signs is the one baked in at build: a request claiming another URL still verifies against it.
      const headers = v3Headers({ secret: 'staged-secret', method: 'POST', uri: url, body, now: Date.now() });
      const signed = (await run(ENDPOINT_FUNCTION_UID, { parameters: { method: 'POST', url: 'https://spoofed.test/x', headers, body } })) as { statusCode: number; body: { assigned: number } };
      expect(signed).toMatchObject({ statusCode: 200, body: { assigned: 1 } });
      expect(emu.store.get('contacts', contact.id)?.properties.hubspot_owner_id).toBeTruthy();
      // The bundle requires only Node built-ins and the SDK, like every function bundle.
      const code = fs.readFileSync(path.join(staged.srcDir, 'app/functions', `${ENDPOINT_FUNCTION_NAME}.js`), 'utf8');
      expect(requiredModules(code).length).toBeGreaterThan(0);
      expect(foreignModules(code)).toEqual([]);
      expect(code).toContain(JSON.stringify(url));
    } finally {
      await emu.close();
    }
  });
});

describe('default build versus opt-in build', () => {
  it("the default project and upload hold no endpoint function, webhooks or workflow action (HubSpot's parser and ignore rules)", async () => {
    const project = await translateProject();
    const files = await uploadFileList();
    const r = checkDefaultBuild(project, files);
    expect(r.problems).toEqual([]);
    expect(project.nodes.map((n) => n.componentType)).not.toContain('WEBHOOKS');
    expect(project.nodes.map((n) => n.componentType)).not.toContain('WORKFLOW_ACTION');
    expect(project.nodes.filter((n) => n.componentType === 'APP_FUNCTION').map((n) => n.uid)).not.toContain(ENDPOINT_FUNCTION_UID);
    expect(files.filter((f) => /webhooks|workflow-actions|lead-ops-events/.test(f))).toEqual([]);
  });

  it("the staged opt-in project holds all three, HubSpot's parser accepts it, and the default-build check would catch them", async () => {
    const staged = await stageRealtimeProject({ outDir: stageDir('optin') });
    const project = await translateProject(staged.srcDir);
    expect(project.skippedHsMetaFiles).toEqual([]);
    expect(checkRealtimeComponents(project)).toEqual([]);
    const types = project.nodes.map((n) => n.componentType);
    expect(types).toEqual(expect.arrayContaining(['WEBHOOKS', 'WORKFLOW_ACTION']));
    const files = await uploadFileList(staged.root);
    expect(files).toEqual(expect.arrayContaining(['app/webhooks/lead-ops-webhooks-hsmeta.json', 'app/workflow-actions/score-and-route-hsmeta.json', 'app/functions/lead-ops-events.js', 'app/functions/lead-ops-events-hsmeta.json']));
    expect(checkDefaultBuild(project, files).problems.length).toBeGreaterThanOrEqual(6);
  });

  it('subscriptions are exactly the inputs of the model and the rules, never lead_ops_* outputs, and drift is caught', () => {
    const model = compileModel(TEST_CONFIG.scoring);
    const subs = subscribedProperties(TEST_CONFIG, model);
    expect(subs.contacts).toEqual(expect.arrayContaining([...model.properties.contact.filter((p) => p !== 'hs_lastmodifieddate'), 'numemployees', 'associatedcompanyid', 'hubspot_owner_id']));
    expect(subs.companies).toEqual(expect.arrayContaining(['numberofemployees', 'industry', 'country', 'hubspot_owner_id']));
    expect([...subs.contacts, ...subs.companies].filter((p) => p.startsWith('lead_ops_'))).toEqual([]);

    expect(checkDrift().problems).toEqual([]);
    const files = realtimeGeneratedFiles(readConfigFile());
    const hooks = files.find((f) => f.path.endsWith('lead-ops-webhooks.component.json'));
    if (!hooks) throw new Error('no webhooks component');
    // A subscription removed by hand, or a model that reads a new property, shows as drift.
    const edited = hooks.contents.replace(/\s*\{\s*"subscriptionType": "object.propertyChange",\s*"objectType": "contact",\s*"propertyName": "jobtitle",\s*"active": true\s*\},?/, '');
    expect(edited).not.toBe(hooks.contents);
    const drift = checkDrift((f) => (f === hooks.path ? edited : fs.readFileSync(f, 'utf8')));
    expect(drift.ok).toBe(false);
    expect(drift.problems[0]).toContain('has drifted');
    expect(checkDrift((f) => (f === hooks.path ? null : fs.readFileSync(f, 'utf8'))).problems[0]).toContain('missing');
  });
});
