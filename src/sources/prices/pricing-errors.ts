import { errorPageWords, SourceError, type SourceErrorKind } from '../source-error';
import type { PriceFamily } from './aws-price-families';

interface SdkErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'CredentialsError']);
const BAD_CREDENTIALS =
  /UnrecognizedClient|InvalidClientTokenId|InvalidSignature|SignatureDoesNotMatch|ExpiredToken|MissingAuthenticationToken/;

const BUNDLED_FALLBACK = 'estimates keep using the last good prices, or the bundled list';

/**
 * A GetProducts failure in words a lead can act on. Never includes request details or
 * credentials; the failing family and region are named so "what failed and why" is plain.
 */
export function pricingError(error: unknown, family: PriceFamily, region: string): SourceError {
  if (error instanceof SourceError) return error;
  const e: SdkErrorLike = error && typeof error === 'object' ? (error as SdkErrorLike) : { message: String(error) };
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  const attempts = e.$metadata?.attempts && e.$metadata.attempts > 1 ? ` after ${e.$metadata.attempts} attempts` : '';
  const make = (kind: SourceErrorKind, text: string) =>
    new SourceError('aws', kind, `${text} (${family.label}, ${region}); ${BUNDLED_FALLBACK}.`, { cause: error });

  if (THROTTLING.has(name) || status === 429) {
    return make(
      'throttled',
      `The AWS Price List is throttling requests${attempts}: it allows about 5 a second per account`,
    );
  }
  if (name === 'AccessDeniedException' || status === 403) {
    return make(
      'permission',
      'AWS denied pricing:GetProducts: add "pricing:GetProducts" to the IAM policy of the bot\'s credentials (see README, "Permissions the bot needs")',
    );
  }
  if (NO_CREDENTIALS.has(name)) {
    return make(
      'auth',
      'No AWS credentials were found for the AWS Price List (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or a role)',
    );
  }
  if (BAD_CREDENTIALS.test(name)) return make('auth', `AWS rejected the credentials (${name})`);
  if (name === 'InvalidParameterException' || name === 'NotFoundException') {
    return make(
      'bad-response',
      `The AWS Price List refused the bot's filters (${name}); this is a bug in Hosting Advisor, please report it`,
    );
  }
  if (name === 'ExpiredNextTokenException' || name === 'InvalidNextTokenException') {
    return make('unavailable', `The AWS Price List's paging token expired (${name}); the next refresh starts over`);
  }
  if (name === 'SyntaxError' || /Deserialization error/i.test(e.message ?? '')) {
    if (status !== undefined && status >= 400) {
      return make(
        status >= 500 ? 'unavailable' : 'bad-response',
        errorPageWords('The AWS Price List', status, attempts),
      );
    }
    return make('bad-response', 'The AWS Price List sent an answer the bot could not read');
  }
  if (name === 'TimeoutError' || /timed? ?out/i.test(e.message ?? '')) {
    return make('timeout', `The AWS Price List did not answer in time${attempts}`);
  }
  const where = status ? `HTTP ${status}${name ? `, ${name}` : ''}` : name || 'no answer';
  return make('unavailable', `Could not reach the AWS Price List (${where})${attempts}`);
}
