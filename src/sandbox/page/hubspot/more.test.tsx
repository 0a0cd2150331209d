/** @jest-environment jsdom */
import { ButtonRow, Card, Dropdown, EmptyState, ErrorState, Icon, Illustration, LoadingButton, StepIndicator, Table, TableBody, TableCell, TableRow, Text } from '@hubspot/ui-extensions';
import { Iframe, MediaObject } from '@hubspot/ui-extensions/experimental';
import { PageBreadcrumbs, PageHeader, PageLink } from '@hubspot/ui-extensions/pages';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { CardHost, Diagnostic, HostDialog } from './host-context';
import { DETACHED_HOST } from './host-context';
import { ICON_GLYPHS } from './icons';
import { pagePath } from './more';
import { visiblePages } from './data';
import { renderCard } from './render-remote';

function recordingHost() {
  const reports: Diagnostic[] = [];
  const dialogs: HostDialog[] = [];
  const host: CardHost = { ...DETACHED_HOST, report: (d) => void reports.push(d), openDialog: (d) => void dialogs.push(d) };
  return { host, reports, dialogs };
}

describe('icons', () => {
  it('draws a name of HubSpot’s icon set', async () => {
    const { container } = await renderCard(<Icon name="shoppingCart" screenReaderText="Cart" />);
    expect(container.querySelector('[data-icon="shoppingCart"]')?.textContent).toBe(ICON_GLYPHS.shoppingCart);
    expect(screen.getByRole('img', { name: 'Cart' })).toBeTruthy();
  });

  it('flags a name outside the set, on the page and to the terminal', async () => {
    const { host, reports } = recordingHost();
    const props = { name: 'sparkles' } as unknown as { name: 'add' };
    const { container } = await renderCard(<Icon {...props} />, { host });
    expect(container.querySelector('[data-sbx-warning="Icon.sparkles"]')?.textContent).toBe('⍰ Icon: HubSpot has no icon named “sparkles”');
    expect(reports).toEqual([{ kind: 'unknown-icon', component: 'Icon', detail: 'HubSpot has no icon named "sparkles"' }]);
  });
});

describe('the rest of the components', () => {
  it('StepIndicator marks done, current and upcoming steps and reports clicks', async () => {
    const onClick = jest.fn();
    const { container } = await renderCard(<StepIndicator stepNames={['Cart', 'Address', 'Pay']} currentStep={1} onClick={onClick} />);
    expect([...container.querySelectorAll('.hs-step')].map((s) => s.className.replace('hs-step ', ''))).toEqual(['hs-step-done', 'hs-step-current', 'hs-step-upcoming']);
    fireEvent.click(screen.getByRole('button', { name: 'Pay' }));
    await waitFor(() => expect(onClick).toHaveBeenCalledWith(2));
  });

  it('StepIndicator compact shows only the current step’s name', async () => {
    const { container } = await renderCard(<StepIndicator stepNames={['Cart', 'Address', 'Pay']} currentStep={0} variant="compact" />);
    expect([...container.querySelectorAll('.hs-step-name')].map((s) => s.textContent)).toEqual(['Cart']);
  });

  it('Dropdown opens its menu and runs the clicked item', async () => {
    const onClick = jest.fn();
    await renderCard(
      <Dropdown buttonText="Actions">
        <Dropdown.ButtonItem onClick={onClick}>Archive</Dropdown.ButtonItem>
      </Dropdown>,
    );
    expect(screen.queryByRole('menu')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Actions ▾' }));
    await act(async () => fireEvent.click(screen.getByRole('menuitem', { name: 'Archive' })));
    expect(onClick).toHaveBeenCalled();
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('LoadingButton shows its result icon when loading ends', async () => {
    const view = await renderCard(<LoadingButton loading>Save</LoadingButton>);
    expect(screen.getByRole('button').getAttribute('aria-busy')).toBe('true');
    await view.rerenderCard(<LoadingButton loading={false} resultIconName="thumbsUp">Save</LoadingButton>);
    await waitFor(() => expect(view.container.querySelector('.hs-button-result')?.textContent).toBe(ICON_GLYPHS.thumbsUp));
  });

  it('Card and ButtonRow hold their content', async () => {
    await renderCard(
      <Card>
        <ButtonRow>
          <Text>inside</Text>
        </ButtonRow>
      </Card>,
    );
    expect(screen.getByText('inside').closest('[data-hs="Card"]')).not.toBeNull();
  });

  it('Iframe and Illustration are marked stand-ins that say what HubSpot shows', async () => {
    const { host, reports } = recordingHost();
    const { container } = await renderCard(
      <>
        <Iframe src="https://example.com/embed" height="sm" />
        <Illustration name="contacts" alt="People" />
      </>,
      { host },
    );
    expect(container.querySelector('[data-sbx-stand-in="Iframe"]')?.textContent).toContain('HubSpot embeds https://example.com/embed here, 200 px high');
    expect(screen.getByRole('img', { name: 'People' }).textContent).toContain('HubSpot illustration “contacts”');
    expect(reports.map((r) => r.component).sort()).toEqual(['Iframe', 'Illustration']);
  });

  it('EmptyState and ErrorState name the HubSpot illustration they stand in for', async () => {
    const { host, reports } = recordingHost();
    const { container } = await renderCard(
      <>
        <EmptyState title="Nothing" imageName="building">
          <Text>No records yet</Text>
        </EmptyState>
        <ErrorState title="Broken" type="lock">
          <Text>No access</Text>
        </ErrorState>
      </>,
      { host },
    );
    expect(container.querySelector('[data-sbx-stand-in="EmptyState"]')?.textContent).toBe('HubSpot illustration “building”');
    expect(container.querySelector('[data-sbx-stand-in="ErrorState"]')?.textContent).toBe('HubSpot illustration “lock”');
    expect(reports.map((r) => r.component).sort()).toEqual(['EmptyState', 'ErrorState']);
  });

  it('MediaObject puts its items left and right of the body', async () => {
    const { container } = await renderCard(
      <MediaObject itemLeft={<Text>L</Text>} itemRight={<Text>R</Text>}>
        <Text>body</Text>
      </MediaObject>,
    );
    expect([...(container.querySelector('[data-hs="MediaObject"]')?.children ?? [])].map((c) => c.textContent)).toEqual(['L', 'body', 'R']);
  });

  it('page links say which app page HubSpot opens', async () => {
    const { host, dialogs } = recordingHost();
    await renderCard(
      <>
        <PageHeader />
        <PageBreadcrumbs>
          <PageBreadcrumbs.Current>Here</PageBreadcrumbs.Current>
        </PageBreadcrumbs>
        <PageLink to="/contacts/:id" params={{ id: '7', tab: 'notes' }}>
          Contact
        </PageLink>
      </>,
      { host },
    );
    fireEvent.click(screen.getByText('Contact'));
    expect(dialogs.map((d) => d.body)).toEqual(['HubSpot opens the app’s page /contacts/7?tab=notes. The sandbox shows record pages only.']);
    expect(pagePath('/a', undefined)).toBe('/a');
  });

  it('paginated Table shows first and last buttons and at most maxVisiblePageButtons pages', async () => {
    const onPageChange = jest.fn();
    await renderCard(
      <Table paginated pageCount={20} page={10} maxVisiblePageButtons={3} showFirstLastButtons showButtonLabels={false} onPageChange={onPageChange}>
        <TableBody>
          <TableRow>
            <TableCell>x</TableCell>
          </TableRow>
        </TableBody>
      </Table>,
    );
    expect(screen.getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['«', '‹', '9', '10', '11', '›', '»']);
    fireEvent.click(screen.getByRole('button', { name: 'Last' }));
    await waitFor(() => expect(onPageChange).toHaveBeenCalledWith(20));
    expect(visiblePages(1, 20, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(visiblePages(20, 20, 5)).toEqual([16, 17, 18, 19, 20]);
  });
});
