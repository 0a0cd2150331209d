/** @jest-environment jsdom */
import * as UIE from '@hubspot/ui-extensions';
import {
  Accordion,
  Alert,
  Box,
  Button,
  DescriptionList,
  DescriptionListItem,
  Divider,
  EmptyState,
  ErrorState,
  Flex,
  Form,
  Heading,
  Input,
  LineChart,
  Link,
  LoadingButton,
  LoadingSpinner,
  Modal,
  ModalBody,
  ProgressBar,
  ScoreCircle,
  Select,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  StatusTag,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tabs,
  Tag,
  Text,
  TextArea,
  Tile,
  Tooltip,
} from '@hubspot/ui-extensions';
import { createRemoteReactComponent } from '@remote-ui/react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { HOST_COMPONENTS } from './registry';
import { renderCard } from './render-remote';

/** Components issue 7 requires the page to draw (the cards may use any of them). */
const REQUIRED = [
  'Text', 'Heading', 'Button', 'LoadingButton', 'LoadingSpinner', 'Alert', 'ErrorState', 'EmptyState', 'Flex', 'Box', 'Tile',
  'Divider', 'DescriptionList', 'DescriptionListItem', 'StatusTag', 'Tag', 'ScoreCircle', 'Statistics', 'StatisticsItem',
  'StatisticsTrend', 'LineChart', 'Table', 'TableHead', 'TableBody', 'TableRow', 'TableHeader', 'TableCell', 'TableFooter',
  'Accordion', 'Link', 'Form', 'Input', 'TextArea', 'Select', 'Modal', 'ModalBody', 'ModalFooter', 'Panel', 'PanelBody',
  'PanelFooter', 'PanelSection', 'Tooltip', 'ProgressBar',
];

describe('the component registry', () => {
  test.each(REQUIRED)('draws %s', (name) => {
    expect(HOST_COMPONENTS[name]).toBeDefined();
  });

  it('draws every component @hubspot/ui-extensions exports from its main entry', () => {
    // Components are the capitalised exports other than event classes (ExtensionEvent…) and enums.
    const components = Object.keys(UIE).filter((n) => /^[A-Z]/.test(n) && !/Event$/.test(n) && n !== 'ServerlessExecutionStatus');
    expect(components.filter((n) => !HOST_COMPONENTS[n])).toEqual([]);
  });
});

describe('unsupported components and props are visible, never dropped', () => {
  it('shows a placeholder naming an unknown component, with its children still rendered', async () => {
    const FancyWidget = createRemoteReactComponent<'FancyWidget', { children?: ReactNode }>('FancyWidget');
    const { container } = await renderCard(
      <FancyWidget>
        <Text>inside the widget</Text>
      </FancyWidget>,
    );
    expect(screen.getByText('Unsupported component: FancyWidget')).toBeTruthy();
    expect(screen.getByText('inside the widget')).toBeTruthy();
    expect(container.querySelector('[data-sbx-unsupported="FancyWidget"]')).not.toBeNull();
  });

  it('names a prop HubSpot does not document for the component', async () => {
    // A prop HubSpot's types do not know: what a newer SDK or a typo would send.
    const props = { shimmer: true } as Record<string, unknown>;
    const { container } = await renderCard(<Button {...props}>Go</Button>);
    expect(screen.getByRole('note').textContent).toBe('⚠ Button has no prop "shimmer"');
    expect(container.querySelector('[data-sbx-warning="Button.shimmer"]')).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Go' })).toBeTruthy();
  });

  it('puts the note of a table part in a row of its own, so the table stays a table', async () => {
    const props = { width: 'min' } as Record<string, unknown>;
    const { container } = await renderCard(
      <Table>
        <TableHead {...props}>
          <TableRow>
            <TableHeader>Name</TableHeader>
          </TableRow>
        </TableHead>
      </Table>,
    );
    const note = container.querySelector('[data-sbx-warning="TableHead.width"]');
    expect(note?.closest('tbody.sbx-note-section > tr > td')).not.toBeNull();
    expect(container.querySelector('table > span')).toBeNull();
  });

  it('accepts testId on every component without a note', async () => {
    const { container } = await renderCard(
      <Flex testId="row">
        <Text testId="t">hello</Text>
      </Flex>,
    );
    expect(screen.queryByRole('note')).toBeNull();
    expect(container.querySelector('[data-testid="t"]')?.textContent).toBe('hello');
  });
});

describe('hostile strings are rendered as text only', () => {
  const SCRIPT = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';

  it('never turns a string into markup', async () => {
    const { container } = await renderCard(
      <Flex direction="column">
        <Text>{SCRIPT}</Text>
        <Alert title={SCRIPT}>{SCRIPT}</Alert>
        <DescriptionList>
          <DescriptionListItem label={SCRIPT}>{SCRIPT}</DescriptionListItem>
        </DescriptionList>
        <StatusTag>{SCRIPT}</StatusTag>
      </Flex>,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getAllByText(SCRIPT).length).toBeGreaterThanOrEqual(5);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('renders a 64 KB string in full', async () => {
    const big = 'x'.repeat(64 * 1024);
    const { container } = await renderCard(<Text testId="big">{big}</Text>);
    expect(container.querySelector('[data-testid="big"]')?.textContent?.length).toBe(64 * 1024);
  });

  it('keeps emoji and other astral characters intact', async () => {
    const s = '🔥 Hot lead — 👩🏽‍💻 Zoë 日本語 𝔘𝔫𝔦𝔠𝔬𝔡𝔢';
    await renderCard(<Heading>{s}</Heading>);
    expect(screen.getByRole('heading').textContent).toBe(s);
  });

  it('drops javascript: links instead of following them', async () => {
    const { container } = await renderCard(<Link href="javascript:alert(1)">click</Link>);
    expect(container.querySelector('a')?.getAttribute('href')).toBeNull();
  });
});

describe('buttons call the card', () => {
  it('passes an ExtensionEvent and the reactions to onClick', async () => {
    const calls: unknown[][] = [];
    await renderCard(<Button onClick={(...args: unknown[]) => void calls.push(args)}>Rescore</Button>);
    fireEvent.click(screen.getByRole('button', { name: 'Rescore' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    const [event, reactions] = calls[0] as [Record<string, unknown>, Record<string, unknown>];
    expect(event).toMatchObject({ type: 'click', bubbles: true });
    expect(typeof event.id).toBe('string');
    expect(Object.keys(reactions).sort()).toEqual(['closeModal', 'closePanel', 'openModal', 'openPanel']);
  });

  it('shows a busy, disabled LoadingButton while loading', async () => {
    await renderCard(<LoadingButton loading>Assign owner</LoadingButton>);
    const button = screen.getByRole('button', { name: 'Assign owner' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
  });

  it('re-renders what the card renders after a click (the full round trip)', async () => {
    function Counter() {
      const [n, setN] = useState(0);
      return (
        <Flex direction="column">
          <Text>Clicked {n} times</Text>
          <Button onClick={() => setN((x) => x + 1)}>More</Button>
        </Flex>
      );
    }
    await renderCard(<Counter />);
    expect(screen.getByText('Clicked 0 times')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    await waitFor(() => expect(screen.getByText('Clicked 2 times')).toBeTruthy());
  });
});

describe('data display', () => {
  it('draws a score circle with its number', async () => {
    await renderCard(<ScoreCircle score={82} />);
    expect(screen.getByRole('img', { name: 'Score 82' }).textContent).toBe('82');
  });

  it('draws statistics with a trend', async () => {
    const { container } = await renderCard(
      <Statistics>
        <StatisticsItem label="Fit" number={45}>
          <StatisticsTrend direction="decrease" value="5" />
        </StatisticsItem>
      </Statistics>,
    );
    expect(container.querySelector('.hs-stat-label')?.textContent).toBe('Fit');
    expect(container.querySelector('.hs-stat-number')?.textContent).toBe('45');
    expect(container.querySelector('.hs-trend-red')?.textContent).toContain('5');
  });

  it('draws a table with header and body cells', async () => {
    const { container } = await renderCard(
      <Table>
        <TableHead>
          <TableRow>
            <TableHeader>Subject</TableHeader>
            <TableHeader>Age</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            <TableCell>Login broken</TableCell>
            <TableCell>3 h</TableCell>
          </TableRow>
        </TableBody>
      </Table>,
    );
    expect([...container.querySelectorAll('th')].map((e) => e.textContent)).toEqual(['Subject', 'Age']);
    expect([...container.querySelectorAll('tbody td')].map((e) => e.textContent)).toEqual(['Login broken', '3 h']);
  });

  it('draws a datetime line chart with one point per row, oldest first', async () => {
    const data = [
      { day: '2026-11-03', score: 40 },
      { day: '2026-11-01', score: 20 },
      { day: '2026-11-02', score: 30 },
    ];
    const { container } = await renderCard(<LineChart data={data} axes={{ x: { field: 'day', fieldType: 'datetime' }, y: { field: 'score', fieldType: 'linear' } }} />);
    expect(container.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(3);
    expect([...container.querySelectorAll<SVGElement>('[data-series] [data-x]')].map((g) => `${g.dataset.x}: ${g.dataset.value}`)).toEqual(['2026-11-01: 20', '2026-11-02: 30', '2026-11-03: 40']);
  });

  it('keeps the order of a category axis as given', async () => {
    const data = [
      { band: 'C3', n: 4 },
      { band: 'A1', n: 1 },
    ];
    const { container } = await renderCard(<LineChart data={data} axes={{ x: { field: 'band', fieldType: 'category' }, y: { field: 'n', fieldType: 'linear' } }} />);
    expect([...container.querySelectorAll<SVGElement>('[data-series] [data-x]')].map((g) => `${g.dataset.x}: ${g.dataset.value}`)).toEqual(['C3: 4', 'A1: 1']);
  });

  it('says when a chart has nothing to draw', async () => {
    await renderCard(<LineChart data={[]} axes={{ x: { field: 'day', fieldType: 'category' }, y: { field: 'score', fieldType: 'linear' } }} />);
    expect(screen.getByText('No data to chart')).toBeTruthy();
  });

  it('shows progress as a value of the maximum', async () => {
    await renderCard(<ProgressBar title="SLA" value={3} maxValue={4} showPercentage />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3');
    expect(screen.getByText('75%')).toBeTruthy();
  });

  it('draws states and tags with their text', async () => {
    await renderCard(
      <Tile>
        <ErrorState title="Could not score">Try again</ErrorState>
        <EmptyState title="No tickets">Nothing open</EmptyState>
        <LoadingSpinner label="Scoring…" showLabel />
        <Tag variant="success">Hot</Tag>
        <Divider />
        <Box>
          <Text>in a box</Text>
        </Box>
      </Tile>,
    );
    expect(screen.getByText('Could not score')).toBeTruthy();
    expect(screen.getByText('No tickets')).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Scoring…' })).toBeTruthy();
    expect(screen.getByText('Hot').className).toContain('hs-tag-success');
    expect(screen.getByText('in a box')).toBeTruthy();
  });
});

describe('interaction', () => {
  it('opens and closes an accordion', async () => {
    await renderCard(
      <Accordion title="Why this score">
        <Text>+15 company size</Text>
      </Accordion>,
    );
    expect(screen.queryByText('+15 company size')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Why this score/ }));
    expect(screen.getByText('+15 company size')).toBeTruthy();
  });

  it('submits a form with the values of its inputs', async () => {
    let submitted: unknown = null;
    await renderCard(
      <Form onSubmit={(e) => void (submitted = e.targetValue)}>
        <Input label="Reason" name="reason" />
        <TextArea label="Note" name="note" />
        <Button type="submit">Save</Button>
      </Form>,
    );
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'territory change' } });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'per Q4 plan' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(submitted).toEqual({ reason: 'territory change', note: 'per Q4 plan' }));
  });

  it('hands back the option value a Select was given, with its type', async () => {
    const values: unknown[] = [];
    await renderCard(
      <Select
        label="Destination"
        options={[
          { label: 'Mailchimp', value: 'mailchimp' },
          { label: 'Sheet', value: 2 },
        ]}
        onChange={(v) => void values.push(v)}
      />,
    );
    fireEvent.change(screen.getByLabelText('Destination'), { target: { value: '1' } });
    await waitFor(() => expect(values).toEqual([2]));
  });

  it('opens a modal from a click handler and closes it', async () => {
    await renderCard(
      <Flex>
        <Button onClick={(_e, reactions) => reactions.openModal('why')}>Why?</Button>
        <Modal id="why" title="Routing explanation">
          <ModalBody>
            <Text>Mid-Market: 320 employees</Text>
          </ModalBody>
        </Modal>
      </Flex>,
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Why?' }));
    await waitFor(() => expect(screen.getByRole('dialog', { name: 'Routing explanation' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens a modal given as a button overlay', async () => {
    await renderCard(
      <Button
        overlay={
          <Modal id="details" title="Details">
            <Text>details text</Text>
          </Modal>
        }
      >
        Details
      </Button>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    await waitFor(() => expect(screen.getByText('details text')).toBeTruthy());
  });

  it('shows a tooltip overlay while its trigger is hovered', async () => {
    await renderCard(<Tag overlay={<Tooltip>Score computed today</Tooltip>}>A1</Tag>);
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.mouseEnter(screen.getByText('A1'));
    expect(screen.getByRole('tooltip').textContent).toBe('Score computed today');
  });

  it('switches tabs', async () => {
    await renderCard(
      <Tabs>
        <Tab tabId="tickets" title="Tickets">
          <Text>ticket list</Text>
        </Tab>
        <Tab tabId="sync" title="Sync">
          <Text>sync list</Text>
        </Tab>
      </Tabs>,
    );
    await waitFor(() => expect(screen.getByText('ticket list')).toBeTruthy());
    expect(screen.queryByText('sync list')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Sync' }));
    expect(screen.getByText('sync list')).toBeTruthy();
    expect(screen.queryByText('ticket list')).toBeNull();
  });
});
