/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ActivityEntry } from '../shared/protocol';
import { summarize } from './ActivityPanel';
import { parseRoute } from './App';
import { Toasts } from './Toasts';

test.each`
  hash                   | route
  ${''}                  | ${{ kind: 'list', objectType: 'contacts' }}
  ${'#/companies'}       | ${{ kind: 'list', objectType: 'companies' }}
  ${'#/contacts/1002'}   | ${{ kind: 'record', objectType: 'contacts', objectId: '1002' }}
  ${'#/companies/5/x'}   | ${{ kind: 'record', objectType: 'companies', objectId: '5' }}
  ${'#/deals/5'}         | ${{ kind: 'record', objectType: 'deals', objectId: '5' }}
  ${'#/products/5'}      | ${{ kind: 'record', objectType: 'contacts', objectId: '5' }}
  ${'#/contacts/abc'}    | ${{ kind: 'list', objectType: 'contacts' }}
`('route $hash', ({ hash, route }: { hash: string; route: unknown }) => {
  expect(parseRoute(hash)).toEqual(route);
});

const entry = (source: string, calls: (string | null)[], durationMs: number): ActivityEntry => ({
  id: 1,
  source,
  label: 'x',
  ok: true,
  detail: null,
  startedAt: 0,
  durationMs,
  calls: calls.map((note, i) => ({ seq: i, method: 'GET', path: '/p', status: 200, durationMs: 1, operation: null, note })),
});

test('the API-call totals count a function’s own calls, not the propertiesToSend read HubSpot makes for it', () => {
  expect(summarize([entry('card:a', ['propertiesToSend…', null, null], 10), entry('card:a', [null], 5), entry('page', [null, null], 3)])).toEqual([
    { source: 'card:a', requests: 2, calls: 3, ms: 15 },
    { source: 'page', requests: 1, calls: 2, ms: 3 },
  ]);
});

describe('toasts (addAlert)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows each alert with its title, message and type, and closes it on ×', () => {
    const dismissed: number[] = [];
    render(
      <Toasts
        toasts={[
          { id: 1, type: 'success', title: 'Lead rescored', message: 'Score 72 (A2)', source: 'Lead Score' },
          { id: 2, type: 'danger', message: '<b>not bold</b>', source: 'Owner Routing' },
        ]}
        onDismiss={(id) => dismissed.push(id)}
      />,
    );
    const success = screen.getByRole('status');
    expect(success.getAttribute('data-toast-type')).toBe('success');
    expect(success.textContent).toBe('Lead rescored×Score 72 (A2)');
    // An alert without a title is labelled with the card that raised it; its message is text, not markup.
    const danger = screen.getByRole('alert');
    expect(danger.textContent).toContain('Owner Routing');
    expect(danger.querySelector('b')).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[1] as HTMLElement);
    expect(dismissed).toEqual([2]);
  });

  it('closes an alert by itself after a while', () => {
    const dismissed: number[] = [];
    render(<Toasts toasts={[{ id: 7, type: 'info', message: 'hi', source: 'x' }]} onDismiss={(id) => dismissed.push(id)} />);
    act(() => {
      jest.advanceTimersByTime(7_999);
    });
    expect(dismissed).toEqual([]);
    act(() => {
      jest.advanceTimersByTime(1);
    });
    expect(dismissed).toEqual([7]);
  });
});
