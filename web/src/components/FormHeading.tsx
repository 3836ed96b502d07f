import type { ReactNode } from 'react';

/** The top of a form page: the way back (a link), the title and the lead paragraph. */
export function FormHeading({ back, title, intro }: { back: ReactNode; title: string; intro: string }) {
  return (
    <>
      <p>{back}</p>
      <h1>{title}</h1>
      <p className="font-lead">{intro}</p>
    </>
  );
}
