import { useState } from 'react';
import { getAgreement } from '../../api/agreements';
import { sendDocument, type DocumentReceipt } from '../../api/einvoice';
import { ApiRefusal } from '../../api/refusal';
import type { Agreement } from '../../api/types';
import { href } from '../../app/router';
import { useSession } from '../../app/session-context';
import { AgreementLink } from '../../components/AgreementLink';
import { ApplicationResponseView } from '../../components/ApplicationResponseView';
import { describedBy, LoadedView } from '../../components/display';
import { FormHeading } from '../../components/FormHeading';
import { ErrorSummary } from '../../components/Refusal';
import { SubmitForm } from '../../components/SubmitForm';
import { useTexts } from '../../i18n/language';
import { sha256Hex } from '../../lib/hash';
import { useAction, useLoad } from '../../lib/use-load';

/** A provider's bookkeeper sends an OIOUBL invoice or credit note for an agreement and reads the answer. */
export function SendDocumentScreen({ agreementId }: { agreementId: string }) {
  const { domain } = useSession();
  const loaded = useLoad(() => getAgreement(domain, agreementId), [domain, agreementId]);
  return <LoadedView loaded={loaded}>{(agreement) => <SendDocumentForm agreement={agreement} />}</LoadedView>;
}

interface Sent {
  readonly receipt: DocumentReceipt;
  /** The document as text, to name its lines next to the answer. */
  readonly document: string;
  readonly sha256: string;
}

const FILE_ID = 'oioubl-file';

/** The file chooser, the send button and the answer, line by line. */
export function SendDocumentForm({ agreement }: { agreement: Agreement }) {
  const t = useTexts();
  const { domain } = useSession();
  const [file, setFile] = useState<File>();
  const [tried, setTried] = useState(false);
  const [sent, setSent] = useState<Sent>();
  const send = useAction(async (chosen: File) => {
    // The bytes go to this organisation's own gateway only; the text and digest stay in the browser for display.
    const [receipt, document, sha256] = await Promise.all([
      sendDocument(domain, agreement.id, chosen),
      chosen.text(),
      sha256Hex(chosen),
    ]);
    setSent({ receipt, document, sha256 });
    return receipt;
  });
  const missing = tried && file === undefined ? t.einvoice.chooseFile : undefined;
  return (
    <>
      <FormHeading
        back={<AgreementLink agreement={agreement} className="back-link" />}
        title={t.einvoice.sendTitle}
        intro={t.einvoice.sendIntro}
      />
      {missing !== undefined && (
        <ErrorSummary
          error={new ApiRefusal('REQUEST_INVALID', 400)}
          fieldLinks={[{ id: FILE_ID, text: missing }]}
        />
      )}
      {send.error !== undefined && <ErrorSummary error={send.error} />}
      {sent !== undefined && !send.running && <SentDocument sent={sent} agreementId={agreement.id} />}
      <SubmitForm
        noValidate
        onSend={() => {
          setTried(true);
          setSent(undefined);
          if (file !== undefined) void send.run(file);
        }}
      >
        <div className={missing === undefined ? 'form-group' : 'form-group form-error'}>
          <label className="form-label" htmlFor={FILE_ID}>
            {t.einvoice.file}
          </label>
          <span className="form-hint" id={`${FILE_ID}-hint`}>
            {t.einvoice.fileHint}
          </span>
          {missing !== undefined && (
            <span className="form-error-message" id={`${FILE_ID}-error`}>
              <span className="sr-only">{t.errorSummary.prefix} </span>
              {missing}
            </span>
          )}
          <input
            id={FILE_ID}
            type="file"
            className="form-file-input"
            accept=".xml,application/xml,text/xml"
            aria-describedby={describedBy(FILE_ID, true, missing)}
            onChange={(event) => {
              setFile(event.target.files?.[0]);
              setSent(undefined);
            }}
          />
        </div>
        <p role="status" aria-live="polite">
          {send.running ? t.einvoice.sending : ''}
        </p>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={send.running}>
            {t.einvoice.send}
          </button>
        </div>
      </SubmitForm>
    </>
  );
}

/** The answer to a sent document; a refusal first as the product's sentence with its code. */
function SentDocument({ sent, agreementId }: { sent: Sent; agreementId: string }) {
  const t = useTexts();
  const { receipt } = sent;
  return (
    <>
      {!receipt.recorded && (
        <>
          <ErrorSummary error={receipt.refusal} />
          <p>{t.einvoice.notRecorded}</p>
        </>
      )}
      {receipt.applicationResponse !== undefined && (
        <ApplicationResponseView answer={receipt.applicationResponse} document={sent.document} />
      )}
      <p>
        {t.einvoice.fingerprint}:{' '}
        <span className="hash" data-testid="sent-document-hash">
          {sent.sha256}
        </span>
      </p>
      {receipt.recorded && (
        <p>
          <a href={href('agreements', agreementId, 'documents')}>{t.einvoice.documentsLink}</a>
        </p>
      )}
    </>
  );
}
