import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { PeopleDirectory } from 'agreements-gateway/people/people-directory';

describe('people directory: the gateway’s own organisation’s people, by enrolment id', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'people-')), 'users.json');
  writeFileSync(
    file,
    JSON.stringify({
      users: [
        { org: 'municipality', name: 'sara', role: 'caseworker' },
        { org: 'municipality', name: 'jonas', role: 'director', displayName: 'Jonas Holm' },
        { org: 'placement', name: 'karin', role: 'provider_staff' },
        { org: 'municipality', name: 'birthe', role: 'guardian' },
        { org: 'municipality', name: 42, role: 'caseworker' },
      ],
    }),
  );

  it('keeps only this organisation’s staff — no guardian — named by displayName or the capitalised login', () => {
    const directory = PeopleDirectory.fromFile(file, { key: 'municipality', mspId: 'MunicipalityMSP' });
    expect(directory.list()).to.deep.equal({
      mspId: 'MunicipalityMSP',
      people: [
        { enrollmentId: 'sara', displayName: 'Sara', role: 'caseworker' },
        { enrollmentId: 'jonas', displayName: 'Jonas Holm', role: 'director' },
      ],
    });
  });

  it('knows nobody without a file, and refuses a file of another format', () => {
    expect(PeopleDirectory.empty('PlacementMSP').list()).to.deep.equal({ mspId: 'PlacementMSP', people: [] });
    const bad = path.join(path.dirname(file), 'bad.json');
    writeFileSync(bad, '{"people": []}');
    expect(() => PeopleDirectory.fromFile(bad, { key: 'x', mspId: 'X' })).to.throw('no "users" array');
  });
});
