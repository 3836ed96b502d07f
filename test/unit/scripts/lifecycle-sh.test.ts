/**
 * The scripts' process bookkeeping, without a network: `network.sh status` tells a zombie (a killed process nobody
 * has reaped, which `kill -0` still finds) from a running process, and `network.sh systemd-units` turns a process's
 * spec into a unit that starts exactly that command.
 */
import { expect } from 'chai';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

function network(home: string, ...args: string[]): string {
  return execFileSync('bash', [join(ROOT, 'scripts', 'network.sh'), ...args], {
    env: { ...process.env, FABRIC_AGREEMENTS_HOME: home },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('scripts: process bookkeeping', function () {
  this.timeout(30_000);
  let home: string;

  beforeEach(function () {
    home = mkdtempSync(join(tmpdir(), 'fa-home-'));
    mkdirSync(join(home, 'pids'));
    mkdirSync(join(home, 'services'));
  });
  afterEach(function () {
    rmSync(home, { recursive: true, force: true });
  });

  /** A process NAME with this pid, as start_process records it. */
  function recordProcess(name: string, pid: number, command: string): void {
    writeFileSync(join(home, 'pids', `${name}.pid`), `${pid}\n`);
    writeFileSync(join(home, 'services', `${name}.spec`), `SPEC_WORKDIR=${home}\nSPEC_CMD=(${command})\n`);
  }

  function stateOf(name: string): string | undefined {
    const row = network(home, 'status')
      .split('\n')
      .find((line) => line.startsWith(`${name} `));
    return row?.trim().split(/\s+/)[2];
  }

  it('a zombie is not running', async function () {
    // `sleep 30` is the parent of a `sleep 0` it never reaps: that child stays a zombie until the parent ends.
    const parent = spawn('bash', ['-c', 'sleep 0 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const zombie = Number(
        await new Promise<string>((done) => {
          parent.stdout.once('data', (d: Buffer) => {
            done(d.toString());
          });
        }),
      );
      await new Promise((done) => setTimeout(done, 300));
      expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).to.match(/\) Z /);
      recordProcess('peer0.zombie', zombie, 'sleep 30');
      recordProcess('peer0.alive', parent.pid!, 'sleep 30');
      expect(stateOf('peer0.zombie')).to.equal('zombie');
      expect(stateOf('peer0.alive')).to.equal('running');
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('writes a systemd unit that starts the recorded command, restarting it always', function () {
    recordProcess('gateway-example', 999_999, `env GATEWAY_X=/x 'CONFIG={"a":"b c"}' node main.js`);
    recordProcess('dev-oidc', 999_998, 'node dev-oidc.js');
    const out = join(home, 'units');
    network(home, 'systemd-units', '-o', out);
    const unit = readFileSync(join(out, 'fabric-agreements-gateway-example.service'), 'utf8');
    expect(unit).to.include(
      'ExecStart="/usr/bin/env" "GATEWAY_X=/x" "CONFIG={\\"a\\":\\"b c\\"}" "node" "main.js"',
    );
    expect(unit).to.include(`WorkingDirectory=${home}`);
    expect(unit).to.include('Restart=always');
    expect(unit).to.include('After=fabric-agreements-dev-oidc.service');
    expect(readFileSync(join(out, 'fabric-agreements.target'), 'utf8')).to.include(
      'WantedBy=multi-user.target',
    );
  });
});
