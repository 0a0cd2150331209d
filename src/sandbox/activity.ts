/**
 * Attributes emulator calls to what caused them. Every request the sandbox serves for the page or a card that
 * touches the emulator (a function call, a CRM hook, the record page's own reads) runs through one queue, one at a
 * time; the emulator log entries that appear while it runs are its cost. One at a time is also what the executor
 * needs (it swaps `process.env` per call), and a local sandbox loses nothing by it.
 */
import type { ActivityEntry, ApiCallView } from './shared/protocol';
import type { EmulatorLogEntry } from './emulator-link';
import { SerialQueue } from './serial-queue';

export interface ActivityMeta {
  readonly view: string;
  readonly source: string;
  readonly label: string;
  /** For function calls with `propertiesToSend`: the record HubSpot reads before calling the function. */
  readonly propertiesRead?: { readonly objectTypeId: string; readonly objectId: string };
  /**
   * Set when HubSpot's own page makes the calls for a card (a CRM data component such as CrmAssociationTable): they
   * are shown, and marked as not counted against the app's functions.
   */
  readonly platformRead?: string;
}

export interface TaskOutcome<T> {
  readonly value: T;
  readonly ok: boolean;
  readonly detail?: string;
}

type StoredEntry = ActivityEntry & { readonly view: string };

const MAX_ENTRIES = 5000;
const PROPERTIES_TO_SEND_NOTE = 'propertiesToSend: read by HubSpot, not counted against the function';
const platformNote = (component: string) => `${component}: read by HubSpot's page, not counted against the app's functions`;

/** Waits until pending I/O callbacks ran, so the emulator has logged the responses it just sent. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ActivityLog {
  private readonly queue = new SerialQueue();
  private readonly entries: StoredEntry[] = [];
  private nextId = 1;

  constructor(private readonly log: () => readonly EmulatorLogEntry[]) {}

  private lastSeq(): number {
    const all = this.log();
    return all.length === 0 ? 0 : (all[all.length - 1] as EmulatorLogEntry).seq;
  }

  private callsSince(seq: number, meta: ActivityMeta): ApiCallView[] {
    const all = this.log();
    const out: EmulatorLogEntry[] = [];
    for (let i = all.length - 1; i >= 0; i -= 1) {
      const e = all[i] as EmulatorLogEntry;
      if (e.seq <= seq) break;
      out.push(e);
    }
    out.reverse();
    let propertiesReadMarked = false;
    return out.map((e) => {
      // The executor reads propertiesToSend first, by object type id (`/crm/v3/objects/0-1/<id>`).
      const isPropertiesRead =
        !propertiesReadMarked &&
        meta.propertiesRead !== undefined &&
        e.method === 'GET' &&
        e.path === `/crm/v3/objects/${meta.propertiesRead.objectTypeId}/${meta.propertiesRead.objectId}`;
      if (isPropertiesRead) propertiesReadMarked = true;
      return {
        seq: e.seq,
        method: e.method,
        path: e.path,
        status: e.status,
        durationMs: Math.round(e.durationMs),
        operation: e.operation ?? null,
        note: isPropertiesRead ? PROPERTIES_TO_SEND_NOTE : meta.platformRead !== undefined ? platformNote(meta.platformRead) : null,
      };
    });
  }

  /** Runs `task` alone and records what it cost. The task's own rejection is recorded and re-thrown. */
  run<T>(meta: ActivityMeta, task: () => Promise<TaskOutcome<T>>): Promise<T> {
    return this.queue.run(async () => {
      await settle();
      const before = this.lastSeq();
      const startedAt = Date.now();
      let outcome: TaskOutcome<T> | null = null;
      let failure: unknown = null;
      try {
        outcome = await task();
      } catch (e) {
        failure = e;
      }
      await settle();
      this.record({
        id: this.nextId++,
        source: meta.source,
        view: meta.view,
        label: meta.label,
        ok: outcome?.ok ?? false,
        detail: outcome?.detail ?? (failure === null ? null : failure instanceof Error ? failure.message : String(failure)),
        startedAt,
        durationMs: Date.now() - startedAt,
        calls: this.callsSince(before, meta),
      });
      if (outcome === null) throw failure;
      return outcome.value;
    });
  }

  private record(entry: StoredEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** Requests queued or running (0 = nothing the sandbox serves is touching the emulator). */
  get pending(): number {
    return this.queue.size;
  }

  /** The entries of one page view, oldest first. */
  forView(view: string): ActivityEntry[] {
    return this.entries.filter((e) => e.view === view).map(({ view: _view, ...rest }) => rest);
  }
}
