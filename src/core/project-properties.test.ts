import raw from '../config/lead-ops.config.json';
import { parseConfig } from './config/schema';
import { planProperties, projectProperties, propertyObjectTypes } from './project-properties';

const config = (() => {
  const r = parseConfig(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
})();

describe('projectProperties', () => {
  const props = projectProperties(config);

  it('declares scoring, routing and sync properties, each once, in the lead_ops group', () => {
    const names = props.map((p) => `${p.objectType}/${p.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['contacts/lead_ops_score', 'contacts/lead_ops_routing_key', 'companies/lead_ops_routing_key']));
    expect(names.some((n) => n.startsWith('contacts/lead_ops_sync_'))).toBe(true);
    expect(props.every((p) => p.name.startsWith('lead_ops_') && p.name.length <= 100)).toBe(true);
  });

  it('uses only type/fieldType pairs HubSpot accepts', () => {
    const valid: Record<string, string[]> = {
      string: ['text', 'textarea'],
      number: ['number'],
      date: ['date'],
      datetime: ['date'],
      enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
      bool: ['booleancheckbox'],
    };
    for (const p of props) expect(valid[p.type]).toContain(p.fieldType);
    for (const p of props.filter((x) => x.type === 'enumeration')) expect(p.options?.length ?? 0).toBeGreaterThan(0);
  });

  it('names the object types that need the group', () => {
    expect(propertyObjectTypes(props)).toEqual(expect.arrayContaining(['companies', 'contacts']));
  });
});

describe('planProperties', () => {
  const wanted = [
    { objectType: 'contacts' as const, name: 'lead_ops_a', label: 'A', description: '', type: 'number' as const, fieldType: 'number' as const },
    { objectType: 'contacts' as const, name: 'lead_ops_b', label: 'B', description: '', type: 'string' as const, fieldType: 'text' as const },
    { objectType: 'contacts' as const, name: 'lead_ops_c', label: 'C', description: '', type: 'datetime' as const, fieldType: 'date' as const },
  ];
  test.each`
    existing                                                                              | kinds
    ${[]}                                                                                 | ${['create', 'create', 'create']}
    ${[{ name: 'lead_ops_a', type: 'number', fieldType: 'number', groupName: 'lead_ops' }]} | ${['exists', 'create', 'create']}
    ${[{ name: 'lead_ops_b', type: 'number', fieldType: 'number', groupName: 'x' }]}        | ${['create', 'conflict', 'create']}
  `('$existing -> $kinds', ({ existing, kinds }) => {
    expect(planProperties(wanted, existing).map((s) => s.kind)).toEqual(kinds);
  });

  const labels = {
    objectType: 'contacts' as const,
    name: 'lead_ops_score_label',
    label: 'Label',
    description: '',
    type: 'enumeration' as const,
    fieldType: 'select' as const,
    options: [
      { label: 'Hot', value: 'Hot', displayOrder: 0 },
      { label: 'Warm', value: 'Warm', displayOrder: 1 },
      { label: 'Frozen', value: 'Frozen', displayOrder: 2 },
    ],
  };
  test.each`
    have                       | kind             | missing
    ${['Hot', 'Warm', 'Frozen']} | ${'exists'}      | ${[]}
    ${['Hot', 'Warm', 'Frozen', 'Legacy']} | ${'exists'} | ${[]}
    ${['Hot', 'Warm']}           | ${'add_options'} | ${['Frozen']}
    ${[]}                        | ${'add_options'} | ${['Hot', 'Warm', 'Frozen']}
  `('an enumeration with options $have -> $kind $missing', ({ have, kind, missing }) => {
    const existing = [{ name: labels.name, type: 'enumeration', fieldType: 'select', groupName: 'lead_ops', options: (have as string[]).map((v) => ({ label: v, value: v })) }];
    const [step] = planProperties([labels], existing);
    expect(step?.kind).toBe(kind);
    expect(step?.kind === 'add_options' ? step.missing.map((o) => o.value) : []).toEqual(missing);
  });
});
