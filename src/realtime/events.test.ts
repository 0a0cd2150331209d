import { compileModel } from '../core/scoring';
import { TEST_CONFIG } from '../testing/portal';
import { planDelivery, WebhookBodySchema, type WebhookEvent } from './events';
import { readEndpointRequest } from './request';

const model = compileModel(TEST_CONFIG.scoring);
const ev = (over: Partial<WebhookEvent> & { subscriptionType: string; objectId: string }): WebhookEvent => ({ objectTypeId: '0-1', ...over });

describe('planDelivery: which records a delivery asks us to re-evaluate', () => {
  test.each`
    name                                        | event                                                                                                                   | contacts   | companies  | expand     | ignored
    ${'contact created'}                        | ${ev({ subscriptionType: 'object.creation', objectId: '5' })}                                                           | ${['5']}   | ${[]}      | ${[]}      | ${{}}
    ${'legacy contact.creation'}                | ${ev({ subscriptionType: 'contact.creation', objectId: '6', objectTypeId: undefined })}                                 | ${['6']}   | ${[]}      | ${[]}      | ${{}}
    ${'size changed'}                           | ${ev({ subscriptionType: 'object.propertyChange', objectId: '7', propertyName: 'numemployees', propertyValue: '1-5' })}  | ${['7']}   | ${[]}      | ${[]}      | ${{}}
    ${'our own score written'}                  | ${ev({ subscriptionType: 'object.propertyChange', objectId: '7', propertyName: 'lead_ops_score', propertyValue: '50' })} | ${[]}      | ${[]}      | ${[]}      | ${{ own_output: 1 }}
    ${'owner set (by routing or a person)'}     | ${ev({ subscriptionType: 'object.propertyChange', objectId: '7', propertyName: 'hubspot_owner_id', propertyValue: '9' })} | ${[]}      | ${[]}      | ${[]}      | ${{ owner_set: 1 }}
    ${'owner cleared'}                          | ${ev({ subscriptionType: 'object.propertyChange', objectId: '7', propertyName: 'hubspot_owner_id', propertyValue: '' })}  | ${['7']}   | ${[]}      | ${[]}      | ${{}}
    ${'not an input (older subscription)'}      | ${ev({ subscriptionType: 'object.propertyChange', objectId: '7', propertyName: 'firstname', propertyValue: 'A' })}       | ${[]}      | ${[]}      | ${[]}      | ${{ not_an_input: 1 }}
    ${'company industry changed'}               | ${ev({ subscriptionType: 'object.propertyChange', objectId: '8', objectTypeId: '0-2', propertyName: 'industry', propertyValue: 'X' })} | ${[]} | ${['8']} | ${['8']} | ${{}}
    ${'company owner cleared'}                  | ${ev({ subscriptionType: 'object.propertyChange', objectId: '8', objectTypeId: '0-2', propertyName: 'hubspot_owner_id', propertyValue: '' })} | ${[]} | ${['8']} | ${[]} | ${{}}
    ${'deletion'}                               | ${ev({ subscriptionType: 'object.deletion', objectId: '9' })}                                                           | ${[]}      | ${[]}      | ${[]}      | ${{ not_handled: 1 }}
    ${'a deal'}                                 | ${ev({ subscriptionType: 'object.creation', objectId: '9', objectTypeId: '0-3' })}                                      | ${[]}      | ${[]}      | ${[]}      | ${{ unknown_object: 1 }}
  `('$name', ({ event, contacts, companies, expand, ignored }) => {
    const plan = planDelivery([event], TEST_CONFIG, model);
    expect({ contacts: plan.contacts, companies: plan.companies, expand: plan.companiesForContacts, ignored: plan.ignored }).toEqual({ contacts, companies, expand, ignored });
  });

  it('de-duplicates and orders by id, whatever the order and repetition of events', () => {
    const events = ['30', '4', '30', '100', '4'].map((id) => ev({ subscriptionType: 'object.creation', objectId: id }));
    expect(planDelivery(events, TEST_CONFIG, model).contacts).toEqual(['4', '30', '100']);
  });

  test.each`
    name                 | body
    ${'not an array'}    | ${{ objectId: 1 }}
    ${'empty'}           | ${[]}
    ${'101 events'}      | ${Array.from({ length: 101 }, (_, i) => ({ subscriptionType: 'object.creation', objectId: i + 1 }))}
    ${'negative id'}     | ${[{ subscriptionType: 'object.creation', objectId: -1 }]}
    ${'id as text'}      | ${[{ subscriptionType: 'object.creation', objectId: '1; drop' }]}
  `('refuses a malformed body: $name', ({ body }) => {
    expect(WebhookBodySchema.safeParse(body).success).toBe(false);
  });
});

describe('readEndpointRequest: the request inside whatever context the runtime gives', () => {
  test.each`
    name                                              | context                                                                                                                                                 | method    | uri                                                   | body             | signature
    ${'a raw request at the top'}                     | ${{ method: 'POST', url: 'https://h.test/x', headers: { 'X-HubSpot-Signature-v3': 's' }, rawBody: '[1]' }}                                         | ${'POST'} | ${'https://h.test/x'}                                 | ${'[1]'}         | ${'s'}
    ${"HubSpot's CMS endpoint shape (parsed body)"}   | ${{ method: 'POST', headers: { Host: 'h.test' }, body: [{ a: 1 }], endpoint: 'lead-ops/events', params: { v: ['1'] }, accountId: 1 }}              | ${'POST'} | ${'https://h.test/lead-ops/events?v=1'}               | ${'[{"a":1}]'}   | ${undefined}
    ${'under parameters (local executor)'}            | ${{ parameters: { method: 'POST', url: 'https://h.test/y', headers: { 'x-hubspot-signature-v3': ['t'] }, body: '{}' }, propertiesToSend: {} }}      | ${'POST'} | ${'https://h.test/y'}                                 | ${'{}'}          | ${'t'}
    ${'nothing usable'}                               | ${{ parameters: {}, propertiesToSend: {}, secrets: {} }}                                                                                              | ${'POST'} | ${null}                                               | ${null}          | ${undefined}
  `('$name', ({ context, method, uri, body, signature }) => {
    const r = readEndpointRequest(context);
    expect({ method: r.method, uri: r.uri, body: r.body, signature: r.headers['x-hubspot-signature-v3'] }).toEqual({ method, uri, body, signature });
  });
});
