import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, isInside, loadConfig } from 'agreements-gateway/config';

const scratch = mkdtempSync(path.join(tmpdir(), 'gateway-config-'));
const peerCa = path.join(scratch, 'peer-ca.pem');
const caTls = path.join(scratch, 'ca-tls.pem');
const registrar = path.join(scratch, 'registrar-msp');
writeFileSync(peerCa, 'pem');
writeFileSync(caTls, 'pem');
mkdirSync(registrar, { recursive: true });

function validEnv(overrides: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  return {
    GATEWAY_ORG: 'municipality',
    GATEWAY_MSP_ID: 'MunicipalityMSP',
    GATEWAY_PEER_ENDPOINT: 'localhost:7051',
    GATEWAY_PEER_TLS_CA_CERT: peerCa,
    GATEWAY_CA_URL: 'https://localhost:7054',
    GATEWAY_CA_NAME: 'ca-municipality',
    GATEWAY_CA_TLS_CERT: caTls,
    GATEWAY_CA_REGISTRAR_MSP_DIR: registrar,
    GATEWAY_CHANNELS: 'placements,prevention',
    GATEWAY_OIDC_ISSUER: 'http://localhost:4000',
    GATEWAY_OIDC_AUDIENCE: 'urn:fabric-agreements:gateway',
    GATEWAY_OIDC_JWKS_URL: 'http://localhost:4000/jwks',
    GATEWAY_ORG_KIND: 'municipality',
    ...overrides,
  };
}

function problemsOf(env: NodeJS.ProcessEnv, projectRoot?: string): readonly string[] {
  try {
    loadConfig(env, { homeDir: '/home/tester', ...(projectRoot === undefined ? {} : { projectRoot }) });
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
}

describe('gateway configuration', () => {
  it('reads a complete environment with defaults for everything optional', () => {
    const config = loadConfig(validEnv(), { homeDir: '/home/tester' });
    expect(config.org).to.deep.equal({ key: 'municipality', mspId: 'MunicipalityMSP' });
    expect(config.channels).to.deep.equal(['placements', 'prevention']);
    expect(config.chaincodeName).to.equal('agreements');
    expect(config.http.port).to.equal(3000);
    expect(config.http.host).to.equal('127.0.0.1');
    expect(config.deadlines).to.deep.equal({
      evaluateMs: 5_000,
      endorseMs: 15_000,
      submitMs: 15_000,
      commitStatusMs: 60_000,
      minBlockWaitMs: 5_000,
    });
    expect(config.limits.maxInFlightSubmits).to.equal(64);
    expect(config.walletDir).to.equal('/home/tester/.local/share/fabric-agreements/wallet/municipality');
    expect(config.stateDir).to.equal('/home/tester/.local/share/fabric-agreements/state/municipality');
    expect(config.serviceIdentity).to.equal('gateway-municipality');
    expect(config.oidc.usernameClaim).to.equal('sub');
  });

  it('honours XDG_DATA_HOME for the wallet', () => {
    const config = loadConfig(validEnv({ XDG_DATA_HOME: '/data' }), { homeDir: '/home/tester' });
    expect(config.walletDir).to.equal('/data/fabric-agreements/wallet/municipality');
  });

  it('lists every missing variable at once', () => {
    const problems = problemsOf({});
    for (const name of [
      'GATEWAY_ORG',
      'GATEWAY_MSP_ID',
      'GATEWAY_PEER_ENDPOINT',
      'GATEWAY_PEER_TLS_CA_CERT',
      'GATEWAY_CA_URL',
      'GATEWAY_CA_NAME',
      'GATEWAY_CA_TLS_CERT',
      'GATEWAY_CA_REGISTRAR_MSP_DIR',
      'GATEWAY_CHANNELS',
      'GATEWAY_OIDC_ISSUER',
      'GATEWAY_OIDC_AUDIENCE',
      'GATEWAY_OIDC_JWKS_URL',
    ]) {
      expect(problems).to.include(`${name} is required`);
    }
  });

  it('explains malformed values', () => {
    const problems = problemsOf(
      validEnv({
        GATEWAY_PORT: 'eighty',
        GATEWAY_PEER_ENDPOINT: 'localhost',
        GATEWAY_CA_URL: 'http://localhost:7054',
        GATEWAY_CHANNELS: 'Placements',
        GATEWAY_LOG_LEVEL: 'loud',
        GATEWAY_MAX_INFLIGHT_SUBMITS: '0',
        GATEWAY_VALIDATE_RESPONSES: 'maybe',
      }),
    );
    expect(problems).to.include('GATEWAY_PORT must be a whole number between 1 and 65535');
    expect(problems).to.include('GATEWAY_PEER_ENDPOINT must be host:port, e.g. "localhost:7051"');
    expect(problems).to.include('GATEWAY_CA_URL must use https:');
    expect(problems.some((problem) => problem.startsWith('GATEWAY_CHANNELS must be'))).to.be.true;
    expect(problems.some((problem) => problem.startsWith('GATEWAY_LOG_LEVEL must be one of'))).to.be.true;
    expect(problems).to.include('GATEWAY_MAX_INFLIGHT_SUBMITS must be between 1 and 10000');
    expect(problems).to.include('GATEWAY_VALIDATE_RESPONSES must be true or false');
  });

  it('refuses missing files and directories', () => {
    const problems = problemsOf(
      validEnv({ GATEWAY_PEER_TLS_CA_CERT: '/nonexistent/ca.pem', GATEWAY_CA_REGISTRAR_MSP_DIR: peerCa }),
    );
    expect(problems).to.include(
      'GATEWAY_PEER_TLS_CA_CERT (/nonexistent/ca.pem) does not exist or is not readable',
    );
    expect(problems).to.include(`GATEWAY_CA_REGISTRAR_MSP_DIR (${peerCa}) is not a directory`);
  });

  it('keeps the wallet and the state out of the repository', () => {
    const problems = problemsOf(
      validEnv({ GATEWAY_WALLET_DIR: '/repo/.wallet', GATEWAY_STATE_DIR: '/elsewhere/state' }),
      '/repo',
    );
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/^GATEWAY_WALLET_DIR \(\/repo\/\.wallet\) must lie outside the repository/);
    expect(problemsOf(validEnv({ GATEWAY_WALLET_DIR: 'relative/wallet' }))).to.include(
      'GATEWAY_WALLET_DIR must be an absolute path',
    );
  });

  it('requires a strong webhook secret when webhooks are configured', () => {
    expect(
      problemsOf(
        validEnv({ GATEWAY_WEBHOOK_URLS: 'https://hooks.example/a', GATEWAY_WEBHOOK_SECRET: 'short' }),
      ),
    ).to.include('GATEWAY_WEBHOOK_SECRET must be at least 32 characters when GATEWAY_WEBHOOK_URLS is set');
    const config = loadConfig(
      validEnv({ GATEWAY_WEBHOOK_URLS: 'https://hooks.example/a', GATEWAY_WEBHOOK_SECRET: 'x'.repeat(32) }),
    );
    expect(config.events.webhookUrls.map((url) => url.href)).to.deep.equal(['https://hooks.example/a']);
  });

  it('requires the submit deadline to fit inside the commit-status deadline', () => {
    expect(
      problemsOf(validEnv({ GATEWAY_SUBMIT_TIMEOUT_MS: '20000', GATEWAY_COMMIT_STATUS_TIMEOUT_MS: '10000' })),
    ).to.include('GATEWAY_SUBMIT_TIMEOUT_MS must not exceed GATEWAY_COMMIT_STATUS_TIMEOUT_MS');
  });

  it('tells inside from outside', () => {
    expect(isInside('/repo/a/b', '/repo')).to.be.true;
    expect(isInside('/repo', '/repo')).to.be.true;
    expect(isInside('/repository', '/repo')).to.be.false;
    expect(isInside('/other', '/repo')).to.be.false;
  });

  describe('roles and access-token checks (issue 9, item 5)', () => {
    it("takes the roles from the organisation's kind, or from GATEWAY_ALLOWED_ROLES", () => {
      const municipality = loadConfig(validEnv(), { homeDir: '/home/tester' });
      expect(municipality.allowedRoles).to.deep.equal([
        'caseworker',
        'centre_head',
        'director',
        'guardian',
        'auditor',
      ]);
      expect(municipality.pseudonymLookupRoles).to.deep.equal(['caseworker', 'centre_head', 'director']);
      expect(municipality.oidc.tokenTypes).to.deep.equal(['at+jwt']);
      expect(municipality.oidc.requiredScope).to.equal('agreements');
      const site = loadConfig(validEnv({ GATEWAY_ORG_KIND: 'placement_site' }), { homeDir: '/home/tester' });
      expect(site.allowedRoles).to.deep.equal(['provider_staff']);
      const consultancy = loadConfig(validEnv({ GATEWAY_ORG_KIND: 'consultancy' }), {
        homeDir: '/home/tester',
      });
      expect(consultancy.allowedRoles).to.deep.equal(['consultant']);
      const own = loadConfig(
        validEnv({ GATEWAY_ORG_KIND: undefined, GATEWAY_ALLOWED_ROLES: 'caseworker,auditor' }),
        {
          homeDir: '/home/tester',
        },
      );
      expect(own.allowedRoles).to.deep.equal(['caseworker', 'auditor']);
    });

    it('needs to know which roles are allowed', () => {
      expect(problemsOf(validEnv({ GATEWAY_ORG_KIND: undefined })).join('\n')).to.match(
        /GATEWAY_ALLOWED_ROLES or GATEWAY_ORG_KIND/,
      );
      expect(problemsOf(validEnv({ GATEWAY_ORG_KIND: 'taxi' })).join('\n')).to.match(
        /GATEWAY_ORG_KIND must be one of/,
      );
    });
  });

  describe('production mode refuses development shortcuts (issue 9, item 5)', () => {
    const production = {
      NODE_ENV: 'production',
      GATEWAY_OIDC_ISSUER: 'https://idp.kommune.example',
      GATEWAY_OIDC_JWKS_URL: 'https://idp.kommune.example/jwks',
      GATEWAY_TRUSTED_PROXY: 'loopback',
    };

    it('starts with an https identity provider elsewhere and a TLS proxy declared', () => {
      const config = loadConfig(validEnv(production), { homeDir: '/home/tester' });
      expect(config.mode).to.equal('production');
      expect(config.http.trustedProxy).to.equal('loopback');
    });

    it('is chosen by NODE_ENV=production or GATEWAY_MODE', () => {
      expect(loadConfig(validEnv(), { homeDir: '/home/tester' }).mode).to.equal('development');
      expect(problemsOf(validEnv({ GATEWAY_MODE: 'production' }))).not.to.be.empty;
      expect(problemsOf(validEnv({ ...production, GATEWAY_MODE: 'staging' })).join('\n')).to.match(
        /GATEWAY_MODE/,
      );
    });

    it('refuses a plain-http issuer', () => {
      const problems = problemsOf(
        validEnv({ ...production, GATEWAY_OIDC_ISSUER: 'http://idp.kommune.example' }),
      );
      expect(problems).to.deep.equal(['production mode: GATEWAY_OIDC_ISSUER must be an https URL']);
    });

    it('refuses a plain-http JWKS URL', () => {
      const problems = problemsOf(
        validEnv({ ...production, GATEWAY_OIDC_JWKS_URL: 'http://idp.kommune.example/jwks' }),
      );
      expect(problems).to.deep.equal(['production mode: GATEWAY_OIDC_JWKS_URL must be an https URL']);
    });

    it('refuses the development identity provider (an issuer on this host)', () => {
      const problems = problemsOf(
        validEnv({
          ...production,
          GATEWAY_OIDC_ISSUER: 'http://localhost:4000',
          GATEWAY_OIDC_JWKS_URL: 'http://localhost:4000/jwks',
        }),
      );
      expect(problems.join('\n')).to.match(/identity provider is on this host/);
      const https = problemsOf(
        validEnv({
          ...production,
          GATEWAY_OIDC_ISSUER: 'https://127.0.0.1:4000',
          GATEWAY_OIDC_JWKS_URL: 'https://127.0.0.1:4000/jwks',
        }),
      );
      expect(https.join('\n')).to.match(/identity provider is on this host/);
    });

    it('refuses a plain-http listener without a trusted TLS proxy', () => {
      const problems = problemsOf(validEnv({ ...production, GATEWAY_TRUSTED_PROXY: undefined }));
      expect(problems.join('\n')).to.match(
        /GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE, or GATEWAY_TRUSTED_PROXY/,
      );
      const withTls = loadConfig(
        validEnv({
          ...production,
          GATEWAY_TRUSTED_PROXY: undefined,
          GATEWAY_TLS_CERT_FILE: caTls,
          GATEWAY_TLS_KEY_FILE: peerCa,
        }),
        { homeDir: '/home/tester' },
      );
      expect(withTls.http.tls).to.deep.equal({ certPath: caTls, keyPath: peerCa });
      expect(problemsOf(validEnv({ GATEWAY_TLS_CERT_FILE: caTls })).join('\n')).to.match(/go together/);
    });

    it('refuses plain-http webhooks', () => {
      const problems = problemsOf(
        validEnv({
          ...production,
          GATEWAY_WEBHOOK_URLS: 'http://erp.example/hook',
          GATEWAY_WEBHOOK_SECRET: 'x'.repeat(32),
        }),
      );
      expect(problems).to.deep.equal(['production mode: GATEWAY_WEBHOOK_URLS must be https URLs']);
    });
  });
});

describe('gateway configuration: web login', () => {
  const web = {
    GATEWAY_PUBLIC_URL: 'http://localhost:3000',
    GATEWAY_WEB_CLIENT_ID: 'gateway-municipality',
    GATEWAY_WEB_CLIENT_SECRET: 'gateway-municipality-dev-secret',
  };

  it('has no web login by default, and serves web/dist of the repository', () => {
    const config = loadConfig(validEnv(), { homeDir: '/home/tester', projectRoot: '/repo' });
    expect(config.web.client).to.equal(undefined);
    expect(config.web.root).to.equal('/repo/web/dist');
    expect(config.web.orgName).to.equal('municipality');
    expect(config.web.sessionIdleMs).to.equal(1_800_000);
    expect(config.web.sessionAbsoluteMs).to.equal(36_000_000);
  });

  it('reads the client and the public origin', () => {
    const config = loadConfig(validEnv({ ...web, GATEWAY_ORG_NAME: 'Høje-Taastrup Kommune' }), {
      homeDir: '/home/tester',
    });
    expect(config.web.client).to.deep.equal({
      id: 'gateway-municipality',
      secret: 'gateway-municipality-dev-secret',
    });
    expect(config.web.publicUrl?.origin).to.equal('http://localhost:3000');
    expect(config.web.orgName).to.equal('Høje-Taastrup Kommune');
  });

  it('refuses half a client, a client without a public origin, a public URL with a path, and idle beyond max', () => {
    expect(problemsOf(validEnv({ GATEWAY_WEB_CLIENT_ID: 'gateway-municipality' })).join('\n')).to.match(
      /GATEWAY_WEB_CLIENT_ID and GATEWAY_WEB_CLIENT_SECRET go together/,
    );
    expect(problemsOf(validEnv({ ...web, GATEWAY_PUBLIC_URL: undefined })).join('\n')).to.match(
      /GATEWAY_PUBLIC_URL is required/,
    );
    expect(
      problemsOf(validEnv({ ...web, GATEWAY_PUBLIC_URL: 'http://localhost:3000/app' })).join('\n'),
    ).to.match(/must be an origin/);
    expect(
      problemsOf(validEnv({ GATEWAY_SESSION_IDLE_S: '7200', GATEWAY_SESSION_MAX_S: '3600' })).join('\n'),
    ).to.match(/GATEWAY_SESSION_IDLE_S must not exceed/);
  });

  it('refuses a plain-http public origin in production (the cookie must be Secure)', () => {
    const problems = problemsOf(
      validEnv({
        ...web,
        NODE_ENV: 'production',
        GATEWAY_OIDC_ISSUER: 'https://idp.kommune.example',
        GATEWAY_OIDC_JWKS_URL: 'https://idp.kommune.example/jwks',
        GATEWAY_TRUSTED_PROXY: 'loopback',
      }),
    );
    expect(problems).to.deep.equal([
      'production mode: GATEWAY_PUBLIC_URL must be an https URL (session cookies are Secure)',
    ]);
  });
});
