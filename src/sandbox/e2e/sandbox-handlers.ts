/**
 * Child-side handlers for the browser tests: the sandbox started exactly as `npm start` starts it (on free ports),
 * plus direct, HTTP-free reads of its emulator's store and request log for the assertions.
 */
import type { RequestLogEntry, StoredRecord } from '../../emulator';
import { startSandbox, type RunningSandbox } from '../sandbox';

let sandbox: RunningSandbox | null = null;

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
  start: async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
    return { url: sandbox.url, emulatorUrl: sandbox.emulator.url, info: sandbox.info, timings: sandbox.timings };
  },
  record: (objectType: string, id: string): RecordSnapshot | null => {
    const r = running().emulator.store.get(objectType, id);
    return r ? snapshot(r) : null;
  },
  /** The first live record of a type whose properties satisfy every `key: value` ('*' = any non-empty value). */
  findRecord: (objectType: string, want: Record<string, string>): RecordSnapshot | null => {
    const r = running()
      .emulator.store.list(objectType)
      .find((rec) => !rec.archived && Object.entries(want).every(([k, v]) => (v === '*' ? (rec.properties[k] ?? '') !== '' : rec.properties[k] === v)));
    return r ? snapshot(r) : null;
  },
  owners: () => running().emulator.store.owners().map((o) => ({ id: o.id, name: `${o.firstName} ${o.lastName}`.trim(), archived: o.archived })),
  lastSeq: () => {
    const log = running().emulator.requestLog();
    return log.length === 0 ? 0 : (log[log.length - 1] as RequestLogEntry).seq;
  },
  requestLog: (afterSeq: number): LogEntry[] =>
    running()
      .emulator.requestLog()
      .filter((e) => e.seq > afterSeq)
      .map((e) => ({ seq: e.seq, method: e.method, path: e.path, status: e.status })),
  close: async () => {
    await sandbox?.close();
    sandbox = null;
  },
};
