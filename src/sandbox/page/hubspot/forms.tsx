/**
 * Form controls. Values the card controls (`value`) are mirrored locally while the user types, so a keystroke never
 * waits for the worker's round trip; the card's next `value` wins when it arrives.
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
      if (el instanceof HTMLInputElement && el.type === 'checkbox' && !el.checked) continue;
      values[el.name] = el.dataset.number === 'true' && el.value !== '' ? Number(el.value) : el.value;
    }
    void callRemote(onSubmit, { ...extensionEvent(e.nativeEvent), targetValue: values });
  };
  return (
    <form {...hsAttrs('Form', props)} className="hs-form" autoComplete={oneOf(props.autoComplete, ['on', 'off'])} onSubmit={submit} noValidate>
      {props.children}
    </form>
  );
}

function Field({ id, props, children }: { id: string; props: HsProps; children: ReactNode }) {
  const label = str(props.label);
  const description = str(props.description);
  const tooltip = str(props.tooltip);
  const message = str(props.validationMessage);
  const error = bool(props.error) === true;
  return (
    <div className={`hs-field${error ? ' hs-field-error' : ''}`}>
      {label ? (
        <label htmlFor={id} className="hs-field-label">
          {label}
          {bool(props.required) ? <span className="hs-required"> *</span> : null}
          {tooltip ? (
            <span className="hs-field-tooltip" title={tooltip}>
              {' '}
              ⓘ
            </span>
          ) : null}
        </label>
      ) : null}
      {description ? <div className="hs-field-description">{description}</div> : null}
      {children}
      {message ? <div className={error ? 'hs-validation-error' : 'hs-validation-message'}>{message}</div> : null}
    </div>
  );
}

/** Local mirror of a controlled value, reset whenever the card sends a new one. */
function useMirror<T>(controlled: T | undefined, initial: T): [T, (v: T) => void] {
  const [local, setLocal] = useState<T>(controlled ?? initial);
  useEffect(() => {
    if (controlled !== undefined) setLocal(controlled);
  }, [controlled]);
  return [local, setLocal];
}

function TextControl({ name, props, multiline, numeric }: { name: string; props: HsProps; multiline: boolean; numeric: boolean }) {
  const id = useId();
  const controlled = props.value === undefined ? undefined : String(props.value ?? '');
  const [value, setValue] = useMirror<string>(controlled, props.defaultValue === undefined ? '' : String(props.defaultValue));
  const convert = (v: string): unknown => (numeric ? (v === '' ? undefined : Number(v)) : v);
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
      void callRemote(fn(props.onInput), convert(v));
      // HubSpot's onChange fires on commit for text fields; for the sandbox, typing is a commit too unless onInput
      // is given, so a card that only listens to onChange still sees the value.
      if (!fn(props.onInput)) void callRemote(fn(props.onChange), convert(v));
    },
    onBlur: () => {
      void callRemote(fn(props.onBlur), convert(value));
      if (fn(props.onInput)) void callRemote(fn(props.onChange), convert(value));
    },
    onFocus: () => void callRemote(fn(props.onFocus), convert(value)),
  };
  const control = multiline ? (
    <textarea {...common} rows={num(props.rows)} cols={num(props.cols)} maxLength={num(props.maxLength)} style={{ resize: oneOf(props.resize, ['vertical', 'horizontal', 'both', 'none']) ?? 'vertical' }} />
  ) : (
    <input
      {...common}
      type={numeric ? 'number' : oneOf(props.type, ['text', 'password']) ?? (name === 'SearchInput' ? 'search' : 'text')}
      min={num(props.min)}
      max={num(props.max)}
      step={numeric ? (num(props.stepSize) ?? (num(props.precision) ? 10 ** -(num(props.precision) ?? 0) : 'any')) : undefined}
      data-number={numeric ? 'true' : undefined}
      style={{ textAlign: oneOf(props.textAlign, ['left', 'right']) }}
    />
  );
  return (
    <div {...hsAttrs(name, props)} className="hs-field-wrap">
      <Field id={id} props={props}>
        {control}
      </Field>
    </div>
  );
}

export const Input = (props: HsProps) => <TextControl name="Input" props={props} multiline={false} numeric={false} />;
export const SearchInput = (props: HsProps) => <TextControl name="SearchInput" props={props} multiline={false} numeric={false} />;
export const TextArea = (props: HsProps) => <TextControl name="TextArea" props={props} multiline numeric={false} />;
export const Textarea = (props: HsProps) => <TextControl name="Textarea" props={props} multiline numeric={false} />;
export const NumberInput = (props: HsProps) => <TextControl name="NumberInput" props={props} multiline={false} numeric />;
export const StepperInput = (props: HsProps) => <TextControl name="StepperInput" props={props} multiline={false} numeric />;

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
  return (
    <div {...hsAttrs('Select', props)} className="hs-field-wrap">
      <Field id={id} props={props}>
        <select
          id={id}
          name={str(props.name)}
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
      </Field>
    </div>
  );
}

function CheckControl({ name, props, role }: { name: string; props: HsProps; role: 'checkbox' | 'switch' }) {
  const id = useId();
  const [checked, setChecked] = useMirror<boolean>(bool(props.checked), bool(props.initialIsChecked) === true);
  const readOnly = bool(props.readOnly) === true || bool(props.readonly) === true;
  const value = str(props.value) ?? 'on';
  const label = role === 'switch' ? str(props.label) : undefined;
  const labelDisplay = str(props.labelDisplay) ?? 'inline';
  return (
    <div {...hsAttrs(name, props)} className={`hs-check hs-${role}${bool(props.inline) ? ' hs-inline' : ''}`}>
      <input
        id={id}
        type="checkbox"
        role={role === 'switch' ? 'switch' : undefined}
        name={str(props.name)}
        value={value}
        checked={checked}
        disabled={readOnly}
        aria-label={str(props['aria-label']) ?? (labelDisplay === 'hidden' ? label : undefined)}
        onChange={(e) => {
          const next = e.currentTarget.checked;
          setChecked(next);
          void callRemote(fn(props.onChange), next, value);
        }}
      />
      <label htmlFor={id}>
        {role === 'switch' ? (labelDisplay === 'hidden' ? null : label) : props.children}
        {role === 'switch' && (str(props.textChecked) || str(props.textUnchecked)) ? (
          <span className="hs-muted"> {checked ? str(props.textChecked) : str(props.textUnchecked)}</span>
        ) : null}
      </label>
      {str(props.description) ? <div className="hs-field-description">{str(props.description)}</div> : null}
    </div>
  );
}

export const Checkbox = (props: HsProps) => <CheckControl name="Checkbox" props={props} role="checkbox" />;
export const Toggle = (props: HsProps) => <CheckControl name="Toggle" props={props} role="switch" />;
