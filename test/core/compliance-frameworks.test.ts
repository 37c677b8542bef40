import type { Control, Framework } from '../../src/core/compliance';
import { getFramework, listFrameworks } from '../../src/core/compliance';

const frameworks = listFrameworks();
const everyControl: [string, Control][] = frameworks.flatMap((framework) =>
  framework.controls.map((control) => [`${framework.id}/${control.id}`, control] as [string, Control]),
);

function framework(id: string): Framework {
  const found = getFramework(id);
  if (found === undefined) throw new Error(`no framework ${id}`);
  return found;
}

function allText(control: Control): string {
  return [
    control.title,
    control.why,
    control.citation,
    control.cost,
    control.verify,
    control.unconfirmed ?? '',
    ...Object.values(control.heroku),
    ...Object.values(control.aws),
  ].join('\n');
}

describe('compliance frameworks as data', () => {
  it('offers HIPAA, PCI DSS, SOC 2 and GDPR', () => {
    expect(frameworks.map((f) => f.id)).toEqual(['hipaa', 'pci', 'soc2', 'gdpr']);
  });

  it.each(everyControl)('%s answers for both platforms, with a citation, cost and a way to verify', (_, control) => {
    for (const platform of ['heroku', 'aws'] as const) {
      expect(control[platform].how.trim()).not.toBe('');
      expect(control[platform].customerShare.trim()).not.toBe('');
      expect(control[platform].evidence.trim()).not.toBe('');
    }
    expect(control.citation.trim()).not.toBe('');
    expect(control.why.trim()).not.toBe('');
    expect(control.cost.trim()).not.toBe('');
    expect(control.verify.trim()).not.toBe('');
  });

  it('gives every control a unique id and a group its framework displays', () => {
    const ids = everyControl.map(([, control]) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of frameworks) {
      for (const control of f.controls) expect(f.groups).toContain(control.group);
    }
  });

  it('never says a platform or configuration "is compliant"', () => {
    for (const [, control] of everyControl) {
      expect(allText(control)).not.toMatch(/\b(is|are) (\w+ ){0,2}compliant\b/i);
    }
  });

  it('cites 45 CFR 164.3xx on every HIPAA control', () => {
    for (const control of framework('hipaa').controls) {
      expect(control.citation).toMatch(/^45 CFR §164\.3\d\d\(/);
    }
  });

  it('covers every cite of the 13-item HIPAA hosting checklist (docs/references.md#compliance)', () => {
    const cites = framework('hipaa')
      .controls.map((control) => control.citation)
      .join(' ');
    for (const cite of [
      '164.312(a)(2)(iv)',
      '164.312(e)(2)(ii)',
      '164.312(e)(1)',
      '164.312(e)(2)(i)',
      '164.312(b)',
      '164.308(a)(1)(ii)(D)',
      '164.312(d)',
      '164.312(a)(1)',
      '164.308(a)(4)',
      '164.312(a)(2)(i)',
      '164.308(a)(3)(ii)(C)',
      '164.308(a)(4)(ii)(C)',
      '164.308(a)(7)',
      '164.312(a)(2)(ii)',
      '164.308(a)(6)',
      '164.308(a)(8)',
      '164.308(a)(5)(ii)(C)',
      '164.308(a)(5)(ii)(B)',
      '164.308(a)(5)(ii)(D)',
      '164.308(a)(1)(ii)(A)',
    ]) {
      expect(cites).toContain(cite);
    }
  });

  it('cites each 164.312(e)(2) specification under the control it is about (45 CFR text, not the Prowler mapping)', () => {
    // 45 CFR §164.312(e) is Transmission security: (e)(2)(i) integrity controls and (e)(2)(ii) encryption of
    // ePHI "being transmitted over an electronic communications network". Prowler's hipaa_aws.json maps
    // 164_312_e_2_ii to at-rest checks; the regulation's text puts it under encryption in transit.
    const cite = (id: string) => framework('hipaa').controls.find((c) => c.id === id)?.citation ?? '';
    expect(cite('hipaa-encryption-at-rest')).toBe('45 CFR §164.312(a)(2)(iv)');
    expect(cite('hipaa-encryption-in-transit')).toBe('45 CFR §164.312(e)(1); §164.312(e)(2)(i); §164.312(e)(2)(ii)');
  });

  it('says which Heroku HIPAA facts come from third-party guides, in words (no "(reported)")', () => {
    const hipaa = framework('hipaa');
    for (const id of ['hipaa-baa', 'hipaa-phi-compute', 'hipaa-phi-data']) {
      const control = hipaa.controls.find((c) => c.id === id);
      expect(control?.heroku.how).toMatch(/third-party HIPAA guides/i);
      expect(control?.heroku.how).not.toMatch(/reported/);
    }
  });

  it('cites PCI DSS v4.0.1, the one version in force since v4.0 retired on 31 December 2024, and includes the SAQ A route', () => {
    const pci = framework('pci');
    expect(pci.version).toBe('v4.0.1');
    expect(getFramework('pci-dss-v4.0.1')).toBe(pci);
    for (const control of pci.controls) expect(control.citation).toMatch(/^PCI DSS v4\.0\.1 .*(Req\. \d|SAQ A)/);
    const saqA = pci.controls.find((control) => control.id === 'pci-saq-a');
    expect(saqA?.title).toMatch(/SAQ A/);
    expect(saqA?.heroku.how).toMatch(/hosted payment page/);
  });

  it("marks every PCI requirement number not confirmed by Prowler's PCI DSS v4.0 mapping as unconfirmed", () => {
    const confirmed = new Set(['1.2.5', '3.5.1', '3.7.4', '3.7.5', '4.2.1', '8.4.1', '10.2.1']);
    for (const control of framework('pci').controls) {
      const v4 = control.citation.replace('PCI DSS v4.0.1', '').split(/v3\.2\.1/)[0];
      const numbers = [...v4.matchAll(/\b\d+(?:\.\d+)*\b/g)].map((m) => m[0]);
      for (const number of numbers.filter((n) => !confirmed.has(n))) {
        expect(`${control.id}: ${control.unconfirmed ?? ''}`).toContain(number);
      }
    }
  });

  it('never states a PCI level for Heroku, and points to the Salesforce Trust docs', () => {
    const pci = framework('pci');
    for (const control of pci.controls) expect(Object.values(control.heroku).join(' ')).not.toMatch(/level\s*\d/i);
    const status = pci.controls.find((control) => control.id === 'pci-provider-status');
    expect(status?.heroku.how).toContain('PCI status: check the Salesforce Trust/compliance docs');
    expect(status?.aws.how).toContain('PCI DSS Level 1 Service Provider');
  });

  it('marks SOC 2 and GDPR controls unconfirmed, in words a user can follow (no internal file names)', () => {
    for (const control of [...framework('soc2').controls, ...framework('gdpr').controls]) {
      expect(control.unconfirmed).toMatch(/not confirmed by our sources|unconfirmed/);
      expect(control.unconfirmed).not.toMatch(/\.md\b/);
    }
  });

  it.each(everyControl)(
    '%s names its sources in words, never "(reported)" or "our sources" (issue #15)',
    (_, control) => {
      expect(allText(control)).not.toMatch(/\(reported\)|our sources|, reported\b/i);
    },
  );

  it('never turns a GDPR shortfall into a gap (Art. 32 is risk-based)', () => {
    for (const control of framework('gdpr').controls) expect(control.shortfall).toBe('attention');
  });

  it.each([
    ['HIPAA', 'hipaa'],
    ['pci-dss', 'pci'],
    ['PCI_DSS', 'pci'],
    ['soc-2', 'soc2'],
    ['SOC2', 'soc2'],
    ['Gdpr', 'gdpr'],
  ])('finds %s as %s', (name, id) => {
    expect(getFramework(name)?.id).toBe(id);
  });

  it('finds nothing for an unknown name', () => {
    expect(getFramework('iso27001')).toBeUndefined();
    expect(getFramework('')).toBeUndefined();
  });
});
