import { parseBudgetSet } from '../../src/core/alerts/budget';
import { budgetEventKey, budgetEvents, budgetHistoryFrom } from '../../src/core/alerts/budget-check';

describe('budget set grammar', () => {
  test('reads every part of the issue grammar', () => {
    expect(
      parseBudgetSet('web-prod 2000/month heroku team=acme-eng alert=50,80,100 forecast channel=<#C0COSTS|eng-costs>'),
    ).toEqual({
      ok: true,
      value: {
        name: 'web-prod',
        amountCents: 200_000,
        platform: 'heroku',
        scope: { kind: 'team', value: 'acme-eng' },
        thresholds: [50, 80, 100],
        forecast: true,
        channel: 'C0COSTS',
      },
    });
    expect(parseBudgetSet('rds $1,250.50/mo service="Amazon Relational Database Service" alert=100,90')).toMatchObject({
      ok: true,
      value: {
        amountCents: 125_050,
        platform: 'aws',
        scope: { kind: 'service', value: 'Amazon Relational Database Service' },
        thresholds: [90, 100],
        forecast: false,
      },
    });
    expect(parseBudgetSet('web 2k/month tag:team=web')).toMatchObject({
      ok: true,
      value: { amountCents: 200_000, platform: 'aws', scope: { kind: 'tag', key: 'team', value: 'web' } },
    });
    expect(parseBudgetSet('all 5000/month')).toMatchObject({
      ok: true,
      value: { platform: 'both', scope: { kind: 'all' } },
    });
    expect(parseBudgetSet('acct 10/month account=123456789012')).toMatchObject({
      ok: true,
      value: { platform: 'aws' },
    });
  });

  test.each([
    ['', 'name'],
    ['Web Prod 2000/month', 'amount'],
    ['web-prod', 'amount'],
    ['web-prod lots/month', 'amount'],
    ['web-prod 0/month', 'amount'],
    ['web-prod 2000/month alert=50,abc', 'thresholds'],
    ['web-prod 2000/month alert=80,80', 'thresholds'],
    ['web-prod 2000/month channel=#eng-costs', 'channel'],
    ['web-prod 2000/month aws team=acme-eng', 'platform'],
    ['web-prod 2000/month team=acme app=api', 'scope'],
    ['web-prod 2000/month region=us-east-1', 'scope'],
    ['web-prod 2000/month account=12', 'scope'],
    ['web-prod 2000/month tag:=x', 'scope'],
    ['web-prod 2000/month whatever', 'scope'],
  ])('%j is refused on %s with an example of what works', (text, field) => {
    const result = parseBudgetSet(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = result.errors[field as keyof typeof result.errors];
    expect(message).toBeDefined();
    expect(message).toMatch(/e\.g\.|give|use|write|leave|Give/i);
    expect(message).not.toMatch(/[<>]/);
  });
});

describe('budget messages: once a month per level, forecast once, and a fall back under', () => {
  const budget = {
    id: 'b1',
    name: 'web',
    amountCents: 100_000,
    platform: 'heroku' as const,
    scope: { kind: 'all' as const },
    thresholds: [50, 80, 100],
    forecast: true,
  };
  const none = { actualAlerted: 0, forecastAlerted: false, recovered: [] };
  const spend = (actualCents: number, forecastCents: number | null = null) => ({
    month: '2026-11',
    actualCents,
    forecastCents,
  });

  test('79.99 % crosses 50 only; 80.00 % crosses 80 and covers the 50 it passed', () => {
    expect(budgetEvents(budget, spend(79_999), none)).toEqual([{ kind: 'crossed', threshold: 50, covers: [50] }]);
    expect(budgetEvents(budget, spend(80_000), none)).toEqual([{ kind: 'crossed', threshold: 80, covers: [50, 80] }]);
  });

  test('a level already announced is not announced again; falling under it is said once', () => {
    const after80 = budgetHistoryFrom(['budget:b1:2026-11:actual:80'], 'b1', '2026-11');
    expect(budgetEvents(budget, spend(85_000), after80)).toEqual([]);
    expect(budgetEvents(budget, spend(70_000), after80)).toEqual([{ kind: 'recovered', threshold: 80 }]);
    const recovered = budgetHistoryFrom(['budget:b1:2026-11:actual:80', 'budget:b1:2026-11:under:80'], 'b1', '2026-11');
    expect(budgetEvents(budget, spend(70_000), recovered)).toEqual([]);
    expect(budgetEvents(budget, spend(85_000), recovered)).toEqual([]);
  });

  test('the forecast alerts once when it goes over the amount, and not once actual is over it', () => {
    expect(budgetEvents(budget, spend(30_000, 120_000), none)).toEqual([{ kind: 'forecast' }]);
    const told = budgetHistoryFrom(['budget:b1:2026-11:forecast'], 'b1', '2026-11');
    expect(budgetEvents(budget, spend(30_000, 130_000), told)).toEqual([]);
    expect(budgetEvents({ ...budget, forecast: false }, spend(30_000, 120_000), none)).toEqual([]);
    expect(budgetEvents(budget, spend(30_000, null), none)).toEqual([]);
  });

  test('keys are per budget, month and level; last month says nothing about this one', () => {
    expect(budgetEventKey('b1', '2026-11', { kind: 'crossed', threshold: 80, covers: [80] })).toBe(
      'budget:b1:2026-11:actual:80',
    );
    expect(budgetHistoryFrom(['budget:b1:2026-10:actual:100'], 'b1', '2026-11')).toEqual(none);
  });
});
