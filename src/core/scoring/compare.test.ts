import { compareModels, createModelComparison, type ComparedLead } from './compare';
import { makeCompany, makeContact, testModelInput } from './model-fixtures';
import { ScoringModelSchema, type ScoringModelInput } from './model-schema';
import { generateLeads } from './sample-leads';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const current = ScoringModelSchema.parse(testModelInput());
const candidate = (change: (m: ScoringModelInput) => void) => {
  const m = testModelInput();
  m.version = 'test-2';
  change(m);
  return ScoringModelSchema.parse(m);
};

const leads: ComparedLead[] = [
  { id: 'vp-big', contact: makeContact({ jobtitle: 'VP' }), company: makeCompany({ numberofemployees: '320' }) },
  { id: 'eng-big', contact: makeContact({ jobtitle: 'Engineer' }), company: makeCompany({ numberofemployees: '320' }) },
  { id: 'eng-small', contact: makeContact({ jobtitle: 'Engineer' }), company: makeCompany({ numberofemployees: '12' }) },
  { id: 'nobody', contact: makeContact({}), company: null },
];

describe('compareModels', () => {
  it('reports nothing for the same model', () => {
    const c = compareModels(leads, current, current, NOW);
    expect(c).toMatchObject({ compared: 4, bandChanged: 0, labelChanged: 0, totalChanged: 0, unchanged: 4, sample: [], labelMoves: [] });
    expect(c.bands.current).toEqual(c.bands.candidate);
    expect(c.bands.current).toEqual({ A3: 2, C3: 1, unscorable: 1 });
  });

  it('finds contacts whose band moves when a threshold moves, and says it was the threshold', () => {
    const c = compareModels(leads, current, candidate((m) => (m.grades.fit.A = 35)), NOW);
    expect(c).toMatchObject({ currentVersion: 'test-1', candidateVersion: 'test-2', bandChanged: 1, labelChanged: 1, totalChanged: 0, unchanged: 3 });
    expect(c.labelMoves).toEqual([{ from: 'Warm', to: 'Nurture', count: 1 }]);
    expect(c.sample).toEqual([
      {
        id: 'eng-big',
        before: { status: 'scored', total: 30, fit: 30, engagement: 0, band: 'A3', label: 'Warm' },
        after: { status: 'scored', total: 30, fit: 30, engagement: 0, band: 'B3', label: 'Nurture' },
        reasons: ['Fit 30 unchanged, grade A → B (thresholds A 35, B 15)'],
      },
    ]);
  });

  it('names the rules whose points change, biggest change first', () => {
    const c = compareModels(
      leads,
      current,
      candidate((m) => {
        const role = m.fit.groups[1];
        if (role?.rules[0]) role.rules[0].points = 5;
        m.fit.groups[0]?.rules.push({ id: 'size_10', label: 'Company has 10+ employees', points: 18, when: { source: 'company', property: 'numberofemployees', op: 'gte', value: 10 } });
      }),
      NOW,
    );
    const small = c.sample.find((s) => s.id === 'eng-small');
    expect(small?.reasons).toEqual(['New rule "Company has 10+ employees": Company size 12 ≥ 10: +18']);
    expect(small?.after).toMatchObject({ fit: 18, band: 'B3', label: 'Nurture' });
    expect(c.bandChanged).toBe(1);
  });

  it('names removed rules and a label that now covers a band', () => {
    const c = compareModels(
      leads,
      current,
      candidate((m) => {
        m.fit.groups[1] = { id: 'role', label: 'Role', rules: [{ id: 'vp_new', label: 'VP (new)', points: 1, when: { property: 'jobtitle', op: 'is', value: 'nobody' } }] };
        m.labels = [
          { name: 'Hot', bands: ['A1', 'A2', 'B1', 'A3'] },
          { name: 'Warm', bands: ['B2', 'C1'] },
          { name: 'Nurture', bands: ['B3', 'C2'] },
          { name: 'Cold', bands: ['C3'] },
        ];
      }),
      NOW,
    );
    const vp = c.sample.find((s) => s.id === 'vp-big');
    // VP loses its 10 points but keeps fit A (30); A3 itself moved from Warm to Hot.
    expect(vp?.reasons).toEqual(['Rule "VP" removed (was +10)', 'Band A3 now maps to label "Hot"']);
    expect(vp?.after).toMatchObject({ fit: 30, band: 'A3', label: 'Hot' });
    expect(c.sample.find((s) => s.id === 'eng-big')?.reasons).toEqual(['Band A3 now maps to label "Hot"']);
    expect(c.labelMoves).toEqual([{ from: 'Warm', to: 'Hot', count: 2 }]);
    expect(c).toMatchObject({ bandChanged: 0, labelChanged: 2, totalChanged: 1, unchanged: 2 });
  });

  it('reports a contact that becomes scorable', () => {
    const c = compareModels(
      leads,
      current,
      candidate((m) => {
        m.scorable.requires = { property: 'email', op: 'is_known' };
      }),
      NOW,
    );
    const nobody = c.sample.find((s) => s.id === 'nobody');
    expect(nobody?.before.status).toBe('unscorable');
    expect(nobody?.after).toMatchObject({ status: 'scored', band: 'C3', label: 'Cold' });
    expect(nobody?.reasons[0]).toMatch(/^Now scorable \(was: Not scored: /);
    expect(c.labelMoves).toEqual([{ from: 'Needs data', to: 'Cold', count: 1 }]);
  });

  it('streams: the builder gives what the array call gives, and the sample is capped in input order', () => {
    const population = generateLeads(400, 3, NOW);
    const stricter = candidate((m) => {
      m.grades.fit.A = 35;
      m.grades.engagement['1'] = 18;
    });
    const all = compareModels(population, current, stricter, NOW, { sampleSize: 5 });
    const builder = createModelComparison(current, stricter, { sampleSize: 5 });
    population.forEach((l) => builder.add(l, NOW));
    expect(builder.result()).toEqual(all);
    expect(all.compared).toBe(400);
    expect(all.bandChanged).toBeGreaterThan(5);
    expect(all.sample).toHaveLength(5);
    const order = all.sample.map((s) => Number(s.id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const sum = (m: Readonly<Record<string, number>>) => Object.values(m).reduce((a, b) => a + b, 0);
    expect(sum(all.bands.current)).toBe(400);
    expect(sum(all.labels.candidate)).toBe(400);
  });
});
