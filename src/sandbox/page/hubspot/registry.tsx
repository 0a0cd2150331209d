/**
 * The host side of HubSpot's UI components: for each remote component name a card can send (every component of
 * @hubspot/ui-extensions 0.17.0, its `/crm` and `/pages` entry points and its experimental ones), the DOM component
 * that draws it and the props HubSpot documents for it (its type definitions; a test keeps both lists equal).
 *
 * Nothing is dropped silently. A component the sandbox does not know is a visible placeholder naming it (its children
 * still drawn inside). A documented prop the sandbox cannot draw as HubSpot does would be listed under `unsupported`
 * and flagged where it is used; a prop HubSpot does not document is flagged as such. Each is reported once per card
 * in the terminal too.
 */
import { createController, type Controller } from '@remote-ui/react/host';
import { useEffect, type ComponentType, type ReactNode } from 'react';
import { Button, ButtonRow, Divider, Heading, Icon, Image, Link, LoadingButton, Spacer, StatusTag, Tag, Text } from './basic';
import { BarChart, LineChart } from './charts';
import { CrmActionButton, CrmActionLink, CrmCardActions } from './crm/action-components';
import { CrmAssociationPivot, CrmAssociationPropertyList, CrmAssociationStageTracker, CrmAssociationTable } from './crm/association-components';
import { CrmDataHighlight, CrmPropertyList, CrmSimpleDeadline, CrmStageTracker } from './crm/record-components';
import { CrmReport, CrmStatistics } from './crm/statistics-components';
import { Statistics, StatisticsItem, StatisticsTrend, Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from './data';
import { Alert, EmptyState, ErrorState, LoadingSpinner, ProgressBar, ScoreCircle } from './feedback';
import { Checkbox, CurrencyInput, DateInput, Form, Input, MultiSelect, NumberInput, RadioButton, SearchInput, Select, StepperInput, TextArea, Textarea, TimeInput, Toggle, ToggleGroup } from './forms';
import { useCardHost } from './host-context';
import { Accordion, AutoGrid, Box, DescriptionList, DescriptionListItem, Flex, Inline, List, Stack, Tab, Tabs, Tile } from './layout';
import {
  Card,
  Center,
  Dropdown,
  DropdownButtonItem,
  ExpandableText,
  FileInput,
  FileUpload,
  FileViewer,
  Grid,
  GridItem,
  HeaderActions,
  Iframe,
  Illustration,
  MediaObject,
  PageBreadcrumbs,
  PageBreadcrumbsCurrent,
  PageBreadcrumbsPageLink,
  PageHeader,
  PageHeaderLink,
  PageHeaderPageLink,
  PageHeaderPrimaryAction,
  PageHeaderSecondaryActions,
  PageLink,
  PageTitle,
  PrimaryHeaderActionButton,
  SecondaryHeaderActionButton,
  SettingsView,
  Stack2,
  StepIndicator,
} from './more';
import { Modal, ModalBody, ModalFooter, Panel, PanelBody, PanelFooter, PanelSection, Tooltip } from './overlays';
import { distance, type HsProps } from './props';

export interface HostComponentSpec {
  readonly component: ComponentType<HsProps>;
  /** Every prop HubSpot documents for the component (`children` and `testId` are always accepted). */
  readonly props: readonly string[];
  /** Documented props the sandbox cannot draw as HubSpot does, with the reason shown where one is used. */
  readonly unsupported?: Readonly<Record<string, string>>;
}

const FIELD = ['label', 'name', 'value', 'required', 'readOnly', 'description', 'tooltip', 'placeholder', 'error', 'defaultValue', 'validationMessage', 'onChange', 'onBlur', 'onFocus'];
const TEXT_FIELD = [...FIELD, 'onInput'];
const BUTTON = ['onClick', 'href', 'disabled', 'variant', 'type', 'size', 'truncate', 'overlay'];
const OVERLAY = ['aria-label', 'id', 'onOpen', 'onClose', 'width', 'title', 'variant'];
const CHART = ['data', 'axes', 'options'];
const PAGE_LINK = ['to', 'params'];
const none: readonly string[] = [];

const spec = (component: ComponentType<HsProps>, props: readonly string[]): HostComponentSpec => ({ component, props });

export const STANDARD_COMPONENTS: Readonly<Record<string, HostComponentSpec>> = {
  Alert: spec(Alert, ['title', 'variant']),
  Button: spec(Button, BUTTON),
  ButtonRow: spec(ButtonRow, ['disableDropdown', 'dropDownButtonOptions']),
  Card: spec(Card, none),
  DescriptionList: spec(DescriptionList, ['direction']),
  DescriptionListItem: spec(DescriptionListItem, ['label']),
  Divider: spec(Divider, ['size', 'distance']),
  Spacer: spec(Spacer, ['size']),
  EmptyState: spec(EmptyState, ['flush', 'title', 'layout', 'reverseOrder', 'imageWidth', 'imageName']),
  ErrorState: spec(ErrorState, ['title', 'type']),
  Form: spec(Form, ['onSubmit', 'preventDefault', 'autoComplete']),
  Heading: spec(Heading, ['inline']),
  Image: spec(Image, ['alt', 'href', 'onClick', 'src', 'width', 'height', 'overlay']),
  Input: spec(Input, [...TEXT_FIELD, 'type']),
  Link: spec(Link, ['href', 'variant', 'onClick', 'preventDefault', 'overlay']),
  TextArea: spec(TextArea, [...TEXT_FIELD, 'cols', 'maxLength', 'rows', 'resize']),
  Textarea: spec(Textarea, [...TEXT_FIELD, 'cols', 'maxLength', 'rows', 'resize']),
  LoadingSpinner: spec(LoadingSpinner, ['label', 'showLabel', 'size', 'layout']),
  ProgressBar: spec(ProgressBar, ['title', 'aria-label', 'showPercentage', 'value', 'maxValue', 'valueDescription', 'variant', 'valueMax']),
  Select: spec(Select, ['value', 'onChange', 'variant', 'onInput', 'options', 'label', 'name', 'required', 'readOnly', 'description', 'tooltip', 'placeholder', 'error', 'validationMessage']),
  Tag: spec(Tag, ['variant', 'onClick', 'inline', 'overlay']),
  Text: spec(Text, ['variant', 'inline', 'format', 'truncate']),
  Tile: spec(Tile, ['compact', 'flush']),
  Stack: spec(Stack, ['distance', 'direction', 'justify', 'align', 'width']),
  ToggleGroup: spec(ToggleGroup, ['toggleType', 'onChange', 'value', 'name', 'label', 'validationMessage', 'required', 'tooltip', 'error', 'options', 'inline', 'variant', 'size']),
  StatisticsItem: spec(StatisticsItem, ['id', 'label', 'number']),
  Statistics: spec(Statistics, none),
  StatisticsTrend: spec(StatisticsTrend, ['value', 'direction', 'color']),
  Table: spec(Table, ['paginated', 'bordered', 'flush', 'density', 'pageCount', 'showButtonLabels', 'showFirstLastButtons', 'maxVisiblePageButtons', 'page', 'onPageChange']),
  TableFooter: spec(TableFooter, none),
  TableCell: spec(TableCell, ['align', 'width', 'colSpan']),
  TableRow: spec(TableRow, none),
  TableBody: spec(TableBody, none),
  TableHeader: spec(TableHeader, ['sortDirection', 'onSortChange', 'disabled', 'align', 'width']),
  TableHead: spec(TableHead, none),
  NumberInput: spec(NumberInput, [...TEXT_FIELD, 'min', 'max', 'precision', 'formatStyle', 'textAlign']),
  Box: spec(Box, ['alignSelf', 'flex']),
  StepIndicator: spec(StepIndicator, ['stepNames', 'direction', 'circleSize', 'currentStep', 'variant', 'onClick']),
  Accordion: spec(Accordion, ['title', 'defaultOpen', 'disabled', 'open', 'size', 'onClick']),
  MultiSelect: spec(MultiSelect, ['value', 'onChange', 'options', 'label', 'name', 'required', 'readOnly', 'description', 'tooltip', 'placeholder', 'error', 'validationMessage', 'variant']),
  Flex: spec(Flex, ['gap', 'direction', 'justify', 'align', 'alignSelf', 'wrap']),
  DateInput: spec(DateInput, [...FIELD.filter((p) => p !== 'placeholder'), 'min', 'max', 'minValidationMessage', 'maxValidationMessage', 'format', 'clearButtonLabel', 'todayButtonLabel', 'timezone']),
  Checkbox: spec(Checkbox, ['value', 'checked', 'readonly', 'readOnly', 'description', 'name', 'variant', 'size', 'onChange', 'inline', 'initialIsChecked', 'aria-label']),
  RadioButton: spec(RadioButton, ['inline', 'value', 'name', 'readOnly', 'description', 'onChange', 'checked', 'readonly', 'variant', 'size', 'initialIsChecked']),
  List: spec(List, ['variant']),
  Toggle: spec(Toggle, ['checked', 'readonly', 'readOnly', 'name', 'size', 'onChange', 'initialIsChecked', 'label', 'labelDisplay', 'textChecked', 'textUnchecked']),
  Dropdown: spec(Dropdown, ['options', 'variant', 'buttonText', 'buttonSize', 'disabled']),
  DropdownButtonItem: spec(DropdownButtonItem, ['onClick', 'overlay']),
  Panel: spec(Panel, OVERLAY),
  PanelFooter: spec(PanelFooter, none),
  PanelBody: spec(PanelBody, none),
  PanelSection: spec(PanelSection, ['flush']),
  StepperInput: spec(StepperInput, [...FIELD, 'stepSize', 'minValueReachedTooltip', 'maxValueReachedTooltip', 'min', 'max', 'precision', 'formatStyle']),
  Modal: spec(Modal, OVERLAY),
  ModalBody: spec(ModalBody, none),
  ModalFooter: spec(ModalFooter, none),
  Icon: spec(Icon, ['color', 'name', 'size', 'screenReaderText']),
  StatusTag: spec(StatusTag, ['variant', 'hollow', 'onClick', 'showRemoveIcon', 'onRemoveClick']),
  LoadingButton: spec(LoadingButton, [...BUTTON, 'loading', 'overlayOptions', 'resultIconName']),
  BarChart: spec(BarChart, CHART),
  LineChart: spec(LineChart, CHART),
  ScoreCircle: spec(ScoreCircle, ['score']),
  Tabs: spec(Tabs, ['onSelectedChange', 'defaultSelected', 'selected', 'variant', 'fill']),
  Tab: spec(Tab, ['disabled', 'tabId', 'title', 'tooltip', 'tooltipPlacement']),
  Illustration: spec(Illustration, ['name', 'alt', 'width', 'height']),
  Tooltip: spec(Tooltip, ['placement']),
  SearchInput: spec(SearchInput, [...TEXT_FIELD, 'clearable']),
  TimeInput: spec(TimeInput, [...FIELD.filter((p) => p !== 'placeholder'), 'min', 'max', 'interval', 'timezone']),
  CurrencyInput: spec(CurrencyInput, [...FIELD, 'currency', 'precision', 'min', 'max']),
  Inline: spec(Inline, ['justify', 'align', 'gap']),
  AutoGrid: spec(AutoGrid, ['columnWidth', 'gap', 'flexible']),
};

export const CRM_COMPONENTS: Readonly<Record<string, HostComponentSpec>> = {
  CrmPropertyList: spec(CrmPropertyList, ['properties', 'direction', 'objectTypeId', 'objectId']),
  CrmAssociationTable: spec(CrmAssociationTable, ['objectTypeId', 'propertyColumns', 'quickFilterProperties', 'searchable', 'pagination', 'associationLabelFilter', 'pageSize', 'preFilters', 'sort']),
  CrmDataHighlight: spec(CrmDataHighlight, ['properties', 'objectTypeId', 'objectId']),
  CrmReport: spec(CrmReport, ['reportId', 'use']),
  CrmAssociationPivot: spec(CrmAssociationPivot, ['objectTypeId', 'associationLabels', 'maxAssociations', 'preFilters', 'sort']),
  CrmAssociationPropertyList: spec(CrmAssociationPropertyList, ['objectTypeId', 'properties', 'associationLabels', 'filters', 'sort']),
  CrmAssociationStageTracker: spec(CrmAssociationStageTracker, ['objectTypeId', 'properties', 'associationLabels', 'filters', 'showProperties', 'sort']),
  CrmSimpleDeadline: spec(CrmSimpleDeadline, ['endDatePropertyName', 'properties', 'progressTheme', 'showProperties', 'startDatePropertyName']),
  CrmStageTracker: spec(CrmStageTracker, ['objectId', 'objectTypeId', 'properties', 'showProperties']),
  CrmStatistics: spec(CrmStatistics, ['objectTypeId', 'statistics']),
  CrmActionButton: spec(CrmActionButton, ['variant', 'type', 'size', 'onClick', 'disabled', 'actionType', 'actionContext', 'onError']),
  CrmActionLink: spec(CrmActionLink, ['variant', 'onClick', 'actionType', 'actionContext', 'onError']),
  CrmCardActions: spec(CrmCardActions, ['actionConfigs', 'onError']),
};

export const PAGE_COMPONENTS: Readonly<Record<string, HostComponentSpec>> = {
  HeaderActions: spec(HeaderActions, none),
  PrimaryHeaderActionButton: spec(PrimaryHeaderActionButton, ['onClick', 'href', 'disabled', 'overlay']),
  SecondaryHeaderActionButton: spec(SecondaryHeaderActionButton, ['onClick', 'href', 'disabled', 'overlay']),
  PageHeader: spec(PageHeader, none),
  PageHeaderPrimaryAction: spec(PageHeaderPrimaryAction, none),
  PageHeaderSecondaryActions: spec(PageHeaderSecondaryActions, none),
  PageHeaderLink: spec(PageHeaderLink, ['href', 'onClick', 'disabled']),
  PageHeaderPageLink: spec(PageHeaderPageLink, PAGE_LINK),
  PageBreadcrumbs: spec(PageBreadcrumbs, none),
  PageBreadcrumbsPageLink: spec(PageBreadcrumbsPageLink, PAGE_LINK),
  PageBreadcrumbsCurrent: spec(PageBreadcrumbsCurrent, none),
  PageLink: spec(PageLink, PAGE_LINK),
  PageTitle: spec(PageTitle, none),
};

const PADDING = ['padding', 'paddingInline', 'paddingBlock'];
const MARGIN = ['marginTop', 'marginBottom', 'marginLeft', 'marginRight'];

/** The experimental version of a standard component: the same, with padding (layouts) or margins (controls). */
function experimental(base: string, extra: 'padding' | 'margin'): HostComponentSpec {
  const standard = STANDARD_COMPONENTS[base];
  if (!standard) throw new Error(`no standard component ${base}`);
  const Inner = standard.component;
  function Experimental(props: HsProps) {
    const style =
      extra === 'padding'
        ? { padding: distance(props.padding, '0'), ...(props.paddingInline !== undefined ? { paddingInline: distance(props.paddingInline) } : {}), ...(props.paddingBlock !== undefined ? { paddingBlock: distance(props.paddingBlock) } : {}) }
        : { marginTop: distance(props.marginTop), marginBottom: distance(props.marginBottom), marginLeft: distance(props.marginLeft), marginRight: distance(props.marginRight) };
    return (
      <div className={`hs-experimental hs-experimental-${extra}`} data-hs={`Experimental${base}`} style={{ ...style, display: extra === 'margin' ? 'inline-block' : undefined }}>
        <Inner {...props} />
      </div>
    );
  }
  Experimental.displayName = `Experimental${base}`;
  return { component: Experimental, props: [...standard.props, ...(extra === 'padding' ? PADDING : MARGIN)] };
}

export const EXPERIMENTAL_COMPONENTS: Readonly<Record<string, HostComponentSpec>> = {
  Iframe: spec(Iframe, ['height', 'src']),
  MediaObject: spec(MediaObject, ['align', 'spacing', 'itemLeft', 'itemRight']),
  Stack2: spec(Stack2, ['align', 'gap', 'fullWidth', 'fullHeight']),
  Center: spec(Center, ['maxContentSize', 'gutter', 'fullWidth', 'fullHeight']),
  Grid: spec(Grid, ['justify', 'align', 'gap', 'size']),
  GridItem: spec(GridItem, ['size', 'offset']),
  SettingsView: spec(SettingsView, ['saveBarVisible', 'numberOfSettingsChanged', 'onSave', 'onCancel']),
  ExpandableText: spec(ExpandableText, ['maxHeight', 'expandButtonText', 'collapseButtonText', 'expanded']),
  FileInput: spec(FileInput, ['value', 'name', 'onChange']),
  FileUpload: spec(FileUpload, ['onChange', 'fileLimit', 'attachToRecord', 'allowedFileExtensions']),
  FileViewer: spec(FileViewer, ['source', 'fileIds', 'displayMode', 'autoRefresh']),
  ...Object.fromEntries((['Flex', 'Box', 'Inline', 'AutoGrid', 'ButtonRow'] as const).map((b) => [`Experimental${b}`, experimental(b, 'padding')])),
  ...Object.fromEntries(
    (['Button', 'LoadingButton', 'Input', 'TextArea', 'NumberInput', 'DateInput', 'TimeInput', 'CurrencyInput', 'StepperInput', 'SearchInput', 'Select', 'MultiSelect', 'Checkbox', 'RadioButton', 'Toggle'] as const).map((b) => [
      `Experimental${b}`,
      experimental(b, 'margin'),
    ]),
  ),
};

export const HOST_COMPONENTS: Readonly<Record<string, HostComponentSpec>> = { ...STANDARD_COMPONENTS, ...CRM_COMPONENTS, ...PAGE_COMPONENTS, ...EXPERIMENTAL_COMPONENTS };

const ALWAYS_ACCEPTED = new Set(['children', 'testId']);

/** What is wrong with the props a card gave: documented props the sandbox cannot draw, and undocumented ones. */
export function propProblems(spec: HostComponentSpec, props: HsProps): { unsupported: string[]; undocumented: string[] } {
  const given = Object.keys(props).filter((k) => props[k] !== undefined && !ALWAYS_ACCEPTED.has(k));
  return {
    unsupported: given.filter((k) => spec.unsupported?.[k] !== undefined),
    undocumented: given.filter((k) => !spec.props.includes(k)),
  };
}

/** A visible note for documented props the sandbox does not draw as HubSpot does. */
export function UnsupportedProps({ component, props, reasons }: { component: string; props: readonly string[]; reasons: Readonly<Record<string, string>> }) {
  return (
    <span className="sbx-unsupported sbx-unsupported-prop" data-sbx-unsupported={`${component}.${props.join(',')}`} role="note">
      {component}: {props.length === 1 ? 'prop' : 'props'} {props.map((p) => `"${p}"${reasons[p] ? ` (${reasons[p]})` : ''}`).join(', ')} not drawn as HubSpot does by the sandbox
    </span>
  );
}

/** A small note for props HubSpot does not document for the component (the card probably has a typo). */
export function UndocumentedProps({ component, props }: { component: string; props: readonly string[] }) {
  return (
    <span className="sbx-card-warning" data-sbx-warning={`${component}.${props.join(',')}`} role="note" title={`@hubspot/ui-extensions 0.17.0 documents no ${props.join(', ')} for ${component}`}>
      ⚠ {component} has no {props.length === 1 ? 'prop' : 'props'} {props.map((p) => `"${p}"`).join(', ')}
    </span>
  );
}

/** The placeholder for a component the sandbox does not draw. Its children still render inside it. */
export function UnsupportedComponent({ type, children }: { type: string; children?: HsProps['children'] }) {
  const host = useCardHost();
  useEffect(() => {
    host.report({ kind: 'unsupported-component', component: type, detail: `the sandbox does not draw ${type}` });
  }, [host, type]);
  return (
    <div className="sbx-unsupported sbx-unsupported-component" data-sbx-unsupported={type} role="note">
      <div className="sbx-unsupported-title">Unsupported component: {type}</div>
      {children !== undefined ? <div className="sbx-unsupported-children">{children}</div> : null}
    </div>
  );
}

/**
 * Where a component's notes go so the DOM stays valid: inside a table section or row they get a row of their own,
 * inside a cell they go in the cell; elsewhere they follow the component.
 */
const TABLE_SECTIONS = new Set(['TableHead', 'TableBody', 'TableFooter']);
const TABLE_CELLS = new Set(['TableCell', 'TableHeader']);

function placeNotes(name: string, element: ReactNode, notes: ReactNode, Inner: ComponentType<HsProps>, props: HsProps): ReactNode {
  if (notes === null) return element;
  const row = (
    <tr className="sbx-note-row">
      <td colSpan={99}>{notes}</td>
    </tr>
  );
  if (TABLE_SECTIONS.has(name)) {
    return (
      <>
        {element}
        <tbody className="sbx-note-section">{row}</tbody>
      </>
    );
  }
  if (name === 'TableRow') {
    return (
      <>
        {element}
        {row}
      </>
    );
  }
  if (TABLE_CELLS.has(name)) {
    return (
      <Inner {...props}>
        {props.children}
        {notes}
      </Inner>
    );
  }
  return (
    <>
      {element}
      {notes}
    </>
  );
}

function withPropCheck(name: string, spec: HostComponentSpec): ComponentType<HsProps> {
  const Inner = spec.component;
  function Checked(props: HsProps) {
    const host = useCardHost();
    const { unsupported, undocumented } = propProblems(spec, props);
    const key = `${unsupported.join(',')}|${undocumented.join(',')}`;
    useEffect(() => {
      if (unsupported.length > 0) host.report({ kind: 'unsupported-prop', component: name, detail: `the sandbox does not draw ${unsupported.map((p) => `"${p}"`).join(', ')} as HubSpot does` });
      if (undocumented.length > 0) host.report({ kind: 'undocumented-prop', component: name, detail: `HubSpot documents no ${undocumented.map((p) => `"${p}"`).join(', ')} for ${name}` });
    }, [host, key]);
    const notes =
      unsupported.length + undocumented.length === 0 ? null : (
        <>
          {unsupported.length > 0 ? <UnsupportedProps component={name} props={unsupported} reasons={spec.unsupported ?? {}} /> : null}
          {undocumented.length > 0 ? <UndocumentedProps component={name} props={undocumented} /> : null}
        </>
      );
    return <>{placeNotes(name, <Inner {...props} />, notes, Inner, props)}</>;
  }
  Checked.displayName = `Hs${name}`;
  return Checked;
}

/**
 * The remote-ui controller the card frames render with. Unknown component names get a placeholder component (one per
 * name, so its identity is stable across renders) instead of remote-ui's "Unknown component" exception.
 */
export function createHostController(components: Readonly<Record<string, HostComponentSpec>> = HOST_COMPONENTS): Controller {
  const mapped = new Map<string, ComponentType<HsProps>>(Object.entries(components).map(([name, s]) => [name, withPropCheck(name, s)]));
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
