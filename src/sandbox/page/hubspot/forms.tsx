/**
 * Form controls: Form, the text, number, stepper, currency, date and time inputs, Select and MultiSelect, Checkbox,
 * RadioButton, Toggle and ToggleGroup. Values the card controls (`value`) are mirrored locally while the user types,
 * so a keystroke never waits for the worker's round trip; the card's next `value` wins when it arrives.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { bool, callRemote, extensionEvent, fn, hsAttrs, list, num, oneOf, record, str, type HsProps } from './props';

export function Form(props: HsProps) {
  const onSubmit = fn(props.onSubmit);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    // A page reload would unload every card; HubSpot never navigates on submit either.
    e.preventDefault();
    const values: Record<string, string | number> = {};
    for (const el of Array.from(e.currentTarget.elements)) {
      if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) || !el.name) continue;
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
      // Number fields show a formatted number and keep the number itself in data-value.
      const raw = el.dataset.value ?? el.value;
      const value = el.dataset.number === 'true' && raw !== '' ? Number(raw) : el.value;
      // Several checked boxes of one name (a checkbox ToggleGroup, a MultiSelect) are joined as HubSpot joins
      // multiple values: with semicolons.
      values[el.name] = el.name in values && typeof value === 'string' ? `${String(values[el.name])};${value}` : value;
    }
    void callRemote(onSubmit, { ...extensionEvent(e.nativeEvent), targetValue: values });
  };
  return (
    <form {...hsAttrs('Form', props)} className="hs-form" autoComplete={oneOf(props.autoComplete, ['on', 'off'])} onSubmit={submit} noValidate>
      {props.children}
    </form>
  );
}

function Field({ id, props, children, labelFor = true }: { id: string; props: HsProps; children: ReactNode; labelFor?: boolean }) {
  const label = str(props.label);
  const description = str(props.description);
  const tooltip = str(props.tooltip);
  const message = str(props.validationMessage);
  const error = bool(props.error) === true;
  const content = (
    <>
      {label}
      {bool(props.required) ? <span className="hs-required"> *</span> : null}
      {tooltip ? (
        <span className="hs-field-tooltip" title={tooltip} aria-label={tooltip}>
          i
        </span>
      ) : null}
    </>
  );
  return (
    <div className={`hs-field${error ? ' hs-field-error' : ''}`}>
      {label ? (
        labelFor ? (
          <label htmlFor={id} className="hs-field-label">
            {content}
          </label>
        ) : (
          <span id={`${id}-label`} className="hs-field-label">
            {content}
          </span>
        )
      ) : null}
      {description ? <div className="hs-field-description">{description}</div> : null}
      {children}
      {message ? <div className={error ? 'hs-validation-error' : 'hs-validation-message'}>{message}</div> : null}
    </div>
  );
}

/** Local mirror of a controlled value, reset whenever the card sends a new one (compared as JSON). */
function useMirror<T>(controlled: T | undefined, initial: T): [T, (v: T) => void] {
  const [local, setLocal] = useState<T>(controlled ?? initial);
  const key = JSON.stringify(controlled);
  useEffect(() => {
    if (controlled !== undefined) setLocal(controlled);
  }, [key]);
  return [local, setLocal];
}

function TextControl({ name, props, multiline }: { name: string; props: HsProps; multiline: boolean }) {
  const id = useId();
  const controlled = props.value === undefined ? undefined : String(props.value ?? '');
  const [value, setValue] = useMirror<string>(controlled, props.defaultValue === undefined ? '' : String(props.defaultValue));
  const common = {
    id,
    name: str(props.name),
    value,
    placeholder: str(props.placeholder),
    readOnly: bool(props.readOnly) === true,
    required: bool(props.required) === true,
    'aria-invalid': bool(props.error) === true || undefined,
    className: 'hs-input',
    onChange: (e: { currentTarget: { value: string } }) => {
      const v = e.currentTarget.value;
      setValue(v);
      void callRemote(fn(props.onInput), v);
      // HubSpot's onChange fires on commit for text fields; for the sandbox, typing is a commit too unless onInput
      // is given, so a card that only listens to onChange still sees the value.
      if (!fn(props.onInput)) void callRemote(fn(props.onChange), v);
    },
    onBlur: () => {
      void callRemote(fn(props.onBlur), value);
      if (fn(props.onInput)) void callRemote(fn(props.onChange), value);
    },
    onFocus: () => void callRemote(fn(props.onFocus), value),
  };
  const control = multiline ? (
    <textarea {...common} rows={num(props.rows)} cols={num(props.cols)} maxLength={num(props.maxLength)} style={{ resize: oneOf(props.resize, ['vertical', 'horizontal', 'both', 'none']) ?? 'both' }} />
  ) : name === 'SearchInput' ? (
    <span className="hs-search-wrap">
      <span className="hs-search-icon" aria-hidden="true">
        ⌕
      </span>
      <input {...common} type="search" />
      {bool(props.clearable) !== false && value !== '' ? (
        <button
          type="button"
          className="hs-search-clear"
          aria-label="Clear"
          onClick={() => {
            setValue('');
            void callRemote(fn(props.onInput), '');
            void callRemote(fn(props.onChange), '');
          }}
        >
          ×
        </button>
      ) : null}
    </span>
  ) : (
    <input {...common} type={oneOf(props.type, ['text', 'password']) ?? 'text'} />
  );
  return (
    <div {...hsAttrs(name, props)} className="hs-field-wrap">
      <Field id={id} props={props}>
        {control}
      </Field>
    </div>
  );
}

export const Input = (props: HsProps) => <TextControl name="Input" props={props} multiline={false} />;
export const SearchInput = (props: HsProps) => <TextControl name="SearchInput" props={props} multiline={false} />;
export const TextArea = (props: HsProps) => <TextControl name="TextArea" props={props} multiline />;
export const Textarea = (props: HsProps) => <TextControl name="Textarea" props={props} multiline />;

// --- numbers ----------------------------------------------------------------------------------------------------

/** A number as the field shows it while not being edited: `precision` decimals, `%` for the percentage style. */
export function formatNumberField(value: number | undefined, options: { precision?: number; percentage?: boolean; currency?: string }): string {
  if (value === undefined) return '';
  const digits = options.precision;
  if (options.currency) {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: options.currency, ...(digits !== undefined ? { minimumFractionDigits: digits, maximumFractionDigits: digits } : {}) }).format(value);
  }
  const text = new Intl.NumberFormat('en-US', { useGrouping: true, ...(digits !== undefined ? { minimumFractionDigits: digits, maximumFractionDigits: digits } : { maximumFractionDigits: 20 }) }).format(value);
  return options.percentage ? `${text}%` : text;
}

const clamp = (v: number, min?: number, max?: number) => Math.min(max ?? Infinity, Math.max(min ?? -Infinity, v));
const roundTo = (v: number, precision?: number) => (precision === undefined ? v : Math.round(v * 10 ** precision) / 10 ** precision);

/**
 * NumberInput, StepperInput and CurrencyInput: shows the formatted number until focused, then the raw number;
 * `onChange` gets a number (or undefined when cleared) when the field is left; the stepper's − and + move by
 * `stepSize` within `min`/`max` and say, in their tooltip, when a bound is reached.
 */
function NumericControl({ name, props, stepper, currency }: { name: string; props: HsProps; stepper: boolean; currency?: string }) {
  const id = useId();
  const precision = num(props.precision);
  const min = num(props.min);
  const max = num(props.max);
  const percentage = str(props.formatStyle) === 'percentage';
  const [value, setValue] = useMirror<number | undefined>(num(props.value), num(props.defaultValue));
  const [text, setText] = useState<string | null>(null);
  const readOnly = bool(props.readOnly) === true;
  const step = num(props.stepSize) ?? 1;
  const commit = (next: number | undefined) => {
    const v = next === undefined ? undefined : roundTo(clamp(next, min, max), precision);
    setValue(v);
    void callRemote(fn(props.onChange), v);
    return v;
  };
  const shown = text ?? formatNumberField(value, { ...(precision !== undefined ? { precision } : {}), percentage, ...(currency ? { currency } : {}) });
  const input = (
    <input
      id={id}
      name={str(props.name)}
      className="hs-input hs-number-input"
      inputMode="decimal"
      value={shown}
      data-number="true"
      data-value={value ?? ''}
      placeholder={str(props.placeholder)}
      readOnly={readOnly}
      required={bool(props.required) === true}
      aria-invalid={bool(props.error) === true || undefined}
      style={{ textAlign: oneOf(props.textAlign, ['left', 'right']) ?? 'left' }}
      onFocus={() => {
        setText(value === undefined ? '' : String(value));
        void callRemote(fn(props.onFocus), value);
      }}
      onChange={(e) => {
        setText(e.currentTarget.value);
        const n = Number(e.currentTarget.value);
        if (e.currentTarget.value.trim() !== '' && Number.isFinite(n)) void callRemote(fn(props.onInput), n);
      }}
      onBlur={(e) => {
        const raw = e.currentTarget.value.replace(/[^\d.+-eE]/g, '');
        const n = raw.trim() === '' ? undefined : Number(raw);
        setText(null);
        const v = commit(n !== undefined && Number.isFinite(n) ? n : value);
        void callRemote(fn(props.onBlur), v);
      }}
    />
  );
  const atMin = min !== undefined && value !== undefined && value <= min;
  const atMax = max !== undefined && value !== undefined && value >= max;
  return (
    <div {...hsAttrs(name, props)} className="hs-field-wrap">
      <Field id={id} props={props}>
        {stepper ? (
          <span className="hs-stepper">
            <StepButton label="Decrease" sign="−" disabled={readOnly || atMin} limit={atMin ? (str(props.minValueReachedTooltip) ?? `The minimum is ${formatValueOf(min)}`) : undefined} onClick={() => commit((value ?? min ?? 0) - step)} />
            {input}
            <StepButton label="Increase" sign="+" disabled={readOnly || atMax} limit={atMax ? (str(props.maxValueReachedTooltip) ?? `The maximum is ${formatValueOf(max)}`) : undefined} onClick={() => commit((value ?? min ?? 0) + step)} />
          </span>
        ) : (
          input
        )}
      </Field>
    </div>
  );
}

const formatValueOf = (v: number | undefined) => (v === undefined ? '' : String(v));

/** The stepper's − or + button; at a bound it is disabled and its tooltip says so. */
function StepButton({ label, sign, disabled, limit, onClick }: { label: string; sign: string; disabled: boolean; limit: string | undefined; onClick: () => void }) {
  return (
    <button type="button" className="hs-stepper-button" aria-label={label} disabled={disabled} title={limit} onClick={onClick}>
      {sign}
    </button>
  );
}

export const NumberInput = (props: HsProps) => <NumericControl name="NumberInput" props={props} stepper={false} />;
export const StepperInput = (props: HsProps) => <NumericControl name="StepperInput" props={props} stepper />;
export const CurrencyInput = (props: HsProps) => <NumericControl name="CurrencyInput" props={props} stepper={false} currency={str(props.currency) ?? 'USD'} />;

// --- dates and times ----------------------------------------------------------------------------------------------

interface BaseDate {
  readonly year: number;
  readonly month: number;
  readonly date: number;
}

/** An object of numbers (HubSpot's date and time values), or undefined when one of `keys` is not a number. */
function numbersOf<K extends string>(v: unknown, keys: readonly K[]): Record<K, number> | undefined {
  const r = record(v);
  const out: Partial<Record<K, number>> = {};
  for (const k of keys) {
    const n = num(r?.[k]);
    if (n === undefined) return undefined;
    out[k] = n;
  }
  return out as Record<K, number>;
}

const dateOf = (v: unknown): BaseDate | undefined => numbersOf(v, ['year', 'month', 'date'] as const);
const isoOf = (d: BaseDate) => `${String(d.year).padStart(4, '0')}-${String(d.month + 1).padStart(2, '0')}-${String(d.date).padStart(2, '0')}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date in one of DateInput's documented formats. */
export function formatDateInput(d: BaseDate, format: string): string {
  const month = MONTHS[d.month] ?? '';
  switch (format) {
    case 'long':
    case 'LL':
      return `${month} ${d.date}, ${d.year}`;
    case 'medium':
    case 'll':
      return `${month.slice(0, 3)} ${d.date}, ${d.year}`;
    case 'standard':
    case 'YYYY-MM-DD':
      return isoOf(d);
    default:
      return `${String(d.month + 1).padStart(2, '0')}/${String(d.date).padStart(2, '0')}/${d.year}`;
  }
}

export function DateInput(props: HsProps) {
  const id = useId();
  const format = str(props.format) ?? 'short';
  const [value, setValue] = useMirror<BaseDate | null>(props.value === undefined ? undefined : (dateOf(props.value) ?? null), dateOf(props.defaultValue) ?? null);
  const min = dateOf(props.min);
  const max = dateOf(props.max);
  const payload = (d: BaseDate | null) => (d ? { ...d, formattedDate: formatDateInput(d, format) } : null);
  const change = (d: BaseDate | null) => {
    setValue(d);
    void callRemote(fn(props.onChange), payload(d));
  };
  const outOfRange = value !== null && ((min !== undefined && isoOf(value) < isoOf(min)) || (max !== undefined && isoOf(value) > isoOf(max)));
  const today = new Date();
  return (
    <div {...hsAttrs('DateInput', props)} className="hs-field-wrap">
      <Field id={id} props={props}>
        <span className="hs-date-input">
          <input
            id={id}
            type="date"
            name={str(props.name)}
            className="hs-input"
            value={value ? isoOf(value) : ''}
            min={min ? isoOf(min) : undefined}
            max={max ? isoOf(max) : undefined}
            readOnly={bool(props.readOnly) === true}
            required={bool(props.required) === true}
            aria-invalid={bool(props.error) === true || outOfRange || undefined}
            onChange={(e) => {
              const [y, m, d] = e.currentTarget.value.split('-').map(Number);
              change(y && m && d ? { year: y, month: m - 1, date: d } : null);
            }}
            onBlur={() => void callRemote(fn(props.onBlur), payload(value))}
            onFocus={() => void callRemote(fn(props.onFocus), payload(value))}
          />
          {value ? <span className="hs-date-formatted">{formatDateInput(value, format)}</span> : null}
          <button type="button" className="hs-button hs-button-transparent hs-size-xs" onClick={() => change({ year: today.getFullYear(), month: today.getMonth(), date: today.getDate() })}>
            {str(props.todayButtonLabel) ?? 'Today'}
          </button>
          <button type="button" className="hs-button hs-button-transparent hs-size-xs" onClick={() => change(null)}>
            {str(props.clearButtonLabel) ?? 'Clear'}
          </button>
        </span>
        {outOfRange ? (
          <div className="hs-validation-error">{value && min && isoOf(value) < isoOf(min) ? (str(props.minValidationMessage) ?? 'Date is before the minimum') : (str(props.maxValidationMessage) ?? 'Date is after the maximum')}</div>
        ) : null}
      </Field>
    </div>
  );
}

interface BaseTime {
  readonly hours: number;
  readonly minutes: number;
}

const timeOf = (v: unknown): BaseTime | undefined => numbersOf(v, ['hours', 'minutes'] as const);
const minutesOf = (t: BaseTime) => t.hours * 60 + t.minutes;
export const formatTime = (t: BaseTime): string => `${t.hours % 12 === 0 ? 12 : t.hours % 12}:${String(t.minutes).padStart(2, '0')} ${t.hours < 12 ? 'AM' : 'PM'}`;

/** A time picked from a list every `interval` minutes (30 by default) between `min` and `max`. */
export function TimeInput(props: HsProps) {
  const id = useId();
  const interval = Math.max(1, num(props.interval) ?? 30);
  const min = timeOf(props.min) ?? { hours: 0, minutes: 0 };
  const max = timeOf(props.max) ?? { hours: 23, minutes: 59 };
  const [value, setValue] = useMirror<BaseTime | null>(props.value === undefined ? undefined : (timeOf(props.value) ?? null), timeOf(props.defaultValue) ?? null);
  const options: BaseTime[] = [];
  for (let m = minutesOf(min); m <= minutesOf(max); m += interval) options.push({ hours: Math.floor(m / 60), minutes: m % 60 });
  if (value && !options.some((o) => minutesOf(o) === minutesOf(value))) options.push(value);
  options.sort((a, b) => minutesOf(a) - minutesOf(b));
  return (
    <div {...hsAttrs('TimeInput', props)} className="hs-field-wrap">
      <Field id={id} props={props}>
        <select
          id={id}
          name={str(props.name)}
          className="hs-input hs-select"
          value={value ? String(minutesOf(value)) : ''}
          disabled={bool(props.readOnly) === true}
          required={bool(props.required) === true}
          aria-invalid={bool(props.error) === true || undefined}
          onChange={(e) => {
            const m = e.currentTarget.value === '' ? null : Number(e.currentTarget.value);
            const t = m === null ? null : { hours: Math.floor(m / 60), minutes: m % 60 };
            setValue(t);
            void callRemote(fn(props.onChange), t);
          }}
          onBlur={() => void callRemote(fn(props.onBlur), value)}
          onFocus={() => void callRemote(fn(props.onFocus), value)}
        >
          <option value="">Select a time</option>
          {options.map((o) => (
            <option key={minutesOf(o)} value={String(minutesOf(o))}>
              {formatTime(o)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

// --- selects ------------------------------------------------------------------------------------------------------

interface Option {
  readonly label: string;
  readonly value: string | number | boolean;
}

function optionsOf(v: unknown): Option[] {
  return (list(v) ?? []).flatMap((o) => {
    const r = record(o);
    const value = r?.value;
    if (!r || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) return [];
    return [{ label: str(r.label) ?? String(value), value }];
  });
}

export function Select(props: HsProps) {
  const id = useId();
  const options = optionsOf(props.options);
  const indexOf = (v: unknown) => options.findIndex((o) => o.value === v);
  const [selected, setSelected] = useMirror<number>(props.value === undefined ? undefined : indexOf(props.value), -1);
  const chosen = options[selected];
  return (
    <div {...hsAttrs('Select', props)} className="hs-field-wrap">
      <Field id={id} props={props}>
        <select
          id={id}
          className={`hs-input hs-select hs-select-${str(props.variant) ?? 'input'}`}
          value={String(selected)}
          disabled={bool(props.readOnly) === true}
          required={bool(props.required) === true}
          aria-invalid={bool(props.error) === true || undefined}
          onChange={(e) => {
            const i = Number(e.currentTarget.value);
            setSelected(i);
            const option = options[i];
            if (option) {
              void callRemote(fn(props.onChange), option.value);
              void callRemote(fn(props.onInput), String(option.value));
            }
          }}
        >
          <option value="-1" disabled>
            {str(props.placeholder) ?? 'Select…'}
          </option>
          {options.map((o, i) => (
            <option key={i} value={String(i)}>
              {o.label}
            </option>
          ))}
        </select>
        {/* The form submits the option's own value, not its position in the list. */}
        {str(props.name) ? <input type="hidden" name={str(props.name)} value={chosen === undefined ? '' : String(chosen.value)} data-number={typeof chosen?.value === 'number' ? 'true' : undefined} /> : null}
      </Field>
    </div>
  );
}

/** Several options, each shown as a removable tag once chosen, with a list to add more. */
export function MultiSelect(props: HsProps) {
  const id = useId();
  const options = optionsOf(props.options);
  const [chosen, setChosen] = useMirror<readonly (string | number | boolean)[]>(list(props.value) as readonly (string | number | boolean)[] | undefined, []);
  const readOnly = bool(props.readOnly) === true;
  const change = (next: readonly (string | number | boolean)[]) => {
    setChosen(next);
    void callRemote(fn(props.onChange), [...next]);
  };
  const rest = options.filter((o) => !chosen.includes(o.value));
  return (
    <div {...hsAttrs('MultiSelect', props)} className="hs-field-wrap">
      <Field id={id} props={props}>
        <div className={`hs-input hs-multiselect hs-select-${str(props.variant) ?? 'input'}`} aria-invalid={bool(props.error) === true || undefined}>
          {chosen.map((v) => {
            const o = options.find((x) => x.value === v);
            return (
              <span key={String(v)} className="hs-tag hs-tag-default hs-multiselect-tag">
                {o?.label ?? String(v)}
                {readOnly ? null : (
                  <button type="button" className="hs-tag-remove" aria-label={`Remove ${o?.label ?? String(v)}`} onClick={() => change(chosen.filter((x) => x !== v))}>
                    ×
                  </button>
                )}
                {str(props.name) ? <input type="hidden" name={str(props.name)} value={String(v)} /> : null}
              </span>
            );
          })}
          {readOnly || rest.length === 0 ? null : (
            <select
              id={id}
              className="hs-multiselect-add"
              value=""
              aria-label={str(props.label) ?? 'Add an option'}
              onChange={(e) => {
                const o = rest[Number(e.currentTarget.value)];
                if (o) change([...chosen, o.value]);
              }}
            >
              <option value="">{chosen.length === 0 ? (str(props.placeholder) ?? 'Select…') : 'Add…'}</option>
              {rest.map((o, i) => (
                <option key={i} value={String(i)}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </div>
      </Field>
    </div>
  );
}

// --- checkboxes, radio buttons and toggles --------------------------------------------------------------------------

function CheckControl({ name, props, kind }: { name: string; props: HsProps; kind: 'checkbox' | 'radio' | 'switch' }) {
  const id = useId();
  const [checked, setChecked] = useMirror<boolean>(bool(props.checked), bool(props.initialIsChecked) === true);
  const readOnly = bool(props.readOnly) === true || bool(props.readonly) === true;
  const value = str(props.value) ?? 'on';
  const label = kind === 'switch' ? str(props.label) : undefined;
  const labelDisplay = str(props.labelDisplay) ?? 'inline';
  const size = str(props.size) ?? str(props.variant) ?? 'md';
  return (
    <div {...hsAttrs(name, props)} className={`hs-check hs-${kind} hs-size-${size}${bool(props.inline) ? ' hs-inline' : ''}${labelDisplay === 'top' ? ' hs-label-top' : ''}`}>
      <input
        id={id}
        type={kind === 'radio' ? 'radio' : 'checkbox'}
        role={kind === 'switch' ? 'switch' : undefined}
        name={str(props.name)}
        value={value}
        checked={checked}
        disabled={readOnly}
        aria-label={str(props['aria-label']) ?? (labelDisplay === 'hidden' ? label : undefined)}
        onChange={(e) => {
          const next = e.currentTarget.checked;
          setChecked(next);
          void callRemote(fn(props.onChange), ...(kind === 'switch' ? [next] : [next, value]));
        }}
      />
      <label htmlFor={id}>
        {kind === 'switch' ? (labelDisplay === 'hidden' ? null : label) : props.children}
        {kind === 'switch' ? <span className="hs-muted"> {checked ? (str(props.textChecked) ?? 'ON') : (str(props.textUnchecked) ?? 'OFF')}</span> : null}
      </label>
      {str(props.description) ? <div className="hs-field-description">{str(props.description)}</div> : null}
    </div>
  );
}

export const Checkbox = (props: HsProps) => <CheckControl name="Checkbox" props={props} kind="checkbox" />;
export const RadioButton = (props: HsProps) => <CheckControl name="RadioButton" props={props} kind="radio" />;
export const Toggle = (props: HsProps) => <CheckControl name="Toggle" props={props} kind="switch" />;

/** A list of checkboxes (`checkboxList`: onChange gets the checked values) or radio buttons (`radioButtonList`). */
export function ToggleGroup(props: HsProps) {
  const id = useId();
  const isRadio = str(props.toggleType) === 'radioButtonList';
  const options = (list(props.options) ?? []).map(record).filter((o): o is Readonly<Record<string, unknown>> => o !== undefined && str(o.value) !== undefined);
  const initial = options.filter((o) => o.initialIsChecked === true).map((o) => String(o.value));
  const controlled = props.value === undefined ? undefined : Array.isArray(props.value) ? props.value.map(String) : [String(props.value)];
  const [checked, setChecked] = useMirror<readonly string[]>(controlled, isRadio ? initial.slice(0, 1) : initial);
  const name = str(props.name) ?? id;
  const size = str(props.size) ?? str(props.variant) ?? 'md';
  return (
    <div {...hsAttrs('ToggleGroup', props)} className="hs-field-wrap">
      <Field id={id} props={props} labelFor={false}>
        <div role={isRadio ? 'radiogroup' : 'group'} aria-labelledby={`${id}-label`} className={`hs-toggle-group${bool(props.inline) ? ' hs-inline' : ''} hs-size-${size}`}>
          {options.map((o) => {
            const value = String(o.value);
            const optionId = `${id}-${value}`;
            return (
              <div key={value} className={`hs-check hs-${isRadio ? 'radio' : 'checkbox'}${bool(props.inline) ? ' hs-inline' : ''}`}>
                <input
                  id={optionId}
                  type={isRadio ? 'radio' : 'checkbox'}
                  name={name}
                  value={value}
                  checked={checked.includes(value)}
                  disabled={o.readOnly === true || o.readonly === true}
                  onChange={(e) => {
                    const next = isRadio ? [value] : e.currentTarget.checked ? [...checked, value] : checked.filter((v) => v !== value);
                    setChecked(next);
                    void callRemote(fn(props.onChange), isRadio ? value : next);
                  }}
                />
                <label htmlFor={optionId}>{str(o.label) ?? value}</label>
                {str(o.description) ? <div className="hs-field-description">{str(o.description)}</div> : null}
              </div>
            );
          })}
        </div>
      </Field>
    </div>
  );
}
