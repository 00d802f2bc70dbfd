import { describe, expect, it } from 'vitest';
import { controlFor, rowPart } from './controls.js';
import { EMPTY_FORM, formDefaults, type FormState } from './form-model.js';
import { check, issuesOf, previewSpec, toSpec } from './to-spec.js';

const form = (over: Partial<FormState>): FormState => ({ ...EMPTY_FORM, image: 'localhost/x:1', ...over });

describe('create form model', () => {
  it('maps the form to core’s spec', () => {
    const { spec, issues } = toSpec(
      form({
        image: ' localhost/x:1 ',
        command: 'sh -c "echo hi there"',
        env: 'A=1\n\nB=2',
        usernsKind: 'keep-id-ids',
        keepUid: '1001',
        keepGid: '1001',
        memory: '64m',
        cpus: '1.5',
        ports: [{ hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
        mounts: [{ type: 'bind', source: '/d', target: '/data', options: 'ro, Z' }],
        network: 'bridge',
        networks: 'a, b',
        restartPolicy: 'on-failure',
      }),
    );
    expect(issues).toEqual([]);
    expect(spec).toEqual({
      image: 'localhost/x:1',
      command: ['sh', '-c', 'echo hi there'],
      env: ['A=1', 'B=2'],
      userns: { kind: 'keep-id', uid: 1001, gid: 1001 },
      limits: { memory: '64m', cpus: 1.5 },
      ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
      mounts: [{ type: 'bind', source: '/d', target: '/data', options: ['ro', 'Z'] }],
      network: { kind: 'bridge', networks: ['a', 'b'] },
      restartPolicy: 'on-failure',
    });
    expect(toSpec(form({})).spec).toEqual({ image: 'localhost/x:1' });
  });

  it('splits the command with shell quoting: --opt="a b" and a\\ b', () => {
    expect(toSpec(form({ command: 'run --opt="a b" a\\ b' })).spec.command).toEqual([
      'run',
      '--opt=a b',
      'a b',
    ]);
  });

  it('refuses a shell operator in the command at its field, with a hint', () => {
    const { spec, issues } = toSpec(form({ command: 'echo hi > /tmp/x', entrypoint: 'a | b' }));
    expect(spec.command).toBeUndefined();
    expect(issues.map((i) => i.field)).toEqual(['command', 'entrypoint']);
    expect(issues[0]?.message).toContain('">"');
    expect(issues[0]?.hint).toContain('sh -c');
  });

  it('reports text where a number goes at its field, with the schema’s hint, instead of sending it', () => {
    const { spec, issues } = toSpec(
      form({
        cpus: 'two',
        pidsLimit: '5x',
        ports: [{ hostIp: '', hostPort: 'eighty', containerPort: '', protocol: 'tcp' }],
        usernsKind: 'keep-id-ids',
        keepUid: 'abc',
      }),
    );
    expect(issues).toEqual([
      {
        field: 'ports[0].containerPort',
        message: 'The container port is empty',
        hint: expect.stringMatching(/1 to 65535/),
      },
      {
        field: 'ports[0].hostPort',
        message: '"eighty" is not a number',
        hint: expect.stringMatching(/0 to 65535/),
      },
      { field: 'userns', message: '"abc" is not a uid', hint: expect.stringContaining('keep-id:uid=1001') },
      {
        field: 'limits.cpus',
        message: '"two" is not a number',
        hint: 'Use a positive number such as 0.5 or 2.',
      },
      {
        field: 'limits.pidsLimit',
        message: '"5x" is not a number',
        hint: expect.stringContaining('-1 for unlimited'),
      },
    ]);
    expect(spec.limits).toBeUndefined();
  });

  it('finds every problem before sending: the form’s own and core’s schema on the rest, each once', () => {
    const { issues } = check(
      form({
        image: 'Not A Ref',
        name: 'web/1',
        memory: '12zb',
        cpus: 'two',
        command: 'a; b',
        ports: [{ hostIp: '999.1.1.1', hostPort: '', containerPort: '', protocol: 'tcp' }],
        mounts: [{ type: 'bind', source: 'rel', target: '/data', options: 'ro,rw' }],
        dns: 'dns.example',
        restartPolicy: 'always',
        autoRemove: true,
      }),
    );
    expect(issues.map((i) => i.field)).toEqual([
      'command',
      'ports[0].containerPort',
      'limits.cpus',
      'image',
      'name',
      'ports[0].hostIp',
      'mounts[0].source',
      'mounts[0].options',
      'limits.memory',
      'dns[0]',
      'autoRemove',
    ]);
    for (const i of issues) expect(i.hint, i.field).toBeTruthy();
  });

  it('gives secrets as files or variables; a bad row’s problem shows at that row', () => {
    const { spec } = toSpec(
      form({
        secrets: [
          { name: 'db', as: 'file', target: '' },
          { name: 'token', as: 'env', target: ' API_TOKEN ' },
        ],
      }),
    );
    expect(spec.secrets).toEqual([
      { name: 'db', as: 'file' },
      { name: 'token', as: 'env', target: 'API_TOKEN' },
    ]);
    const bad = check(form({ secrets: [{ name: 'db-password', as: 'env', target: '' }] }));
    expect(bad.issues.map((i) => [i.field, controlFor(i.field), rowPart(i.field)])).toEqual([
      ['secrets[0].target', 'secrets-0', 'target'],
    ]);
    expect(bad.issues[0]?.hint).toContain('DB_PASSWORD');
  });

  it('a valid form has no problems', () => {
    expect(check(form({ name: 'web', memory: '64m', pidsLimit: '-1' })).issues).toEqual([]);
  });

  it('maps core’s field paths to form controls; a field without one shows at the top', () => {
    expect(controlFor('ports[1].hostPort')).toBe('ports-1');
    expect(controlFor('mounts[0]')).toBe('mounts-0');
    expect(controlFor('ports')).toBe('ports');
    expect(controlFor('limits.cpusetCpus')).toBe('cpuset');
    expect(controlFor('limits.memory')).toBe('memory');
    expect(controlFor('security.capAdd[0]')).toBe('capAdd');
    expect(controlFor('security.seccompProfile')).toBe('seccomp');
    expect(controlFor('security.runtime')).toBe('runtime');
    expect(controlFor('env[3]')).toBe('env');
    expect(controlFor('userns.uid')).toBe('userns');
    expect(controlFor('network.kind')).toBe('network');
    expect(controlFor('restartRetries')).toBe('restartRetries');
    expect(controlFor('healthcheck.test[1]')).toBe('healthcheck');
    expect(controlFor('pod')).toBe('pod');
    expect(controlFor('stdin')).toBe('');
    expect(controlFor('imagee')).toBe('');
    expect(rowPart('ports[0].hostPort')).toBe('hostPort');
  });

  it('sends the preview only the parts it reads, and nothing while one of them is wrong', () => {
    const ok = check(
      form({
        memory: '12zb',
        user: '1001',
        mounts: [{ type: 'bind', source: '/d', target: '/x', options: '' }],
      }),
    );
    expect(previewSpec(ok.spec, ok.issues)).toEqual({
      image: 'localhost/x:1',
      user: '1001',
      mounts: [{ type: 'bind', source: '/d', target: '/x' }],
    });
    const bad = check(form({ mounts: [{ type: 'bind', source: '/d', target: 'x', options: '' }] }));
    expect(previewSpec(bad.spec, bad.issues)).toBeUndefined();
  });

  it('reads core’s error as its list of issues, or the one it names', () => {
    const one = { code: 'invalid_input' as const, field: 'name', message: 'taken', hint: 'pick another' };
    expect(issuesOf(one)).toEqual([{ field: 'name', message: 'taken', hint: 'pick another' }]);
    const many = {
      ...one,
      issues: [
        { field: 'name', message: 'taken' },
        { field: 'ports[0].hostPort', message: 'in use' },
      ],
    };
    expect(issuesOf(many)).toHaveLength(2);
  });

  it('reads the stop timeout in seconds; text that is not a number is a problem there', () => {
    expect(toSpec(form({ stopTimeout: ' 4 ' })).spec).toEqual({ image: 'localhost/x:1', stopTimeout: 4 });
    expect(toSpec(form({ stopTimeout: 'soon' })).issues.map((i) => i.field)).toEqual(['stopTimeout']);
    expect(check(form({ stopTimeout: '4000' })).issues).toMatchObject([
      { field: 'stopTimeout', hint: expect.stringMatching(/0 to 3600/) },
    ]);
    expect(controlFor('stopTimeout')).toBe('stopTimeout');
  });

  it.each<[string, Partial<FormState>]>([
    ['', { usernsKind: 'host' as const }],
    ['host', {}],
    ['keep-id', { usernsKind: 'keep-id' as const }],
    ['keep-id:uid=1000,gid=1000', { usernsKind: 'keep-id-ids' as const, keepUid: '1000', keepGid: '1000' }],
    ['nomap', { usernsKind: 'nomap' as const }],
    ['auto', {}],
  ])('starts a new container with the default user namespace %j', (userns, expected) => {
    const d = formDefaults({ userns, stopTimeoutSeconds: 3 });
    expect({ ...EMPTY_FORM, ...d }).toMatchObject({ usernsKind: 'host', ...expected });
    expect(d.stopTimeout).toBe('3');
  });
});
