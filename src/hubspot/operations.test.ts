import { API_VERSION, describedPath, OPERATIONS, requestTarget, type OperationName } from './operations';

describe('the operations table', () => {
  it.each(Object.entries(OPERATIONS))('%s names the date-based version and no numbered one', (_name, spec) => {
    expect(spec.path.split('/')).toContain(API_VERSION);
    expect(spec.path).not.toMatch(/\/v\d+(\/|$)/);
  });

  test.each`
    name                        | limitClass             | idempotent
    ${'objects.search'}         | ${'search'}            | ${true}
    ${'associations.batchRead'} | ${'association-batch'} | ${true}
    ${'objects.create'}         | ${'ten-secondly'}      | ${false}
    ${'objects.batchCreate'}    | ${'ten-secondly'}      | ${false}
    ${'objects.batchUpdate'}    | ${'ten-secondly'}      | ${true}
    ${'properties.create'}      | ${'ten-secondly'}      | ${true}
  `('$name is paced as $limitClass and repeatable: $idempotent', ({ name, limitClass, idempotent }: { name: OperationName; limitClass: string; idempotent: boolean }) => {
    expect(OPERATIONS[name]).toMatchObject({ limitClass, idempotent });
  });
});

describe('requestTarget', () => {
  it('fills and encodes path parameters, repeats list parameters and leaves out absent ones', () => {
    const target = requestTarget(OPERATIONS['objects.get'], {
      params: { objectType: 'contacts', objectId: 'a/b c' },
      query: { properties: ['email', 'firstname'], idProperty: undefined, archived: false, limit: 5 },
    });
    expect(target).toBe(`/crm/objects/${API_VERSION}/contacts/a%2Fb%20c?properties=email&properties=firstname&archived=false&limit=5`);
    expect(requestTarget(OPERATIONS['owners.list'], {})).toBe(`/crm/owners/${API_VERSION}`);
  });

  it('throws for a path parameter the caller forgot: a bug, not a HubSpot answer', () => {
    expect(() => requestTarget(OPERATIONS['objects.update'], { params: { objectType: 'contacts' } })).toThrow(/objectId/);
  });

  it('describes a call with object types filled and ids templated', () => {
    const call = { params: { objectType: 'contacts', objectId: '123', toObjectType: 'notes' } };
    expect(describedPath(OPERATIONS['associations.list'], call)).toBe(`/crm/objects/${API_VERSION}/contacts/{objectId}/associations/notes`);
  });
});
