import type { ReactNode, SelectHTMLAttributes } from 'react';
import { Field } from './display';

/** A dkfds select in its {@link Field}: the caller gives the options and holds the value, the field reports changes. */
export function SelectField({
  id,
  label,
  hint,
  error,
  value,
  onValueChange,
  children,
  ...select
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string | number;
  onValueChange: (value: string) => void;
  children: ReactNode;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className' | 'value' | 'onChange'>) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <select
        {...select}
        id={id}
        className="form-select"
        value={value}
        onChange={(event) => {
          onValueChange(event.target.value);
        }}
      >
        {children}
      </select>
    </Field>
  );
}
