import type { FormHTMLAttributes } from 'react';

/** A form that stays on the page when submitted: the browser's own submission is stopped and `onSend` runs. */
export function SubmitForm({
  onSend,
  ...form
}: { onSend: () => void } & Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'>) {
  return (
    <form
      {...form}
      onSubmit={(event) => {
        event.preventDefault();
        onSend();
      }}
    />
  );
}
