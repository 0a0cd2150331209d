import type { TranslatedProject } from '../build/hubspot-tooling';
import { SRC_DIR } from '../config/paths';
import { cardsFor, catalogFrom } from './card-catalog';
import { objectTypeFromName, recordTitle } from './shared/object-types';

const node = (componentType: string, uid: string, config: unknown) => ({ componentType, uid, metaFilePath: `app/${uid}-hsmeta.json`, config, componentDeps: {} });

const PROJECT: TranslatedProject = {
  skippedHsMetaFiles: [],
  nodes: [
    node('APPLICATION', 'app', { name: 'Lead Ops', permittedUrls: { fetch: ['https://api.example.com/'] } }),
    node('CARD', 'b_tab', { name: 'Tab', location: 'crm.record.tab', entrypoint: '/app/cards/Tab.tsx', objectTypes: ['companies', '0-1'] }),
    node('CARD', 'a_side', { name: 'Side', location: 'crm.record.sidebar', entrypoint: '/app/cards/Side.tsx', objectTypes: ['CONTACT', 'deals', 'products'] }),
    node('CARD', 'c_preview', { name: 'Preview', location: 'crm.preview', entrypoint: '/app/cards/P.tsx', objectTypes: ['contacts'] }),
    node('APP_FUNCTION', 'score_lead', { entrypoint: '/app/functions/score-lead.js', secretKeys: ['X'] }),
  ],
};

describe('the card catalog (from HubSpot’s translated project)', () => {
  const catalog = catalogFrom(PROJECT, { LEVEL: 3 }, 'dev');

  it('lists cards by uid with their location, object types (by name) and absolute entry', () => {
    expect(catalog.appName).toBe('Lead Ops');
    expect(catalog.permittedFetchUrls).toEqual(['https://api.example.com/']);
    expect(catalog.cards.map((c) => [c.uid, c.location, c.objectTypes])).toEqual([
      ['a_side', 'crm.record.sidebar', ['contacts', 'deals']],
      ['b_tab', 'crm.record.tab', ['companies', 'contacts']],
      ['c_preview', 'crm.preview', ['contacts']],
    ]);
    expect(catalog.cards[0]?.entrypoint).toBe(`${SRC_DIR}/app/cards/Side.tsx`);
    expect(catalog.functions).toEqual([{ uid: 'score_lead', file: `${SRC_DIR}/app/functions/score-lead.js`, secretKeys: ['X'] }]);
    expect(catalog.variables).toEqual({ LEVEL: 3 });
  });

  it('picks the cards configured for an object type', () => {
    expect(cardsFor(catalog, 'companies').map((c) => c.uid)).toEqual(['b_tab']);
    expect(cardsFor(catalog, 'deals').map((c) => c.uid)).toEqual(['a_side']);
    expect(cardsFor(catalog, 'tickets')).toEqual([]);
  });

  it('names the card whose config cannot be read', () => {
    expect(() => catalogFrom({ skippedHsMetaFiles: [], nodes: [node('CARD', 'broken', { location: 'crm.record.tab' })] })).toThrow(/card broken \(app\/broken-hsmeta.json\)/);
  });
});

test.each`
  value         | name
  ${'contacts'} | ${'contacts'}
  ${'0-1'}      | ${'contacts'}
  ${'Contact'}  | ${'contacts'}
  ${'0-2'}      | ${'companies'}
  ${'company'}  | ${'companies'}
  ${'deals'}    | ${'deals'}
  ${'0-3'}      | ${'deals'}
  ${'0-5'}      | ${'tickets'}
  ${'products'} | ${undefined}
`('object type $value', ({ value, name }: { value: string; name: string | undefined }) => {
  expect(objectTypeFromName(value)?.name).toBe(name);
});

test.each`
  type           | properties                                          | title
  ${'contacts'}  | ${{ firstname: 'Ada', lastname: 'Lovelace' }}       | ${'Ada Lovelace'}
  ${'contacts'}  | ${{ firstname: ' ', lastname: null, email: 'a@x' }} | ${'a@x'}
  ${'contacts'}  | ${{}}                                               | ${'Contact 9'}
  ${'companies'} | ${{ name: '', domain: 'x.example' }}                | ${'x.example'}
  ${'companies'} | ${{ name: 'Globex' }}                               | ${'Globex'}
  ${'deals'}     | ${{ dealname: 'Globex – Renewal' }}                 | ${'Globex – Renewal'}
  ${'tickets'}   | ${{}}                                               | ${'Ticket 9'}
`('record title $title', ({ type, properties, title }: { type: 'contacts' | 'companies' | 'deals' | 'tickets'; properties: Record<string, string | null>; title: string }) => {
  expect(recordTitle(type, properties, '9')).toBe(title);
});
