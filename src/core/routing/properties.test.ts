import { PROPERTY_GROUP } from '../properties';
import { makeConfig } from './test-fixtures';
import { ROUTING_PROPERTIES, ROUTING_PROPERTY_NAMES } from './properties';
import { routingPropertiesToRead } from './properties-to-read';

// Valid type/fieldType pairs (reference/hubspot-api.md §7).
const VALID: Record<string, string[]> = { string: ['text', 'textarea'], datetime: ['date'], number: ['number'] };

describe('routing properties', () => {
  it('declares each routing property on contacts and companies, app-written and out of forms', () => {
    expect(ROUTING_PROPERTIES.map((p) => `${p.objectType}.${p.name}`).sort()).toEqual(
      ['contacts', 'companies'].flatMap((t) => Object.values(ROUTING_PROPERTY_NAMES).map((n) => `${t}.${n}`)).sort(),
    );
    for (const p of ROUTING_PROPERTIES) {
      expect(p.name).toMatch(/^lead_ops_[a-z_]+$/);
      expect(VALID[p.type]).toContain(p.fieldType);
      expect(p.formField).toBe(false);
      expect(p.description).toMatch(/Set by the app\.$/);
    }
    expect(PROPERTY_GROUP.name).toBe('lead_ops');
  });
});

describe('routingPropertiesToRead', () => {
  const config = makeConfig({
    tiers: [
      { id: 'emea', label: 'EMEA', team: { name: 'EMEA' }, when: { all: [{ property: 'country', op: 'is', value: 'Germany' }, { source: 'company', property: 'industry', op: 'is', value: 'BANKING' }] } },
      ...makeConfig().tiers,
    ],
  });
  test.each`
    objectType     | record                                                                                                                                                  | company
    ${'contacts'}  | ${['associatedcompanyid', 'country', 'hubspot_owner_id', 'lead_ops_routed_at', 'lead_ops_routing_key', 'lead_ops_routing_note_id', 'lead_ops_routing_rule', 'lead_ops_routing_tier', 'numemployees']} | ${['hubspot_owner_id', 'industry', 'numberofemployees']}
    ${'companies'} | ${['country', 'hubspot_owner_id', 'industry', 'lead_ops_routed_at', 'lead_ops_routing_key', 'lead_ops_routing_note_id', 'lead_ops_routing_rule', 'lead_ops_routing_tier', 'numberofemployees']} | ${[]}
  `('$objectType', ({ objectType, record, company }) => {
    expect(routingPropertiesToRead(objectType, config)).toEqual({ record, company });
  });
});
