/**
 * Test helper: renders a card element through the real remote-ui pipeline in one JS realm (no worker): the card side
 * renders `@hubspot/ui-extensions` components with `@remote-ui/react` into a `@remote-ui/core` remote root, and the
 * host side draws the receiver's tree with the sandbox's components, as the page does.
 */
import { createRemoteRoot, createRemoteReceiver, type RemoteReceiver } from '@remote-ui/core';
import { render as renderRemote } from '@remote-ui/react';
import { RemoteRenderer } from '@remote-ui/react/host';
import { act, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { CardHostProvider, DETACHED_HOST, type CardHost } from './host-context';
import { OverlayProvider } from './overlays';
import { createHostController } from './registry';

export interface RemoteRender extends RenderResult {
  readonly receiver: RemoteReceiver;
  /** Re-renders the card side with a new element (as a card's state change would). */
  rerenderCard(element: ReactElement): Promise<void>;
}

/** `host`: what the card frame would give HubSpot's components (CRM data, dialogs, reports); none by default. */
export async function renderCard(element: ReactElement, options: { host?: CardHost } = {}): Promise<RemoteRender> {
  const receiver = createRemoteReceiver();
  const root = createRemoteRoot(receiver.receive);
  await act(async () => {
    renderRemote(element, root);
    await root.mount();
  });
  const controller = createHostController();
  const result = render(
    <CardHostProvider host={options.host ?? DETACHED_HOST}>
      <OverlayProvider>
        <RemoteRenderer receiver={receiver} controller={controller} />
      </OverlayProvider>
    </CardHostProvider>,
  );
  return {
    ...result,
    receiver,
    rerenderCard: async (next) => {
      await act(async () => {
        renderRemote(next, root);
        await Promise.resolve();
      });
    },
  };
}
