/**
 * Reading the emulator's request log the way the benchmark counts: reads and writes per operation, and the
 * sequential round trips on a call's critical path. Pure, so it is table-tested (`requests.test.ts`).
 */
import type { RequestLogEntry } from '../../src/emulator';

/** The parts of a log entry the counts use (tests build them by hand). */
export type LoggedRequest = Pick<RequestLogEntry, 'method' | 'path' | 'at' | 'durationMs' | 'status'> & { readonly operation?: string };

/**
 * True when the request reads: every GET, and the POSTs that only read (search, batch read of objects,
 * properties or associations). Everything else (PATCH, PUT, DELETE, creates, batch updates) writes.
 */
export function isRead(r: Pick<LoggedRequest, 'method' | 'path' | 'operation'>): boolean {
  if (r.method === 'GET') return true;
  if (r.method !== 'POST') return false;
  if (r.operation) return /\.(search|batchRead)$/.test(r.operation);
  return /\/search$|\/batch\/read$/.test(r.path);
}

/** `GET /crm/v3/objects/contacts/{id}`: the request with record ids templated, for the report. */
export function describeRequest(r: Pick<LoggedRequest, 'method' | 'path'>): string {
  return `${r.method} ${r.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
}

export interface CallCount {
  readonly calls: number;
  readonly reads: number;
  readonly writes: number;
  /** Each request, templated, in the order they arrived. */
  readonly requests: readonly string[];
}

export function countCalls(log: readonly LoggedRequest[]): CallCount {
  const reads = log.filter(isRead).length;
  return { calls: log.length, reads, writes: log.length - reads, requests: log.map(describeRequest) };
}

/**
 * Sequential round trips on the critical path: the longest chain of requests in which each one starts after the
 * previous one ended. Requests that overlap in time ran concurrently and count once. Each request spans
 * [`at`, `at + durationMs`] on the emulator clock (real time in the benchmark). The greedy choice by earliest end
 * gives the longest such chain (interval scheduling).
 */
export function roundTrips(log: readonly Pick<LoggedRequest, 'at' | 'durationMs'>[]): number {
  const spans = log.map((r) => ({ start: r.at, end: r.at + r.durationMs })).sort((a, b) => a.end - b.end);
  let count = 0;
  let lastEnd = -Infinity;
  for (const s of spans) {
    if (s.start >= lastEnd) {
      count++;
      lastEnd = s.end;
    }
  }
  return count;
}
