import { useState } from 'react';
import { useTexts } from '../i18n/language';
import { sha256Hex } from '../lib/hash';
import { describedBy } from './display';

/**
 * A file chooser that computes the chosen document's SHA-256 in the browser and hands on only the digest: the
 * document itself is never uploaded, stored or sent.
 */
export function DocumentFingerprint({
  onHash,
  error,
}: {
  onHash: (hash: string | undefined) => void;
  error?: string | undefined;
}) {
  const t = useTexts();
  const [hash, setHash] = useState<string>();
  const [computing, setComputing] = useState(false);
  return (
    <div className={error === undefined ? 'form-group' : 'form-group form-error'}>
      <label className="form-label" htmlFor="document">
        {t.report.file}
      </label>
      <span className="form-hint" id="document-hint">
        {t.report.fileHint}
      </span>
      {error !== undefined && (
        <span className="form-error-message" id="document-error">
          {error}
        </span>
      )}
      <input
        id="document"
        type="file"
        className="form-file-input"
        aria-describedby={describedBy('document', true, error)}
        onChange={(event) => {
          const file = event.target.files?.[0];
          setHash(undefined);
          onHash(undefined);
          if (file === undefined) return;
          setComputing(true);
          void sha256Hex(file).then((digest) => {
            setHash(digest);
            setComputing(false);
            onHash(digest);
          });
        }}
      />
      <p aria-live="polite" className="mt-3">
        {computing && t.report.computing}
        {hash !== undefined && (
          <>
            {t.report.hash}:{' '}
            <span className="hash" data-testid="document-hash">
              {hash}
            </span>
          </>
        )}
      </p>
    </div>
  );
}
