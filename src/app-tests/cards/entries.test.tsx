/**
 * The entry files: each calls `hubspot.extend` once, and its render callback builds the card for the record in
 * HubSpot's context (contacts are 0-1, companies 0-2). Loaded as HubSpot's worker loads them: with
 * `__HUBSPOT_EXTENSION_WORKER__` and `extend_V2` on `self` before the module is evaluated.
 */
import type { ReactElement } from 'react';

type RenderCallback = (api: { context: { crm: { objectId: number; objectTypeId: string } } }) => ReactElement<{ objectId: string; objectType?: string }>;
const g = globalThis as unknown as { self?: unknown; __HUBSPOT_EXTENSION_WORKER__?: boolean; extend_V2?: (cb: RenderCallback) => void };

function loadEntry(path: string): RenderCallback[] {
  const registered: RenderCallback[] = [];
  g.self = globalThis;
  g.__HUBSPOT_EXTENSION_WORKER__ = true;
  g.extend_V2 = (cb) => registered.push(cb);
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module must be evaluated after the globals exist
      require(path);
    });
  } finally {
    delete g.__HUBSPOT_EXTENSION_WORKER__;
    delete g.extend_V2;
  }
  return registered;
}

describe.each([
  ['../../app/cards/LeadScoreCard', 'LeadScoreCard', false],
  ['../../app/cards/OwnerRoutingCard', 'OwnerRoutingCard', true],
  ['../../app/cards/SupportSyncCard', 'SupportSyncCard', true],
])('%s', (path, component, hasObjectType) => {
  it('registers exactly one extension', () => {
    expect(loadEntry(path)).toHaveLength(1);
  });

  it.each([
    ['0-1', 'contacts'],
    ['0-2', 'companies'],
  ])('renders the card for the record in context (%s → %s)', (objectTypeId, objectType) => {
    const [callback] = loadEntry(path);
    const element = callback!({ context: { crm: { objectId: 4242, objectTypeId } } });
    expect((element.type as { name?: string }).name).toBe(component);
    expect(element.props.objectId).toBe('4242');
    if (hasObjectType) expect(element.props.objectType).toBe(objectType);
  });
});
