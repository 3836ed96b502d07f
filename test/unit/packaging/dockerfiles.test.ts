/**
 * deploy/docker/*.Dockerfile, checked statically (no Docker engine here): pinned base images, multi-stage, a
 * non-root numeric USER, nothing fetched by ADD or curl, dependencies only through `npm ci` from the committed
 * lockfiles without install scripts, a HEALTHCHECK, no secret in the image, a build context that admits only what
 * is copied, and the port each image exposes equal to the one its program listens on by default.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, isInside } from 'agreements-gateway/config';
import { commandWords, parseDockerfile, type Instruction, type Stage } from './support/dockerfile';
import { withScratchSecrets } from './support/gateway-env';
import { repoPath } from './support/paths';

const IMAGES = ['chaincode', 'gateway'] as const;
const PINNED = /^[a-z0-9./-]+(:\d+\.\d+\.\d+[a-z0-9.-]*)?(@sha256:[0-9a-f]{64})?$/;

function stagesOf(image: string): readonly Stage[] {
  return parseDockerfile(repoPath('deploy', 'docker', `${image}.Dockerfile`));
}

function final(image: string): Stage {
  const stages = stagesOf(image);
  return stages[stages.length - 1]!;
}

function all(image: string, keyword: string): readonly Instruction[] {
  return stagesOf(image).flatMap((stage) => stage.instructions.filter((i) => i.keyword === keyword));
}

/** `KEY=value` pairs of a stage's ENV instructions. */
function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of stage.instructions.filter((i) => i.keyword === 'ENV')) {
    for (const pair of instruction.args.split(/\s+/)) {
      const [name, ...value] = pair.split('=');
      env[name!] = value.join('=');
    }
  }
  return env;
}

/** Source paths of a COPY from the build context (not `--from` another stage). */
function contextSources(instruction: Instruction): readonly string[] {
  const words = instruction.args.split(/\s+/);
  if (words.some((word) => word.startsWith('--from='))) {
    return [];
  }
  const paths = words.filter((word) => !word.startsWith('--'));
  return paths.slice(0, -1);
}

for (const image of IMAGES) {
  describe(`deploy/docker/${image}.Dockerfile`, () => {
    it('builds in stages from base images pinned to an exact version or digest', () => {
      const stages = stagesOf(image);
      expect(stages.length, 'multi-stage').to.be.at.least(2);
      const names = new Set<string>();
      for (const stage of stages) {
        if (!names.has(stage.base)) {
          expect(stage.base, `base ${stage.base}`).to.match(PINNED);
          expect(stage.base, 'a tag or a digest').to.match(/[:@]/);
          expect(stage.base).not.to.match(/:latest\b/);
        }
        if (stage.name !== undefined) {
          names.add(stage.name);
        }
      }
    });

    it('runs as a non-root numeric user, set before the command', () => {
      const last = final(image);
      const users = last.instructions.filter((i) => i.keyword === 'USER');
      expect(users, 'USER in the final stage').to.not.be.empty;
      const user = users[users.length - 1]!;
      // Numeric, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
      expect(user.args).to.match(/^\d+(:\d+)?$/);
      expect(Number(user.args.split(':')[0])).to.be.greaterThan(0);
      const command = last.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT')!;
      expect(user.line).to.be.lessThan(command.line);
    });

    it('fetches nothing from the internet except packages through the lockfile', () => {
      for (const add of all(image, 'ADD')) {
        expect(add.args, `ADD at line ${add.line}`).not.to.match(/(https?|ftp|git)[:@]/);
      }
      for (const run of all(image, 'RUN')) {
        expect(run.args, `RUN at line ${run.line}`).not.to.match(
          /\b(curl|wget|git clone|npm install|npm i)\b/,
        );
      }
    });

    it('installs dependencies only with npm ci from a copied lockfile, without install scripts', () => {
      let production = 0;
      for (const stage of stagesOf(image)) {
        stage.instructions.forEach((instruction, index) => {
          if (instruction.keyword !== 'RUN' || !/\bnpm ci\b/.test(instruction.args)) {
            return;
          }
          expect(instruction.args, `line ${instruction.line}`).to.include('--ignore-scripts');
          const lockfileCopied = stage.instructions
            .slice(0, index)
            .some((earlier) => earlier.keyword === 'COPY' && earlier.args.includes('package-lock.json'));
          expect(lockfileCopied, `lockfile copied before line ${instruction.line}`).to.be.true;
          if (instruction.args.includes('--omit=dev')) {
            production++;
          }
        });
      }
      expect(production, 'one production install').to.equal(1);
      // The image takes its node_modules from the stage that installed production dependencies only.
      const deps = stagesOf(image).find((stage) =>
        stage.instructions.some((i) => i.keyword === 'RUN' && i.args.includes('--omit=dev')),
      )!;
      const copiesDeps = final(image).instructions.some(
        (i) => i.keyword === 'COPY' && i.args.includes(`--from=${deps.name ?? ''}`),
      );
      expect(copiesDeps, 'final stage copies the production dependencies').to.be.true;
      expect(final(image).instructions.some((i) => i.keyword === 'RUN' && /\bnpm\b/.test(i.args))).to.be
        .false;
    });

    it('has a HEALTHCHECK that runs a script the image contains', () => {
      const last = final(image);
      const checks = last.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
      expect(checks).to.have.length(1);
      const words = commandWords(checks[0]!.args.replace(/^(--\S+\s+)*CMD\s+/, ''));
      const script = words.find((word) => word.endsWith('.mjs'))!;
      expect(script).to.be.a('string');
      const copied = last.instructions.some((i) => i.keyword === 'COPY' && i.args.endsWith(` ${script}`));
      expect(copied, `${script} copied into the image`).to.be.true;
    });

    it('bakes in no secret: no secret-looking ENV or ARG, no key material or generated state copied', () => {
      for (const instruction of [...all(image, 'ENV'), ...all(image, 'ARG')]) {
        expect(instruction.args, `line ${instruction.line}`).not.to.match(
          /\b\w*(SECRET|PASSWORD|TOKEN|PRIVATE)\w*=/i,
        );
        expect(instruction.args).not.to.match(/\b\w*_KEY=/);
      }
      for (const copy of all(image, 'COPY')) {
        for (const source of contextSources(copy)) {
          expect(source, `line ${copy.line}`).not.to.match(/(^|\/)(\.fabric|\.env|\.xdg)|\.(pem|key|crt)$/);
        }
      }
    });

    it('copies only paths that exist, and its build context admits nothing else', () => {
      const ignore = readFileSync(repoPath('deploy', 'docker', `${image}.Dockerfile.dockerignore`), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
      expect(ignore[0], 'excludes everything first').to.equal('*');
      const admitted = ignore.filter((line) => line.startsWith('!')).map((line) => line.slice(1));
      for (const copy of all(image, 'COPY')) {
        for (const source of contextSources(copy)) {
          const path = source.replace(/\/$/, '');
          expect(existsSync(repoPath(path)), `${path} exists`).to.be.true;
          expect(
            admitted.some((entry) => path === entry || path.startsWith(`${entry}/`)),
            `${path} admitted by the .dockerignore`,
          ).to.be.true;
        }
      }
    });
  });
}

describe('deploy/docker: what the images run', () => {
  it('the chaincode image starts fabric-shim in server mode, as deployCCAAS does, on the port it exposes', () => {
    const last = final('chaincode');
    const entrypoint = commandWords(last.instructions.find((i) => i.keyword === 'ENTRYPOINT')!.args);
    expect(entrypoint).to.deep.equal(['node', 'node_modules/fabric-shim/cli.js', 'server']);
    const deploy = readFileSync(repoPath('scripts', 'lib', 'deploy.sh'), 'utf8');
    expect(deploy).to.include('node_modules/fabric-shim/cli.js" server');
    const address = envOf(last).CORE_CHAINCODE_ADDRESS!;
    const expose = last.instructions.filter((i) => i.keyword === 'EXPOSE').map((i) => i.args);
    expect(expose).to.deep.equal([address.slice(address.lastIndexOf(':') + 1)]);
  });

  it("the gateway image exposes the gateway's default port and keeps its data outside the application", () => {
    const last = final('gateway');
    const env = envOf(last);
    const workdir = last.instructions.filter((i) => i.keyword === 'WORKDIR').pop()!.args;
    const minimal = withScratchSecrets({
      GATEWAY_ORG: 'municipality',
      GATEWAY_ORG_KIND: 'municipality',
      GATEWAY_MSP_ID: 'MunicipalityMSP',
      GATEWAY_PEER_ENDPOINT: 'peer0:7051',
      GATEWAY_PEER_TLS_CA_CERT: '/var/run/secrets/peer-ca.pem',
      GATEWAY_CA_URL: 'https://ca:7054',
      GATEWAY_CA_NAME: 'ca-municipality',
      GATEWAY_CA_TLS_CERT: '/var/run/secrets/ca.pem',
      GATEWAY_CA_REGISTRAR_MSP_DIR: '/var/run/secrets/registrar',
      GATEWAY_CHANNELS: 'placements',
      GATEWAY_OIDC_ISSUER: 'https://login.example',
      GATEWAY_OIDC_AUDIENCE: 'urn:fabric-agreements:gateway',
      GATEWAY_OIDC_JWKS_URL: 'https://login.example/jwks',
    });
    const defaults = loadConfig(minimal, { homeDir: '/home/tester' });
    const expose = last.instructions.filter((i) => i.keyword === 'EXPOSE').map((i) => i.args);
    expect(expose).to.deep.equal([String(defaults.http.port)]);
    const image = loadConfig(
      { ...minimal, ...env, GATEWAY_TRUSTED_PROXY: 'loopback' },
      { projectRoot: workdir },
    );
    expect(image.mode).to.equal('production');
    expect(image.http.port).to.equal(defaults.http.port);
    expect(image.http.host).to.equal('0.0.0.0');
    expect(isInside(image.walletDir, workdir)).to.be.false;
    const cmd = commandWords(last.instructions.find((i) => i.keyword === 'CMD')!.args);
    const manifest = JSON.parse(readFileSync(repoPath('gateway', 'package.json'), 'utf8')) as {
      scripts: { start: string };
    };
    expect(cmd.join(' ')).to.equal(manifest.scripts.start.replace('dist/', 'gateway/dist/'));
  });
});

describe('deploy/docker: what the images contain', () => {
  /** Destinations (relative to the final WORKDIR) of the final stage's copies from the named stage. */
  function copiedFrom(image: string, stage: string): readonly string[] {
    return final(image)
      .instructions.filter((i) => i.keyword === 'COPY' && i.args.includes(`--from=${stage}`))
      .map((i) => i.args.split(/\s+/).pop()!.replace(/\/$/, ''));
  }

  it('the chaincode image installs the package stage-chaincode.mjs stages, from its lockfile', () => {
    const [build, deps] = stagesOf('chaincode');
    expect(build!.instructions.some((i) => i.keyword === 'RUN' && i.args.includes('stage-chaincode.mjs'))).to
      .be.true;
    const copies = deps!.instructions.filter((i) => i.keyword === 'COPY' && i.args.includes('--from=build'));
    for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
      expect(copies.some((i) => i.args.includes(`/${file} `))).to.equal(
        true,
        `${file} of the staged package`,
      );
    }
  });

  it('the gateway image holds the compiled api package, chaincode and gateway, and the web application it serves', () => {
    const last = final('gateway');
    const workdir = last.instructions.filter((i) => i.keyword === 'WORKDIR').pop()!.args;
    const copied = copiedFrom('gateway', 'build');
    for (const dir of ['packages/agreements-api/dist', 'chaincode/dist', 'gateway/dist', 'web/dist']) {
      expect(copied, dir).to.include(dir);
    }
    expect(envOf(last).GATEWAY_WEB_ROOT).to.equal(`${workdir}/web/dist`);
    const built = stagesOf('gateway')[0]!
      .instructions.filter((i) => i.keyword === 'RUN')
      .map((i) => i.args);
    expect(built).to.include('npm run build --workspace web');
  });
});

describe('deploy/docker/healthcheck.mjs', function () {
  this.timeout(20_000);
  let server: Server;
  let status = 200;

  before(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/healthz' ? status : 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => {
    server.close();
  });

  /** The script's exit code (run asynchronously: the server under test answers from this process). */
  function check(mode: string, env: Readonly<Record<string, string>>): Promise<number | null> {
    const child = spawn(process.execPath, [repoPath('deploy', 'docker', 'healthcheck.mjs'), mode], {
      env: { PATH: process.env.PATH, ...env },
      stdio: 'ignore',
      timeout: 10_000,
    });
    return new Promise((resolve) => child.on('exit', resolve));
  }

  it("http: healthy only when the gateway's /healthz answers 200", async () => {
    const port = String((server.address() as AddressInfo).port);
    status = 200;
    expect(await check('http', { GATEWAY_PORT: port })).to.equal(0);
    status = 503;
    expect(await check('http', { GATEWAY_PORT: port })).to.equal(1);
  });

  it('tcp: healthy only when something listens on the chaincode port', async () => {
    const port = String((server.address() as AddressInfo).port);
    expect(await check('tcp', { CORE_CHAINCODE_ADDRESS: `0.0.0.0:${port}` })).to.equal(0);
    expect(await check('tcp', { CORE_CHAINCODE_ADDRESS: '0.0.0.0:1' })).to.equal(1);
  });
});
