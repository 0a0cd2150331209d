import { displayValue, formatForHook, formatPattern, relativeTime } from './property-display';
import { PropertyDef } from './hubspot-reader';

const def = (over: Record<string, unknown>) => PropertyDef.parse({ name: 'p', label: 'P', ...over });
const CONTEXT = { owners: new Map([['7', 'Ada Lovelace']]), pipelines: [{ id: 'default', label: 'Sales Pipeline', displayOrder: 0, stages: [{ id: 'won', label: 'Closed won', displayOrder: 0, metadata: {} }] }] };
const MS = Date.UTC(2026, 8, 4, 15, 7, 9);

test.each`
  definition                                                                  | value                         | shown
  ${{ name: 'hubspot_owner_id', type: 'enumeration' }}                        | ${'7'}                        | ${'Ada Lovelace'}
  ${{ name: 'dealstage', type: 'enumeration' }}                               | ${'won'}                      | ${'Closed won'}
  ${{ name: 'pipeline', type: 'enumeration' }}                                | ${'default'}                  | ${'Sales Pipeline'}
  ${{ type: 'enumeration', options: [{ label: 'Red', value: 'r' }, { label: 'Blue', value: 'b' }] }} | ${'r;b'} | ${'Red, Blue'}
  ${{ type: 'bool' }}                                                         | ${'true'}                     | ${'Yes'}
  ${{ type: 'number' }}                                                       | ${'1234567.5'}                | ${'1,234,567.5'}
  ${{ type: 'number', showCurrencySymbol: true }}                             | ${'1234.5'}                   | ${'$1,234.50'}
  ${{ type: 'date', fieldType: 'date' }}                                      | ${'2026-09-04'}               | ${'09/04/2026'}
  ${{ type: 'datetime', fieldType: 'date' }}                                  | ${'2026-09-04T15:07:09Z'}     | ${'09/04/2026'}
  ${{ type: 'datetime', fieldType: 'text' }}                                  | ${String(MS)}                 | ${'09/04/2026 3:07 PM'}
  ${{ type: 'string' }}                                                       | ${''}                         | ${''}
`('shows $value of $definition as "$shown"', ({ definition, value, shown }: { definition: Record<string, unknown>; value: string; shown: string }) => {
  expect(displayValue(def(definition), value, CONTEXT)).toBe(shown);
});

test.each`
  pattern                 | text
  ${'YYYY-MM-DD'}         | ${'2026-09-04'}
  ${'MMM D, YYYY'}        | ${'Sep 4, 2026'}
  ${'MMMM D YY'}          | ${'September 4 26'}
  ${'h:mm A'}             | ${'3:07 PM'}
  ${'HH:mm:ss'}           | ${'15:07:09'}
`('formats $pattern as $text', ({ pattern, text }: { pattern: string; text: string }) => {
  expect(formatPattern(MS, pattern)).toBe(text);
});

test.each`
  offsetMs               | dateOnly | text
  ${0}                   | ${true}  | ${'today'}
  ${-86_400_000}         | ${true}  | ${'yesterday'}
  ${3 * 86_400_000}      | ${true}  | ${'in 3 days'}
  ${-2 * 3_600_000}      | ${false} | ${'2 hours ago'}
  ${90_000}              | ${false} | ${'in 2 minutes'}
`('$offsetMs ms from now is "$text"', ({ offsetMs, dateOnly, text }: { offsetMs: number; dateOnly: boolean; text: string }) => {
  expect(relativeTime(MS + offsetMs, MS, dateOnly)).toBe(text);
});

it('formats what a hook asks for: date patterns, relative date-times, currency without its symbol', () => {
  expect(formatForHook(def({ type: 'date', fieldType: 'date' }), '2026-09-04', CONTEXT, { date: { format: 'MMMM D, YYYY' } })).toBe('September 4, 2026');
  expect(formatForHook(def({ type: 'datetime' }), String(MS - 3 * 86_400_000), CONTEXT, { dateTime: { relative: true } }, MS)).toBe('3 days ago');
  expect(formatForHook(def({ type: 'number', showCurrencySymbol: true }), '50', CONTEXT, { currency: { addSymbol: false } })).toBe('50');
  expect(formatForHook(def({ type: 'number', showCurrencySymbol: true }), '50', CONTEXT, {})).toBe('$50.00');
  expect(formatForHook(def({ type: 'string' }), null, CONTEXT, {})).toBeNull();
});
