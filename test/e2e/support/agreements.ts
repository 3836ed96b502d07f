/**
 * Agreements made through the REST gateways, each with fresh ids so that the tests can run again and again on the
 * same network.
 */
import { expect } from 'chai';
import type { AgreementDraftInput } from 'agreements-client';
import { uniqueId } from '../../support/network';
import { storyStart } from 'agreements-case-story';
import { placementDraft } from '../../support/story';
import { callAs, domainPath, type ApiResponse } from './gateways';

/** A committed write as the gateway answers it. */
export interface WriteBody<T = AgreementBody> {
  readonly transactionId: string;
  readonly blockNumber: string;
  readonly data: T;
}

/** The parts of an agreement these tests read. */
export interface AgreementBody {
  readonly id: string;
  readonly status: string;
  readonly versions: readonly { readonly number: number; readonly state: string }[];
}

/** Asserts a successful write and returns its body. */
export function expectWrite<T = AgreementBody>(response: ApiResponse, status: 200 | 201): WriteBody<T> {
  expect(response.status, response.text.slice(0, 500)).to.equal(status);
  const body = response.body as WriteBody<T>;
  expect(body.transactionId).to.match(/^[0-9a-f]{64}$/);
  expect(response.headers.get('x-transaction-id')).to.equal(body.transactionId);
  expect(body.blockNumber).to.match(/^\d+$/);
  return body;
}

/** A fresh placement draft body (the case story's placement, starting eleven months ago) with new ids. */
export function newPlacementDraft(): AgreementDraftInput {
  return placementDraft(uniqueId('e2e-placement'), storyStart(), uniqueId('e2e-child'));
}

/** Sara drafts a fresh placement agreement through the municipality's gateway. */
export async function draftPlacement(): Promise<WriteBody> {
  return expectWrite(
    await callAs('sara', 'POST', domainPath('/agreements'), { json: newPlacementDraft() }),
    201,
  );
}

/** A fresh placement agreement opened for signatures (version 1 awaiting signatures). */
export async function placementAwaitingSignatures(): Promise<string> {
  const { data } = await draftPlacement();
  const submitted = expectWrite(
    await callAs('sara', 'POST', domainPath(`/agreements/${data.id}/submission`)),
    200,
  );
  expect(submitted.data.status).to.equal('awaiting_signatures');
  return data.id;
}

/** A fresh, active placement agreement: both centre heads and the placement site have signed version 1. */
export async function activePlacement(): Promise<string> {
  const id = await placementAwaitingSignatures();
  const signatures = domainPath(`/agreements/${id}/versions/1/signatures`);
  expectWrite(await callAs('mads', 'POST', signatures), 201);
  expectWrite(await callAs('lene', 'POST', signatures), 201);
  const last = expectWrite(await callAs('karin', 'POST', signatures), 201);
  expect(last.data.status).to.equal('active');
  return id;
}
