import type { SpendReport } from '../answers/spend';
import { formatCents } from '../core/money';

const signed = (cents: number) => (cents < 0 ? formatCents(cents) : `+${formatCents(cents)}`);
const dollars = (cents: number) => (cents / 100).toFixed(2);

/**
 * A spend answer for a terminal: the same figures as in Slack with every line the Details button
 * shows, without emphasis or code quotes.
 */
export function spendReportPlainText(report: SpendReport): string {
  const lines = [`${report.title} (UTC days, both ends included)`];
  if (report.together) {
    const { grossCents, netCents, estimated } = report.together;
    lines.push(
      `Together: ${formatCents(grossCents)} before credits, ${formatCents(netCents)} after credits${estimated ? ' (estimated)' : ''}`,
    );
  }
  for (const platform of report.platforms) {
    lines.push('', platform.name);
    const f = platform.figures;
    if (!f) {
      lines.push(`${platform.status === 'failed' ? 'WARNING: ' : ''}${platform.problem ?? 'no figures'}`);
      continue;
    }
    lines.push(
      platform.platform === 'heroku'
        ? `${formatCents(f.grossCents)}. ${f.measure}`
        : `${formatCents(f.grossCents)} before credits, ${formatCents(f.netCents)} after credits. ${f.measure}`,
    );
    if (f.change) {
      const over = f.change.over ? `, for ${f.change.over.range} (${formatCents(f.change.over.cents)})` : '';
      lines.push(
        `${signed(f.change.changeCents)}${f.change.percent ? ` (${f.change.percent})` : ''} on ${f.change.range} (${formatCents(f.change.previousCents)})${over}`,
      );
    }
    lines.push(
      `By ${f.grouping}:`,
      ...(f.groupingNote ? [`  (${f.groupingNote})`] : []),
      ...f.allLines.map((line) => `  ${line.label}: ${formatCents(line.cents)}`),
    );
    lines.push(`  Total: ${formatCents(f.grossCents)}`);
    if (f.movers.length > 0) lines.push('Biggest changes:', ...f.movers.map((m) => `  ${m}`));
    if (f.forecast) lines.push(f.forecast);
    lines.push(...f.notes, ...f.details);
  }
  return lines.map((line) => line.replace(/`/g, '')).join('\n');
}

/** `+17.8%` → `17.8`: a decimal string, as the amounts are. */
const percentNumber = (percent: string | undefined) => (percent ? percent.replace(/^\+|%$/g, '') : null);

/**
 * `--json`: the same report, amounts as decimal strings in US dollars; each total is the sum of its
 * lines. The period both as the text says it and as dates; the change in percent as the text shows it,
 * and `compared` when it counts only some of the period's days (AWS month to date leaves today out).
 */
export function spendReportJson(report: SpendReport): string {
  return JSON.stringify(
    {
      period: report.period,
      dates: report.dates,
      currency: 'USD',
      ...(report.together
        ? {
            together: {
              beforeCredits: dollars(report.together.grossCents),
              afterCredits: dollars(report.together.netCents),
              estimated: report.together.estimated,
            },
          }
        : {}),
      platforms: report.platforms.map((p) =>
        p.figures
          ? {
              platform: p.platform,
              status: p.status,
              beforeCredits: dollars(p.figures.grossCents),
              afterCredits: dollars(p.figures.netCents),
              credits: dollars(p.figures.creditsCents),
              measure: p.figures.measure,
              estimated: p.figures.estimated ?? null,
              runRate: p.figures.runRate ?? false,
              groupedBy: p.figures.grouping,
              groupingNote: p.figures.groupingNote ?? null,
              lines: p.figures.allLines.map((line) => ({ label: line.label, amount: dollars(line.cents) })),
              ...(p.figures.change
                ? {
                    previous: { range: p.figures.change.range, amount: dollars(p.figures.change.previousCents) },
                    ...(p.figures.change.over
                      ? {
                          compared: {
                            range: p.figures.change.over.range,
                            amount: dollars(p.figures.change.over.cents),
                          },
                        }
                      : {}),
                    change: dollars(p.figures.change.changeCents),
                    changePercent: percentNumber(p.figures.change.percent),
                  }
                : {}),
              forecast: p.figures.forecast ?? null,
              notes: [...p.figures.notes, ...p.figures.details],
            }
          : { platform: p.platform, status: p.status, problem: p.problem },
      ),
    },
    null,
    2,
  );
}
