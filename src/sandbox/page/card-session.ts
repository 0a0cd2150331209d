/**
 * One running card: a Web Worker with the sandbox's bootstrap (`/assets/card-worker.js`), an rpc endpoint to it, and
 * the remote-ui receiver its tree arrives in. The page hands the worker a `CardHostApi` whose members the card reaches
 * through the globals HubSpot's package reads (`self.serverless`, `hsWorkerAPI.fetchCrmProperties`, actions…).
 */
import { createRemoteReceiver, type RemoteReceiver } from '@remote-ui/core';
import { createEndpoint, fromWebWorker, type Endpoint } from '@remote-ui/rpc';
import { toWire } from '../shared/host-wire';
import type { CardContext, CardHostApi, CardWorkerApi, RemoteChannelLike } from '../shared/protocol';

export interface CardSession {
  readonly receiver: RemoteReceiver;
  /** Resolves when the card rendered and mounted its tree; rejects with the reason it could not. */
  readonly started: Promise<void>;
  /** Tells the card its record's properties changed (re-runs useCrmProperties and onCrmPropertiesUpdate). */
  propertiesChanged(): void;
  stop(): void;
}

export const WORKER_URL = '/assets/card-worker.js';

export function startCardSession(options: { cardUrl: string; context: CardContext; host: CardHostApi; onWorkerError: (message: string) => void }): CardSession {
  const worker = new Worker(WORKER_URL, { name: `card ${options.context.extension.cardTitle}` });
  const receiver = createRemoteReceiver();
  const endpoint: Endpoint<CardWorkerApi> = createEndpoint<CardWorkerApi>(fromWebWorker(worker));
  let stopped = false;
  worker.addEventListener('error', (e) => {
    if (!stopped) options.onWorkerError(e.message || 'The card worker failed.');
  });
  const cardUrl = new URL(options.cardUrl, window.location.href).href;
  const started = endpoint.call
    .start({ cardUrl, context: options.context, receive: receiver.receive as unknown as RemoteChannelLike, host: toWire(options.host) })
    .then(() => undefined);
  return {
    receiver,
    started,
    propertiesChanged: () => {
      if (!stopped) void endpoint.call.propertiesChanged().catch(() => undefined);
    },
    stop: () => {
      stopped = true;
      endpoint.terminate();
      worker.terminate();
    },
  };
}
