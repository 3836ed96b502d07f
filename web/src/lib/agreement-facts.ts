import type { Agreement, AgreementVersion } from '../api/types';

/** The agreed version in force on a day: the latest agreed one that is effective by then. */
export function versionInForce(agreement: Agreement, today: string): AgreementVersion | undefined {
  return agreement.versions
    .filter((version) => version.state === 'agreed' && version.effectiveFrom <= today)
    .sort((a, b) => b.number - a.number)[0];
}

/** The version awaiting signatures, if any. */
export function pendingVersion(agreement: Agreement): AgreementVersion | undefined {
  return agreement.versions.find((version) => version.state === 'awaiting_signatures');
}

/** The latest version (the draft while it is one). */
export function latestVersion(agreement: Agreement): AgreementVersion | undefined {
  return [...agreement.versions].sort((a, b) => b.number - a.number)[0];
}

/** The proposed termination awaiting signatures, if any. */
export function pendingTermination(agreement: Agreement) {
  return agreement.terminations?.find((termination) => termination.state === 'proposed');
}

/** Whether an agreement is in force on a day (active, started, not ended). */
export function isInForce(agreement: Agreement, today: string): boolean {
  if (agreement.status !== 'active' && agreement.status !== 'terminated') {
    return false;
  }
  const ended = agreement.terminations?.find((termination) => termination.state === 'agreed');
  if (ended !== undefined && ended.effectiveDate < today) {
    return false;
  }
  return versionInForce(agreement, today) !== undefined;
}
