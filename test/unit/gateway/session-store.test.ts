import { expect } from 'chai';
import { inspect } from 'node:util';
import { checkCsrf } from 'agreements-gateway/web/csrf';
import { SessionStore } from 'agreements-gateway/web/session-store';
import { safeReturnTo } from 'agreements-gateway/web/web-login';

const PERSON = {
  name: 'sara',
  displayName: 'Sara',
  role: 'caseworker',
  organisation: 'municipality',
  organisationName: 'Høje-Taastrup Kommune',
  mspId: 'MunicipalityMSP',
};
const TOKENS = {
  accessToken: 'eyJ.access.token',
  accessTokenExpiresAt: 0,
  refreshToken: 'refresh-secret',
  idToken: 'eyJ.id.token',
};

describe('browser sessions', () => {
  let now: number;
  const store = (maxSessions = 10): SessionStore =>
    new SessionStore({ idleMs: 1_000, absoluteMs: 5_000, maxSessions, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('gives each session a random 256-bit id and CSRF token, and finds it by the id only', () => {
    const sessions = store();
    const first = sessions.create(PERSON, TOKENS);
    const second = sessions.create(PERSON, TOKENS);
    expect(first.id).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(first.id).not.to.equal(second.id);
    expect(first.session.csrfToken).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(first.session.csrfToken).not.to.equal(second.session.csrfToken);
    expect(sessions.get(first.id)).to.equal(first.session);
    expect(sessions.get(first.id.slice(0, -1))).to.equal(undefined);
  });

  it('ends a session unused for the idle time, and keeps one in use', () => {
    const sessions = store();
    const { id } = sessions.create(PERSON, TOKENS);
    now += 999;
    expect(sessions.get(id)).not.to.equal(undefined);
    now += 999;
    expect(sessions.get(id)).not.to.equal(undefined);
    now += 1_000;
    expect(sessions.get(id)).to.equal(undefined);
    expect(sessions.size).to.equal(0);
  });

  it('ends a session at its absolute expiry, however busy', () => {
    const sessions = store();
    const { id } = sessions.create(PERSON, TOKENS);
    for (let step = 0; step < 9; step += 1) {
      now += 500;
      expect(sessions.get(id), `after ${(step + 1) * 500} ms`).not.to.equal(undefined);
    }
    now += 500;
    expect(sessions.get(id)).to.equal(undefined);
  });

  it('ends the least recently used session beyond the cap', () => {
    const sessions = store(2);
    const a = sessions.create(PERSON, TOKENS);
    const b = sessions.create(PERSON, TOKENS);
    sessions.get(a.id);
    const c = sessions.create(PERSON, TOKENS);
    expect(sessions.size).to.equal(2);
    expect(sessions.get(b.id)).to.equal(undefined);
    expect(sessions.get(a.id)).not.to.equal(undefined);
    expect(sessions.get(c.id)).not.to.equal(undefined);
  });

  it('sweeps expired sessions and deletes on logout', () => {
    const sessions = store();
    const a = sessions.create(PERSON, TOKENS);
    now += 600;
    const b = sessions.create(PERSON, TOKENS);
    now += 600;
    expect(sessions.sweep()).to.equal(1);
    sessions.delete(b.id);
    expect(sessions.size).to.equal(0);
    expect(sessions.get(a.id)).to.equal(undefined);
  });

  it('prints as [session]: no token, id or CSRF token reaches a log by accident', () => {
    const { session } = store().create(PERSON, TOKENS);
    const printed = [JSON.stringify({ session }), inspect(session), inspect({ session }, { depth: 5 })].join(
      '\n',
    );
    expect(printed).not.to.match(/eyJ|refresh-secret/);
    expect(printed).not.to.contain(session.csrfToken);
    expect(printed).to.contain('[session]');
  });
});

describe('CSRF check', () => {
  const token = 'x'.repeat(43);

  it('lets safe methods through without the header', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      expect(() => {
        checkCsrf(method, undefined, token);
      }).not.to.throw();
    }
  });

  it('refuses a write without the header, or with a wrong or partial token, with a stable code', () => {
    for (const [method, header, reason] of [
      ['POST', undefined, 'missing'],
      ['PUT', '', 'missing'],
      ['DELETE', 'y'.repeat(43), 'mismatch'],
      ['PATCH', token.slice(1), 'mismatch'],
      ['POST', `${token} `, 'mismatch'],
    ] as const) {
      try {
        checkCsrf(method, header, token);
        expect.fail(`${method} ${String(header)} passed`);
      } catch (error) {
        expect(error).to.include({ code: 'CSRF_TOKEN_INVALID', status: 403 });
        expect((error as { details: { reason: string } }).details.reason).to.equal(reason);
      }
    }
  });

  it('lets a write with the right token through', () => {
    expect(() => {
      checkCsrf('POST', token, token);
    }).not.to.throw();
  });
});

describe('login return paths', () => {
  it('keeps paths on the gateway and turns everything else into /', () => {
    expect(safeReturnTo('/aftaler/a-1?fane=historik')).to.equal('/aftaler/a-1?fane=historik');
    for (const value of [
      undefined,
      '',
      'aftaler',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      '/auth/login',
      '/a\nb',
      ['/', '/x'],
      `/${'a'.repeat(3000)}`,
    ]) {
      expect(safeReturnTo(value), String(value)).to.equal('/');
    }
  });
});
