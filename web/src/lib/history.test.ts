import { describe, expect, it } from 'vitest';
import type { Agreement } from '../api/types';
import { da } from '../i18n/da';
import { describeChange } from './history';

const base: Agreement = {
  id: 'a',
  kind: 'placement',
  municipalityMspId: 'M',
  providerMspId: 'P',
  childPseudonym: 'c',
  startDate: '2026-01-01',
  status: 'awaiting_signatures',
  versions: [
    {
      number: 1,
      state: 'awaiting_signatures',
      effectiveFrom: '2026-01-01',
      terms: { lines: [] },
      signatures: [],
    },
  ],
};
const signature = (role: string) => ({
  certId: `sha256:${role}`,
  mspId: 'M',
  role,
  side: 'municipality' as const,
  agreementVersion: 1,
  signedAt: '2026-01-01T00:00:00Z',
});

describe('the history reads as events', () => {
  it('names a draft, a signature by role, and the activation', () => {
    expect(describeChange(undefined, base, da)).toBe('Kladde oprettet');
    const signed = { ...base, versions: [{ ...base.versions[0]!, signatures: [signature('centre_head')] }] };
    expect(describeChange(base, signed, da)).toBe('Centerchef underskrev version 1');
    const active: Agreement = {
      ...signed,
      status: 'active',
      versions: [
        {
          ...signed.versions[0]!,
          state: 'agreed',
          signatures: [signature('centre_head'), signature('provider_staff')],
        },
      ],
    };
    expect(describeChange(signed, active, da)).toBe(
      'Medarbejder underskrev version 1; version 1: aftalt; status: aktiv',
    );
  });

  it('names the person who signed when the screen knows them', () => {
    const signed = {
      ...base,
      versions: [{ ...base.versions[0]!, signatures: [{ ...signature('director'), enrollmentId: 'jonas' }] }],
    };
    const who = (signer: { enrollmentId?: string; role: string }) =>
      `${signer.enrollmentId ?? '?'} (${signer.role})`;
    expect(describeChange(base, signed, da, who)).toBe('jonas (director) underskrev version 1');
  });
});
