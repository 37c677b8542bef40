/**
 * A budget from separate form fields (App Home), checked with the same rules as the command, each
 * error on its own field. Pure.
 */
import {
  type BudgetCheck,
  type BudgetPlatform,
  type BudgetScope,
  checkAmount,
  checkName,
  checkScope,
  checkThresholds,
  DEFAULT_THRESHOLDS,
  type FieldErrors,
  quote,
  resolvePlatform,
} from './budget';

export interface BudgetFields {
  name?: string;
  amount?: string;
  platform?: string;
  /** `all`, `team`, `app`, `service`, `account` or `tag`. */
  scopeKind?: string;
  /** The team, app, service or account; for a tag, `KEY=VALUE`. */
  scopeValue?: string;
  levels?: string;
  forecast: boolean;
  /** A channel ID picked from Slack's list. */
  channel?: string;
}

/**
 * A field's value without the command's `key=` and quotes: the errors' examples are the command's
 * words (service="…", tag:team=web, alert=50,80,100), and typed into the form as shown they would
 * otherwise be saved as a service or tag key that matches no spend, or be refused again.
 */
function asTyped(raw: string | undefined, key: string): string {
  const text = (raw ?? '').trim();
  const value = text.toLowerCase().startsWith(key) ? text.slice(key.length) : text;
  return value.replace(/^["“](.*)["”]$/, '$1').trim();
}

/** What the form's Watches menu calls each kind of scope, and the one platform it implies. */
export const SCOPE_CHOICES = [
  { kind: 'all', label: 'All spend' },
  { kind: 'team', label: 'Heroku team', platform: 'Heroku' },
  { kind: 'app', label: 'Heroku app', platform: 'Heroku' },
  { kind: 'service', label: 'AWS service', platform: 'AWS' },
  { kind: 'account', label: 'AWS linked account', platform: 'AWS' },
  { kind: 'tag', label: 'AWS cost-allocation tag', platform: 'AWS' },
] as const;

/** The platform error in the form's words: its menu's choices, not the command's `leave it out or write …`. */
function platformError(kind: string): string {
  const choice = SCOPE_CHOICES.find((candidate) => candidate.kind === kind);
  if (!choice || !('platform' in choice)) return 'Pick a platform.';
  const article = choice.label.startsWith('A') ? 'An' : 'A';
  return `${article} ${choice.label} budget watches ${choice.platform} only: pick ${choice.platform} or AWS + Heroku under Platform.`;
}

export function budgetFromFields(fields: BudgetFields): BudgetCheck {
  const errors: FieldErrors = {};
  const name = checkName(fields.name ?? '');
  if ('error' in name) errors.name = name.error;
  const amount = checkAmount(fields.amount ?? '');
  if ('error' in amount) errors.amount = amount.error;
  const levelsTyped = asTyped(fields.levels, 'alert=');
  const levels = levelsTyped ? checkThresholds(levelsTyped) : { value: DEFAULT_THRESHOLDS };
  if ('error' in levels) errors.thresholds = levels.error;
  let scope: BudgetScope = { kind: 'all' };
  const kind = fields.scopeKind ?? 'all';
  if (kind === 'all' && fields.scopeValue?.trim()) {
    // A name typed with "All spend" still picked would save a budget on every dollar, not on that name.
    errors.scope = `With "All spend" this stays empty: pick what ${quote(fields.scopeValue.trim())} is under Watches (a Heroku team or app, an AWS service, account or tag), or clear it.`;
  } else if (kind !== 'all') {
    const raw = asTyped(fields.scopeValue, kind === 'tag' ? 'tag:' : `${kind.toLowerCase()}=`);
    const eq = raw.indexOf('=');
    const checked =
      kind === 'tag'
        ? checkScope(`tag:${eq > 0 ? raw.slice(0, eq) : ''}`, eq > 0 ? raw.slice(eq + 1) : '')
        : checkScope(kind, raw);
    if ('error' in checked) errors.scope = checked.error;
    else scope = checked.value;
  }
  // The form's default, AWS + Heroku, means "whatever the scope implies" once a scope is picked.
  const asked =
    ['aws', 'heroku'].includes(fields.platform ?? '') || (fields.platform === 'both' && kind === 'all')
      ? (fields.platform as BudgetPlatform)
      : undefined;
  const platform = errors.scope ? undefined : resolvePlatform(asked, scope);
  if (platform && 'error' in platform) errors.platform = platformError(kind);
  if (
    Object.keys(errors).length > 0 ||
    'error' in name ||
    'error' in amount ||
    'error' in levels ||
    !platform ||
    'error' in platform
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      name: name.value,
      amountCents: amount.cents,
      platform: platform.value,
      scope,
      thresholds: levels.value,
      forecast: fields.forecast,
      ...(fields.channel ? { channel: fields.channel } : {}),
    },
  };
}
