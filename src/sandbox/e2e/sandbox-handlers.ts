/**
 * Child-side handlers for the browser tests: the sandbox started exactly as `npm start` starts it (on free ports),
 * plus direct, HTTP-free reads of its emulator's store and request log for the assertions.
 */
import path from 'node:path';
import { CARDS_DIR } from '../../config/paths';
import type { RequestLogEntry, StoredRecord } from '../../emulator';
import type { CatalogCard } from '../card-catalog';
import { startSandbox, type RunningSandbox } from '../sandbox';

/** A test-only card that exercises every worker global (fixtures/ProbeCard.tsx). */
export const PROBE_CARD: CatalogCard = {
  uid: 'sandbox_probe_card',
  name: 'Sandbox probe',
  description: 'Exercises the worker globals in tests.',
  location: 'crm.record.sidebar',
  objectTypes: ['contacts'],
  entrypoint: path.join(__dirname, 'fixtures', 'ProbeCard.tsx'),
  // Built as if it lived in src/app/cards: with that folder's packages and nothing else.
  packageDir: CARDS_DIR,
};

let sandbox: RunningSandbox | null = null;
/** What the sandbox printed (its terminal), for tests that check what it reports. */
const printed: string[] = [];

function running(): RunningSandbox {
  if (!sandbox) throw new Error('start the sandbox first');
  return sandbox;
}

export interface RecordSnapshot {
  readonly id: string;
  readonly properties: Record<string, string>;
}

const snapshot = (r: StoredRecord): RecordSnapshot => ({ id: r.id, properties: { ...r.properties } });

export interface LogEntry {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export const handlers = {
  /** Starts the sandbox with extra cards (HubSpot's example cards), keeping what it prints. */
  startWithCards: async (cards: CatalogCard[]) => {
    sandbox = await startSandbox({ port: 0, log: (line) => void printed.push(line), extraCards: cards });
    return { url: sandbox.url, emulatorUrl: sandbox.emulator.url, info: sandbox.info, timings: sandbox.timings };
  },
  printed: () => [...printed],
  /** Open deals (not closed won or lost) worth more than `minAmount`, the first `n`. */
  openDeals: (minAmount: number, n: number): RecordSnapshot[] =>
    running()
      .emulator.store.list('deals')
      .filter((d) => !d.archived && !String(d.properties.dealstage ?? '').startsWith('closed') && Number(d.properties.amount ?? 0) > minAmount)
      .slice(0, n)
      .map(snapshot),
  /** Associates two records with the default association, over HTTP, as a user would in HubSpot. */
  associate: async (from: string, fromId: string, to: string, toId: string) => {
    const emulator = running().emulator;
    const res = await fetch(`${emulator.url}/crm/objects/2026-09/${from}/${fromId}/associations/default/${to}/${toId}`, { method: 'PUT', headers: { authorization: `Bearer ${emulator.token}` } });
    if (!res.ok) throw new Error(`associating answered ${res.status}: ${await res.text()}`);
  },
  start: async (withProbe = false) => {
    sandbox = await startSandbox({ port: 0, log: () => undefined, ...(withProbe ? { extraCards: [PROBE_CARD] } : {}) });
    return { url: sandbox.url, emulatorUrl: sandbox.emulator.url, info: sandbox.info, timings: sandbox.timings };
  },
  record: (objectType: string, id: string): RecordSnapshot | null => {
    const r = running().emulator.store.get(objectType, id);
    return r ? snapshot(r) : null;
  },
  /**
   * The first live record of a type whose properties satisfy every `key: value` ('*' = any non-empty value, '' = empty
   * or absent, as HubSpot stores no empty values).
   */
  findRecord: (objectType: string, want: Record<string, string>): RecordSnapshot | null => {
    const r = running()
      .emulator.store.list(objectType)
      .find((rec) => !rec.archived && Object.entries(want).every(([k, v]) => (v === '*' ? (rec.properties[k] ?? '') !== '' : (rec.properties[k] ?? '') === v)));
    return r ? snapshot(r) : null;
  },
  /**
   * A live record with a destination in the `failed` sync state (`lead_ops_sync_<destination>_status`) and no resync
   * requested for it yet; answers the record and the destination id.
   */
  findFailedSync: (objectType: string): { record: RecordSnapshot; destination: string } | null => {
    for (const rec of running().emulator.store.list(objectType)) {
      if (rec.archived) continue;
      for (const [key, value] of Object.entries(rec.properties)) {
        const m = /^lead_ops_sync_(.+)_status$/.exec(key);
        if (!m || value !== 'failed') continue;
        const destination = m[1] as string;
        if (!(rec.properties[`lead_ops_sync_${destination}_requested_at`] ?? '')) return { record: snapshot(rec), destination };
      }
    }
    return null;
  },
  owners: () => running().emulator.store.owners().map((o) => ({ id: o.id, name: `${o.firstName} ${o.lastName}`.trim(), archived: o.archived })),
  /** Waits until no request is queued or running in the sandbox, then answers the emulator's last sequence number. */
  idle: async () => {
    for (let quiet = 0; quiet < 3; ) {
      await new Promise((r) => setTimeout(r, 100));
      quiet = running().pendingRequests() === 0 ? quiet + 1 : 0;
    }
    const log = running().emulator.requestLog();
    return log.length === 0 ? 0 : (log[log.length - 1] as RequestLogEntry).seq;
  },
  lastSeq: () => {
    const log = running().emulator.requestLog();
    return log.length === 0 ? 0 : (log[log.length - 1] as RequestLogEntry).seq;
  },
  requestLog: (afterSeq: number): LogEntry[] =>
    running()
      .emulator.requestLog()
      .filter((e) => e.seq > afterSeq)
      .map((e) => ({ seq: e.seq, method: e.method, path: e.path, status: e.status })),
  /** Changes a record over HTTP, as a user or another app would in HubSpot. */
  patch: async (objectType: string, id: string, properties: Record<string, string>) => {
    const emulator = running().emulator;
    const res = await fetch(`${emulator.url}/crm/v3/objects/${objectType}/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ properties }),
    });
    if (!res.ok) throw new Error(`PATCH answered ${res.status}: ${await res.text()}`);
  },
  /** Companies associated with a contact, by name (from the store). */
  companyNames: (contactId: string): string[] => {
    const store = running().emulator.store;
    return store.associations('contacts', contactId, 'companies').map((a) => store.get('companies', a.toId)?.properties.name ?? '');
  },
  close: async () => {
    await sandbox?.close();
    sandbox = null;
  },
};
