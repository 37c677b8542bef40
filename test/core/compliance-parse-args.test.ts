import { parseComplianceArgs } from '../../src/core/compliance';

function ok(text: string) {
  const parsed = parseComplianceArgs(text);
  if (!parsed.ok) throw new Error(`expected ${text} to parse: ${parsed.message}`);
  return {
    framework: parsed.framework.id,
    platform: parsed.platform,
    live: parsed.live,
    workloadText: parsed.workloadText,
  };
}

function failure(text: string, command?: string): string {
  const parsed = parseComplianceArgs(text, command === undefined ? {} : { command });
  if (parsed.ok) throw new Error(`expected ${text} to be refused`);
  return parsed.message;
}

describe('parseComplianceArgs', () => {
  it('reads framework, platform and passes the workload tokens through untouched', () => {
    expect(ok('hipaa heroku web=2xstandard-2x postgres=standard-0')).toEqual({
      framework: 'hipaa',
      platform: 'heroku',
      live: false,
      workloadText: 'web=2xstandard-2x postgres=standard-0',
    });
  });

  it('reads live, in either order with the platform, case-insensitively', () => {
    expect(ok('PCI-DSS AWS live')).toEqual({ framework: 'pci', platform: 'aws', live: true, workloadText: undefined });
    expect(ok('soc-2 Live heroku')).toEqual({
      framework: 'soc2',
      platform: 'heroku',
      live: true,
      workloadText: undefined,
    });
  });

  it('accepts a framework name typed as two words', () => {
    expect(ok('pci dss aws')).toMatchObject({ framework: 'pci', platform: 'aws' });
    expect(ok('soc 2 live')).toMatchObject({ framework: 'soc2', live: true });
  });

  it('leaves the platform out when none is given', () => {
    const parsed = parseComplianceArgs('gdpr');
    expect(parsed).toMatchObject({ ok: true, live: false });
    expect(parsed).not.toHaveProperty('platform');
    expect(parsed).not.toHaveProperty('workloadText');
  });

  it('passes bare words it does not know to the estimate grammar', () => {
    expect(ok('hipaa staging web=1xshield-s')).toMatchObject({ workloadText: 'staging web=1xshield-s' });
  });

  it('refuses an unknown framework with the supported list and an example', () => {
    const message = failure('iso27001 heroku');
    expect(message).toContain('iso27001');
    for (const id of ['hipaa', 'pci', 'soc2', 'gdpr']) expect(message).toContain(`\`${id}\``);
    expect(message).toMatch(/Example: `compliance hipaa heroku web=/);
  });

  it.each(['hipaa azure web=1xbasic', 'pci gcp', 'hipaa herokku web=1xbasic'])(
    'refuses the platform in "%s" with the supported platforms',
    (text) => {
      const message = failure(text);
      expect(message).toMatch(/don't cover the platform/);
      expect(message).toContain('`heroku`');
      expect(message).toContain('`aws`');
    },
  );

  it('refuses two different platforms', () => {
    expect(failure('hipaa heroku aws')).toMatch(/Pick one platform/);
  });

  it('answers an empty command or help with usage, in the caller’s own command words', () => {
    expect(failure('', '/hosting compliance')).toMatch(/^Usage: `\/hosting compliance hipaa\|pci\|soc2\|gdpr /);
    expect(failure('help')).toMatch(/^Usage:/);
  });
});
