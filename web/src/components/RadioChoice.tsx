/** One choice among a few, as dkfds radio buttons under a legend; each radio's id is `${idPrefix}-${option}`. */
export function RadioChoice<T extends string>({
  legend,
  name,
  idPrefix = name,
  options,
  value,
  labelOf,
  onChoose,
}: {
  legend: string;
  name: string;
  idPrefix?: string;
  options: readonly T[];
  value: T;
  labelOf: (option: T) => string;
  onChoose: (option: T) => void;
}) {
  return (
    <fieldset className="form-group">
      <legend className="form-label">{legend}</legend>
      {options.map((option) => (
        <div className="form-group-radio" key={option}>
          <input
            type="radio"
            className="form-radio"
            id={`${idPrefix}-${option}`}
            name={name}
            checked={value === option}
            onChange={() => {
              onChoose(option);
            }}
          />
          <label htmlFor={`${idPrefix}-${option}`}>{labelOf(option)}</label>
        </div>
      ))}
    </fieldset>
  );
}
