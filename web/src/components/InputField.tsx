import type { InputHTMLAttributes } from 'react';
import { Field } from './display';

/** A text, date or month input in its {@link Field}: the caller holds the value, the field reports each change. */
export function InputField({
  id,
  label,
  hint,
  error,
  width,
  value,
  onValueChange,
  ...input
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** The dkfds width class, e.g. `input-width-s`. */
  width: string;
  value: string;
  onValueChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'value' | 'onChange'>) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        {...input}
        id={id}
        className={`form-input ${width}`}
        value={value}
        onChange={(event) => {
          onValueChange(event.target.value);
        }}
      />
    </Field>
  );
}
