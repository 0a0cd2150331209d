/** @jest-environment jsdom */
import { Button, CurrencyInput, DateInput, Form, MultiSelect, NumberInput, RadioButton, StepperInput, TimeInput, Toggle, ToggleGroup } from '@hubspot/ui-extensions';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { formatDateInput } from './forms';
import { renderCard } from './render-remote';

describe('StepperInput', () => {
  it('steps down and up by stepSize with − and +, stopping at min and max with their tooltips', async () => {
    const onChange = jest.fn();
    await renderCard(<StepperInput label="Quantity" name="qty" defaultValue={1} min={0} max={4} stepSize={2} minValueReachedTooltip="No fewer" onChange={onChange} />);
    const minus = screen.getByRole('button', { name: 'Decrease' });
    const plus = screen.getByRole('button', { name: 'Increase' });
    await act(async () => fireEvent.click(plus));
    expect((screen.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement).value).toBe('3');
    await act(async () => fireEvent.click(plus));
    expect((screen.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement).value).toBe('4');
    expect(plus.hasAttribute('disabled')).toBe(true);
    await act(async () => fireEvent.click(minus));
    await act(async () => fireEvent.click(minus));
    await act(async () => fireEvent.click(minus));
    expect((screen.getByRole('textbox', { name: 'Quantity' }) as HTMLInputElement).value).toBe('0');
    expect(minus.hasAttribute('disabled')).toBe(true);
    expect(minus.getAttribute('title')).toBe('No fewer');
    await waitFor(() => expect(onChange.mock.calls.map((c) => c[0])).toEqual([3, 4, 2, 0]));
  });
});

describe('number fields', () => {
  it('NumberInput shows the percentage style and hands the card a number when left', async () => {
    const onChange = jest.fn();
    await renderCard(<NumberInput label="Share" name="share" value={12.5} formatStyle="percentage" precision={1} onChange={onChange} />);
    const input = screen.getByRole('textbox', { name: 'Share' }) as HTMLInputElement;
    expect(input.value).toBe('12.5%');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '40' } });
    fireEvent.blur(input, { target: { value: '40' } });
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(40));
  });

  it('CurrencyInput shows the amount in its currency and clamps it to min and max', async () => {
    const onChange = jest.fn();
    await renderCard(<CurrencyInput label="Budget" name="budget" currency="EUR" defaultValue={1234.5} max={2000} onChange={onChange} />);
    const input = screen.getByRole('textbox', { name: 'Budget' }) as HTMLInputElement;
    expect(input.value).toBe('€1,234.50');
    fireEvent.focus(input);
    fireEvent.blur(input, { target: { value: '5000' } });
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(2000));
  });

  it('submits the number, not its formatted text', async () => {
    const onSubmit = jest.fn();
    await renderCard(
      <Form onSubmit={onSubmit}>
        <NumberInput label="Seats" name="seats" defaultValue={1200} />
        <Button type="submit">Save</Button>
      </Form>,
    );
    expect((screen.getByRole('textbox', { name: 'Seats' }) as HTMLInputElement).value).toBe('1,200');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    await waitFor(() => expect(onSubmit.mock.calls[0]?.[0].targetValue).toEqual({ seats: 1200 }));
  });
});

describe('dates and times', () => {
  it('DateInput hands the card HubSpot’s date object with the formatted date', async () => {
    const onChange = jest.fn();
    await renderCard(<DateInput label="Start" name="start" format="long" onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Start'), { target: { value: '1986-09-04' } });
    await waitFor(() => expect(onChange).toHaveBeenCalledWith({ year: 1986, month: 8, date: 4, formattedDate: 'September 4, 1986' }));
    expect(screen.getByText('September 4, 1986')).toBeTruthy();
  });

  it('DateInput says when the date is before min', async () => {
    await renderCard(<DateInput label="Start" name="start" value={{ year: 2020, month: 0, date: 1 }} min={{ year: 2021, month: 0, date: 1 }} minValidationMessage="Too early" />);
    expect(screen.getByText('Too early')).toBeTruthy();
  });

  test.each`
    format          | text
    ${'short'}      | ${'09/04/1986'}
    ${'L'}          | ${'09/04/1986'}
    ${'medium'}     | ${'Sep 4, 1986'}
    ${'ll'}         | ${'Sep 4, 1986'}
    ${'long'}       | ${'September 4, 1986'}
    ${'standard'}   | ${'1986-09-04'}
    ${'YYYY-MM-DD'} | ${'1986-09-04'}
  `('formats $format as $text', ({ format, text }: { format: string; text: string }) => {
    expect(formatDateInput({ year: 1986, month: 8, date: 4 }, format)).toBe(text);
  });

  it('TimeInput offers times every interval minutes between min and max', async () => {
    const onChange = jest.fn();
    await renderCard(<TimeInput label="At" name="at" interval={60} min={{ hours: 9, minutes: 0 }} max={{ hours: 11, minutes: 0 }} onChange={onChange} />);
    const select = screen.getByRole('combobox', { name: 'At' });
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Select a time', '9:00 AM', '10:00 AM', '11:00 AM']);
    fireEvent.change(select, { target: { value: String(10 * 60) } });
    await waitFor(() => expect(onChange).toHaveBeenCalledWith({ hours: 10, minutes: 0 }));
  });
});

describe('choices', () => {
  const OPTIONS = [
    { label: 'Red', value: 'r' },
    { label: 'Green', value: 'g' },
    { label: 'Blue', value: 'b' },
  ];

  it('MultiSelect adds and removes values, as tags', async () => {
    const onChange = jest.fn();
    await renderCard(<MultiSelect label="Colours" name="colours" options={OPTIONS} value={['g']} onChange={onChange} />);
    expect(screen.getByText('Green')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Colours' }), { target: { value: '1' } });
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith(['g', 'b']));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Green' }));
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith(['b']));
  });

  it('ToggleGroup of checkboxes hands back the checked values; of radio buttons, the chosen one', async () => {
    const onChecks = jest.fn();
    const onRadio = jest.fn();
    await renderCard(
      <>
        <ToggleGroup toggleType="checkboxList" label="Checks" name="checks" options={OPTIONS.map((o, i) => ({ ...o, initialIsChecked: i === 0 }))} onChange={onChecks} />
        <ToggleGroup toggleType="radioButtonList" label="Radio" name="radio" options={OPTIONS} onChange={onRadio} />
      </>,
    );
    fireEvent.click(screen.getAllByLabelText('Blue')[0] as HTMLElement);
    await waitFor(() => expect(onChecks).toHaveBeenLastCalledWith(['r', 'b']));
    fireEvent.click(screen.getAllByLabelText('Green')[1] as HTMLElement);
    await waitFor(() => expect(onRadio).toHaveBeenLastCalledWith('g'));
    expect(screen.getByRole('radiogroup').querySelectorAll('input[type=radio]')).toHaveLength(3);
  });

  it('RadioButton reports checked and its value; Toggle shows its on/off text', async () => {
    const onChange = jest.fn();
    await renderCard(
      <>
        <RadioButton name="plan" value="pro" onChange={onChange}>
          Pro
        </RadioButton>
        <Toggle label="Active" textChecked="Yes" textUnchecked="No" />
      </>,
    );
    fireEvent.click(screen.getByLabelText('Pro'));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(true, 'pro'));
    expect(screen.getByText('No')).toBeTruthy();
    fireEvent.click(screen.getByRole('switch'));
    expect(screen.getByText('Yes')).toBeTruthy();
  });
});
