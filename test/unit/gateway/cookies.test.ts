import { expect } from 'chai';
import { cookieName, serializeCookie } from 'agreements-gateway/web/cookies';

describe('session cookies', () => {
  it('are __Host- prefixed and Secure over HTTPS, and carry the organisation key either way', () => {
    expect(cookieName('agreements-session', 'placement', true)).to.equal(
      '__Host-agreements-session-placement',
    );
    expect(cookieName('agreements-session', 'placement', false)).to.equal('agreements-session-placement');
    expect(
      serializeCookie('__Host-agreements-session-placement', 'abc', { sameSite: 'Strict', secure: true }),
    ).to.equal('__Host-agreements-session-placement=abc; Path=/; HttpOnly; SameSite=Strict; Secure');
  });

  it('are deleted with an empty value and Max-Age=0', () => {
    expect(serializeCookie('x', '', { sameSite: 'Lax', secure: false, maxAgeSeconds: 0 })).to.equal(
      'x=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0',
    );
  });
});
