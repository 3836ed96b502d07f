import { InputField } from './InputField';

/** A month picker whose value is always a whole month (YYYY-MM): a cleared or half-typed field keeps the last one. */
export function MonthField({
  id,
  label,
  month,
  onMonth,
}: {
  id: string;
  label: string;
  month: string;
  onMonth: (month: string) => void;
}) {
  return (
    <InputField
      id={id}
      label={label}
      width="input-width-s"
      type="month"
      value={month}
      onValueChange={(value) => {
        if (/^\d{4}-\d{2}$/.test(value)) onMonth(value);
      }}
    />
  );
}
