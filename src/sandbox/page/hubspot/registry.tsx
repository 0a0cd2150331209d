/**
 * The host side of HubSpot's UI components: for each remote component name a card can send (`'Button'`,
 * `'ScoreCircle'`, …: remoteComponents.synced.js), the DOM component that draws it and the props it honours.
 *
 * Nothing is dropped silently: a component the sandbox does not draw is shown as a visible placeholder naming it
 * (with its children still rendered inside), and a prop a component does not honour adds a visible note naming the
 * prop. Extend `HOST_COMPONENTS` to support more.
 */
import { createController, type Controller } from '@remote-ui/react/host';
import type { ComponentType } from 'react';
import { Button, ButtonRow, Divider, Heading, Icon, Image, Link, LoadingButton, Spacer, StatusTag, Tag, Text } from './basic';
import { BarChart, LineChart, Statistics, StatisticsItem, StatisticsTrend, Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from './data';
import { Alert, EmptyState, ErrorState, LoadingSpinner, ProgressBar, ScoreCircle } from './feedback';
import { Checkbox, Form, Input, NumberInput, SearchInput, Select, StepperInput, TextArea, Textarea, Toggle } from './forms';
import { Accordion, AutoGrid, Box, DescriptionList, DescriptionListItem, Flex, Inline, List, Stack, Tab, Tabs, Tile } from './layout';
import { Modal, ModalBody, ModalFooter, Panel, PanelBody, PanelFooter, PanelSection, Tooltip } from './overlays';
import type { HsProps } from './props';

export interface HostComponentSpec {
  readonly component: ComponentType<HsProps>;
  /** Props the component honours (`children` and `testId` are always accepted). */
  readonly props: readonly string[];
}

const INPUT_PROPS = ['label', 'name', 'value', 'required', 'readOnly', 'description', 'tooltip', 'placeholder', 'error', 'defaultValue', 'validationMessage', 'onChange', 'onInput', 'onBlur', 'onFocus'];
const BUTTON_PROPS = ['onClick', 'href', 'disabled', 'variant', 'type', 'size', 'truncate', 'overlay'];
const OVERLAY_PROPS = ['aria-label', 'id', 'onOpen', 'onClose', 'width', 'title', 'variant'];
const none: readonly string[] = [];

export const HOST_COMPONENTS: Readonly<Record<string, HostComponentSpec>> = {
  Text: { component: Text, props: ['variant', 'inline', 'format', 'truncate'] },
  Heading: { component: Heading, props: ['inline'] },
  Button: { component: Button, props: BUTTON_PROPS },
  LoadingButton: { component: LoadingButton, props: [...BUTTON_PROPS, 'loading'] },
  ButtonRow: { component: ButtonRow, props: ['disableDropdown'] },
  Link: { component: Link, props: ['href', 'variant', 'onClick', 'preventDefault', 'overlay'] },
  Tag: { component: Tag, props: ['variant', 'onClick', 'inline', 'overlay'] },
  StatusTag: { component: StatusTag, props: ['variant', 'hollow', 'onClick', 'showRemoveIcon', 'onRemoveClick'] },
  Icon: { component: Icon, props: ['color', 'name', 'size', 'screenReaderText'] },
  Image: { component: Image, props: ['alt', 'href', 'onClick', 'src', 'width', 'height', 'overlay'] },
  Divider: { component: Divider, props: ['size', 'distance'] },
  Spacer: { component: Spacer, props: ['size'] },
  Flex: { component: Flex, props: ['gap', 'direction', 'justify', 'align', 'alignSelf', 'wrap'] },
  Box: { component: Box, props: ['alignSelf', 'flex'] },
  Inline: { component: Inline, props: ['justify', 'align', 'gap'] },
  Stack: { component: Stack, props: ['distance', 'direction', 'justify', 'align', 'width'] },
  AutoGrid: { component: AutoGrid, props: ['columnWidth', 'gap', 'flexible'] },
  Tile: { component: Tile, props: ['compact', 'flush'] },
  DescriptionList: { component: DescriptionList, props: ['direction'] },
  DescriptionListItem: { component: DescriptionListItem, props: ['label'] },
  List: { component: List, props: ['variant'] },
  Accordion: { component: Accordion, props: ['title', 'defaultOpen', 'disabled', 'open', 'size', 'onClick'] },
  Tabs: { component: Tabs, props: ['onSelectedChange', 'defaultSelected', 'selected', 'variant', 'fill'] },
  Tab: { component: Tab, props: ['disabled', 'tabId', 'title', 'tooltip'] },
  Alert: { component: Alert, props: ['title', 'variant'] },
  ErrorState: { component: ErrorState, props: ['title', 'type'] },
  EmptyState: { component: EmptyState, props: ['flush', 'title', 'layout', 'reverseOrder', 'imageWidth', 'imageName'] },
  LoadingSpinner: { component: LoadingSpinner, props: ['label', 'showLabel', 'size', 'layout'] },
  ProgressBar: { component: ProgressBar, props: ['title', 'aria-label', 'showPercentage', 'value', 'maxValue', 'valueDescription', 'variant', 'valueMax'] },
  ScoreCircle: { component: ScoreCircle, props: ['score'] },
  Statistics: { component: Statistics, props: none },
  StatisticsItem: { component: StatisticsItem, props: ['id', 'label', 'number'] },
  StatisticsTrend: { component: StatisticsTrend, props: ['value', 'direction', 'color'] },
  Table: { component: Table, props: ['bordered', 'flush', 'density', 'paginated', 'pageCount', 'maxVisiblePageButtons', 'page', 'onPageChange'] },
  TableHead: { component: TableHead, props: none },
  TableBody: { component: TableBody, props: none },
  TableFooter: { component: TableFooter, props: none },
  TableRow: { component: TableRow, props: none },
  TableCell: { component: TableCell, props: ['align', 'width', 'colSpan'] },
  TableHeader: { component: TableHeader, props: ['align', 'width', 'sortDirection', 'onSortChange', 'disabled'] },
  LineChart: { component: LineChart, props: ['data', 'axes', 'options'] },
  BarChart: { component: BarChart, props: ['data', 'axes', 'options'] },
  Form: { component: Form, props: ['onSubmit', 'preventDefault', 'autoComplete'] },
  Input: { component: Input, props: [...INPUT_PROPS, 'type'] },
  SearchInput: { component: SearchInput, props: [...INPUT_PROPS, 'clearable'] },
  TextArea: { component: TextArea, props: [...INPUT_PROPS, 'cols', 'maxLength', 'rows', 'resize'] },
  Textarea: { component: Textarea, props: [...INPUT_PROPS, 'cols', 'maxLength', 'rows', 'resize'] },
  NumberInput: { component: NumberInput, props: [...INPUT_PROPS, 'min', 'max', 'precision', 'textAlign'] },
  StepperInput: { component: StepperInput, props: [...INPUT_PROPS, 'min', 'max', 'precision', 'stepSize'] },
  Select: { component: Select, props: ['label', 'name', 'required', 'readOnly', 'description', 'tooltip', 'placeholder', 'error', 'validationMessage', 'variant', 'value', 'onChange', 'onInput', 'options'] },
  Checkbox: { component: Checkbox, props: ['value', 'checked', 'readonly', 'readOnly', 'description', 'name', 'onChange', 'inline', 'initialIsChecked', 'aria-label'] },
  Toggle: { component: Toggle, props: ['checked', 'readonly', 'readOnly', 'name', 'onChange', 'initialIsChecked', 'label', 'labelDisplay', 'textChecked', 'textUnchecked'] },
  Modal: { component: Modal, props: OVERLAY_PROPS },
  ModalBody: { component: ModalBody, props: none },
  ModalFooter: { component: ModalFooter, props: none },
  Panel: { component: Panel, props: OVERLAY_PROPS },
  PanelBody: { component: PanelBody, props: none },
  PanelFooter: { component: PanelFooter, props: none },
  PanelSection: { component: PanelSection, props: ['flush'] },
  Tooltip: { component: Tooltip, props: ['placement'] },
};

const ALWAYS_ACCEPTED = new Set(['children', 'testId']);

/** The props of `props` that `spec` does not honour (undefined values do not count: React drops them too). */
export function unsupportedProps(spec: HostComponentSpec, props: HsProps): string[] {
  return Object.keys(props).filter((k) => props[k] !== undefined && !ALWAYS_ACCEPTED.has(k) && !spec.props.includes(k));
}

/** A visible note for props the sandbox does not honour. */
export function UnsupportedProps({ component, props }: { component: string; props: readonly string[] }) {
  return (
    <span className="sbx-unsupported sbx-unsupported-prop" data-sbx-unsupported={`${component}.${props.join(',')}`} role="note">
      {component}: {props.length === 1 ? 'prop' : 'props'} {props.map((p) => `"${p}"`).join(', ')} not supported by the sandbox
    </span>
  );
}

/** The placeholder for a component the sandbox does not draw. Its children still render inside it. */
export function UnsupportedComponent({ type, children }: { type: string; children?: HsProps['children'] }) {
  return (
    <div className="sbx-unsupported sbx-unsupported-component" data-sbx-unsupported={type} role="note">
      <div className="sbx-unsupported-title">Unsupported component: {type}</div>
      {children !== undefined ? <div className="sbx-unsupported-children">{children}</div> : null}
    </div>
  );
}

function withPropCheck(name: string, spec: HostComponentSpec): ComponentType<HsProps> {
  const Inner = spec.component;
  function Checked(props: HsProps) {
    const extra = unsupportedProps(spec, props);
    return (
      <>
        <Inner {...props} />
        {extra.length > 0 ? <UnsupportedProps component={name} props={extra} /> : null}
      </>
    );
  }
  Checked.displayName = `Hs${name}`;
  return Checked;
}

/**
 * The remote-ui controller the card frames render with. Unknown component names get a placeholder component (one per
 * name, so its identity is stable across renders) instead of remote-ui's "Unknown component" exception.
 */
export function createHostController(components: Readonly<Record<string, HostComponentSpec>> = HOST_COMPONENTS): Controller {
  const mapped = new Map<string, ComponentType<HsProps>>(Object.entries(components).map(([name, spec]) => [name, withPropCheck(name, spec)]));
  const base = createController(Object.fromEntries(mapped));
  return {
    ...base,
    get(type: string) {
      const known = mapped.get(type);
      if (known) return known;
      const placeholder = (props: HsProps) => <UnsupportedComponent type={type}>{props.children}</UnsupportedComponent>;
      mapped.set(type, placeholder);
      return placeholder;
    },
  };
}
