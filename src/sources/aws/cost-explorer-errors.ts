import { errorPageText, SourceError } from '../source-error';

/** What the bot was doing, for the message: `GetCostAndUsage`, `GetCostForecast`. */
export type CostExplorerOperation =
  | 'GetCostAndUsage'
  | 'GetCostForecast'
  | 'GetAnomalies'
  | 'ProvideAnomalyFeedback'
  | 'GetCostComparisonDrivers';

interface SdkErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const THROTTLING = new Set([
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'AuthFailure',
]);
const EXPIRED_CREDENTIALS = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'RequestExpired',
  'TokenRefreshRequired',
]);
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'CredentialsError']);
const NETWORK_CODES = ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

const CREDENTIAL_HELP =
  'check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys), AWS_PROFILE, or the IAM role the bot runs as';

const READ_ACCESS =
  'the IAM policy for these credentials needs ce:GetCostAndUsage and ce:GetCostForecast (Cost Explorer read access), and Cost Explorer must be enabled for the account.';
/** What to add when AWS denies an operation: its own action (`ce:Get*` covers the reads). */
const PERMISSION_HELP: Record<CostExplorerOperation, string> = {
  GetCostAndUsage: READ_ACCESS,
  GetCostForecast: READ_ACCESS,
  GetAnomalies:
    "the IAM policy for these credentials needs ce:GetAnomalies (ce:Get* covers it) to list Cost Anomaly Detection's findings.",
  GetCostComparisonDrivers:
    'the IAM policy for these credentials needs ce:GetCostComparisonDrivers (ce:Get* covers it) to explain a month against the month before.',
  ProvideAnomalyFeedback:
    'the IAM policy for these credentials needs ce:ProvideAnomalyFeedback, the one write the bot asks for (ce:Get* does not cover it), to tell Cost Anomaly Detection what a lead said.',
};

function attemptsText(error: SdkErrorLike): string {
  const attempts = error.$metadata?.attempts;
  return attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
}

/** True when the request never reached Cost Explorer (no credentials to sign it with). */
export function neverSent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && NO_CREDENTIALS.has(String((error as SdkErrorLike).name));
}

/**
 * Turns whatever the SDK threw into a SourceError whose message says what failed and how to fix it.
 * Never copies credentials or request details into the message; AWS's own text is included only
 * for request-validation errors, where it names the bad parameter.
 */
export function costExplorerError(error: unknown, operation: CostExplorerOperation): SourceError {
  if (error instanceof SourceError) return error;
  const e: SdkErrorLike = error && typeof error === 'object' ? (error as SdkErrorLike) : { message: String(error) };
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  const message = e.message ?? '';
  const make = (kind: ConstructorParameters<typeof SourceError>[1], text: string) =>
    new SourceError('aws', kind, text, { cause: error });

  if (THROTTLING.has(name) || status === 429) {
    return make(
      'throttled',
      `Cost Explorer is throttling requests (${status === 429 ? 'HTTP 429' : name})${attemptsText(e)}; try again in a minute.`,
    );
  }
  if (name === 'AccessDeniedException' || status === 403) {
    return make('permission', `AWS denied ce:${operation}: ${PERMISSION_HELP[operation]}`);
  }
  if (NO_CREDENTIALS.has(name)) {
    return make(
      'auth',
      `No AWS credentials were found for Cost Explorer: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run the bot with an IAM role.`,
    );
  }
  if (EXPIRED_CREDENTIALS.has(name)) {
    return make(
      'auth',
      `AWS rejected the credentials because they have expired (${name}): refresh the temporary credentials (new AWS_SESSION_TOKEN, \`aws sso login\`), or ${CREDENTIAL_HELP}.`,
    );
  }
  if (BAD_CREDENTIALS.has(name)) {
    return make('auth', `AWS rejected the credentials (${name}): ${CREDENTIAL_HELP}.`);
  }
  if (name === 'DataUnavailableException') {
    return make(
      'not-found',
      'Cost Explorer has no data for that period yet: data appears up to 24 hours after Cost Explorer is enabled, and the current day fills in during the day.',
    );
  }
  if (name === 'BillExpirationException') {
    return make(
      'not-found',
      'Cost Explorer no longer has data for that period: it keeps 13 months (38 with multi-year history enabled); ask for a later period.',
    );
  }
  if (name === 'ResourceNotFoundException') {
    return make('not-found', `Cost Explorer could not find what ${operation} asked for (${name}).`);
  }
  if (name === 'BillingViewHealthStatusException') {
    return make('unavailable', 'Cost Explorer cannot read the billing view right now; try again later.');
  }
  // Node's network errors carry a code; when the SDK had to wrap one (it does across VM contexts) only the text remains.
  const code = e.code ?? NETWORK_CODES.find((candidate) => message.includes(candidate)) ?? '';
  if (
    code === 'ETIMEDOUT' ||
    /requestTimeout|timed out/i.test(message) ||
    (name === 'TimeoutError' && !NETWORK_CODES.includes(code))
  ) {
    return make('timeout', `Cost Explorer did not answer in time${attemptsText(e)}; try again in a few minutes.`);
  }
  // A connection cut mid-answer surfaces from the SDK as a deserialization error wrapping Node's
  // "aborted" (it is retried like any reset): it is a dropped connection, not an unreadable answer.
  if (
    NETWORK_CODES.includes(code) ||
    /socket hang up|ECONNRESET|ECONNREFUSED|EPIPE|ENOTFOUND|EAI_AGAIN|Error: aborted\b|premature close/i.test(message)
  ) {
    return make(
      'unavailable',
      `Could not reach Cost Explorer (${code || 'connection dropped'})${attemptsText(e)}: check the network path to ce.us-east-1.amazonaws.com (or AWS_ENDPOINT_URL_COST_EXPLORER), then try again.`,
    );
  }
  const unreadable = name === 'SyntaxError' || /Deserialization error/i.test(message);
  if (unreadable && status !== undefined && status >= 400) {
    return make(
      status >= 500 ? 'unavailable' : 'bad-response',
      errorPageText('Cost Explorer', status, attemptsText(e)),
    );
  }
  if (status !== undefined && status >= 500) {
    return make(
      'unavailable',
      `Cost Explorer is unavailable (HTTP ${status}${name && name !== 'Unknown' ? `, ${name}` : ''})${attemptsText(e)}; try again in a few minutes.`,
    );
  }
  if (unreadable) {
    return make(
      'bad-response',
      `Cost Explorer sent a response the bot could not read (${operation}); try again later.`,
    );
  }
  if (
    name === 'ValidationException' ||
    name === 'RequestChangedException' ||
    name === 'InvalidNextTokenException' ||
    (status !== undefined && status >= 400)
  ) {
    const detail = name === 'ValidationException' && message ? `: ${message.slice(0, 300)}` : '';
    return make(
      'bad-response',
      `Cost Explorer refused the bot's ${operation} request (${name || `HTTP ${status}`}${detail}). This is a bug in Hosting Advisor; please report it.`,
    );
  }
  return make('unavailable', `Cost Explorer ${operation} failed (${name || 'unknown error'}); try again later.`);
}
