/**
 * A local AWS Cost Explorer for tests: speaks the real awsJson1_1 wire protocol (POST /,
 * `X-Amz-Target: AWSInsightsIndexService.<Operation>`, `application/x-amz-json-1.1`, errors as
 * `{"__type": …, "Message": …}`), so the real `@aws-sdk/client-cost-explorer` client can be
 * pointed at it with `endpoint` (or AWS_ENDPOINT_URL_COST_EXPLORER).
 *
 * Every request is checked against the official botocore model (shared/fixtures/aws/ce-service-2.json):
 * known operation, SigV4 Authorization scoped to us-east-1/ce, required members, no unknown members,
 * types, enums, lengths, ranges and string patterns (as whole-string matches), plus the constraints the
 * model states in its documentation (metric names, group-by dimensions and their count, match options,
 * one root per Expression, forecast metrics and granularities, Start before End, real calendar dates).
 * A request that breaks any of them gets `400 ValidationException` naming every problem, so a bug in
 * the code under test shows instead of being answered. Scripted success bodies are checked against
 * the output shapes when they are scripted, so test data cannot drift from what AWS can send.
 *
 * Scripting (the most recently added matching route wins; a route with `times` retires when used up):
 *
 *   const ce = await startFakeCostExplorer();
 *   ce.pages('GetCostAndUsage', [page1, page2, page3]);          // tokens issued and checked by the fake
 *   ce.reply('GetCostForecast', reply.ok({ Total: { Amount: '12.5', Unit: 'USD' } }));
 *   ce.reply('GetCostAndUsage', reply.throttle(), { times: 2 }); // then the pages again
 *   ce.reply('GetCostAndUsage', reply.tooManyRequests(1));        // 429 with Retry-After: 1
 *   ce.reply('GetCostAndUsage', reply.dropMidBody(), { times: 1 }); // headers, half a body, socket destroyed
 *   ce.reply('GetCostAndUsage', reply.held(gate.opened, reply.ok(page))); // answered when the test opens the gate
 *   ce.rejectAccessKey('AKIDEXPIRED', 'ExpiredTokenException');
 *   … ce.requests('GetCostAndUsage') → parsed bodies, targets, outcomes
 *
 * Paging follows the service: a `NextPageToken` the fake did not issue gets InvalidNextTokenException,
 * and a page request whose other parameters differ from the first page's gets RequestChangedException.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** ../shared beside the checkout, from test/support (ts-jest) or dist-bench/test/support (the bench). */
const CE_MODEL_PATH =
  ['../../../shared', '../../../../shared']
    .map((shared) => path.resolve(__dirname, shared, 'fixtures/aws/ce-service-2.json'))
    .find((file) => fs.existsSync(file)) ?? path.resolve(__dirname, '../../../shared/fixtures/aws/ce-service-2.json');

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

interface MemberRef {
  shape: string;
}

interface ModelShape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'double' | 'boolean' | 'timestamp' | 'blob';
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  exception?: boolean;
  documentation?: string;
}

interface ModelOperation {
  name: string;
  http: { method: string; requestUri: string };
  input?: MemberRef;
  output?: MemberRef;
  errors?: MemberRef[];
}

export interface CeModel {
  metadata: { targetPrefix: string; protocol: string; jsonVersion: string; signingName: string };
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

let cachedModel: CeModel | undefined;

export function loadCeModel(): CeModel {
  cachedModel ??= JSON.parse(fs.readFileSync(CE_MODEL_PATH, 'utf8')) as CeModel;
  return cachedModel;
}

const patternCache = new Map<string, RegExp | null>();

/** Model patterns as whole-string matches; `null` when JavaScript cannot compile one (recorded, not guessed). */
function compilePattern(pattern: string): RegExp | null {
  if (patternCache.has(pattern)) return patternCache.get(pattern) ?? null;
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  let compiled: RegExp | null = null;
  for (const candidate of [body, body.replace(/(\\p\{\w+\})-/g, '$1\\-')]) {
    try {
      compiled = new RegExp(`^(?:${candidate})$`, 'u');
      break;
    } catch {
      // try the next spelling
    }
  }
  patternCache.set(pattern, compiled);
  return compiled;
}

/** Validates `value` against a model shape; returns one line per problem (empty when valid). */
export function validateShape(model: CeModel, shapeName: string, value: unknown, where = '$'): string[] {
  const shape = model.shapes[shapeName];
  if (!shape) return [`${where}: unknown shape ${shapeName}`];
  const problems: string[] = [];
  switch (shape.type) {
    case 'structure': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return [`${where}: expected an object (${shapeName})`];
      }
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? []) {
        if (record[name] === undefined || record[name] === null) problems.push(`${where}.${name}: required`);
      }
      for (const [name, member] of Object.entries(record)) {
        const ref = shape.members?.[name];
        if (!ref) {
          problems.push(`${where}.${name}: not a member of ${shapeName}`);
        } else if (member !== null && member !== undefined) {
          problems.push(...validateShape(model, ref.shape, member, `${where}.${name}`));
        }
      }
      return problems;
    }
    case 'list': {
      if (!Array.isArray(value)) return [`${where}: expected a list (${shapeName})`];
      if (shape.min !== undefined && value.length < shape.min) problems.push(`${where}: at least ${shape.min} items`);
      if (shape.max !== undefined && value.length > shape.max) problems.push(`${where}: at most ${shape.max} items`);
      value.forEach((item, index) => {
        problems.push(...validateShape(model, shape.member!.shape, item, `${where}[${index}]`));
      });
      return problems;
    }
    case 'map': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return [`${where}: expected a map (${shapeName})`];
      }
      for (const [key, item] of Object.entries(value)) {
        problems.push(...validateShape(model, shape.key!.shape, key, `${where}{key ${JSON.stringify(key)}}`));
        problems.push(...validateShape(model, shape.value!.shape, item, `${where}[${JSON.stringify(key)}]`));
      }
      return problems;
    }
    case 'string': {
      if (typeof value !== 'string') return [`${where}: expected a string (${shapeName})`];
      if (shape.enum && !shape.enum.includes(value)) {
        problems.push(`${where}: ${JSON.stringify(value)} is not one of ${shape.enum.join(', ')}`);
      }
      if (shape.min !== undefined && value.length < shape.min) problems.push(`${where}: shorter than ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) problems.push(`${where}: longer than ${shape.max}`);
      if (shape.pattern) {
        const regex = compilePattern(shape.pattern);
        if (regex && !regex.test(value)) {
          problems.push(`${where}: ${JSON.stringify(value)} does not match ${shape.pattern}`);
        }
      }
      return problems;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return [`${where}: expected an integer`];
      if (shape.min !== undefined && value < shape.min) problems.push(`${where}: below ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) problems.push(`${where}: above ${shape.max}`);
      return problems;
    }
    case 'double':
      return typeof value === 'number' ? [] : [`${where}: expected a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${where}: expected a boolean`];
    case 'timestamp':
      return typeof value === 'number' || typeof value === 'string' ? [] : [`${where}: expected a timestamp`];
    case 'blob':
      return typeof value === 'string' ? [] : [`${where}: expected base64 text`];
    default:
      return [`${where}: unsupported shape type ${(shape as ModelShape).type}`];
  }
}

/** Values the model's documentation lists in `<code>` after "Valid values …", e.g. the metric names. */
function documentedCodeValues(doc: string | undefined, sentenceStart: RegExp): string[] {
  const text = doc ?? '';
  const start = text.search(sentenceStart);
  if (start < 0) return [];
  const sentence = text.slice(start).split(/\.\s*<\/p>|<\/p>/)[0];
  return [...sentence.matchAll(/<code>([^<]+)<\/code>/g)].map((match) => match[1]).filter((v) => v !== 'DIMENSION');
}

/** The constraints the model states in prose rather than in shapes, read from the model itself. */
export interface DocumentedRules {
  costAndUsageMetrics: string[];
  groupByDimensions: string[];
  dimensionMatchOptions: string[];
  tagMatchOptions: string[];
  forecastMetrics: string[];
  forecastGranularities: string[];
  maxGroupBy: number;
}

let cachedRules: DocumentedRules | undefined;

export function documentedRules(model = loadCeModel()): DocumentedRules {
  if (cachedRules) return cachedRules;
  const memberDoc = (shape: string, member: string) =>
    (model.shapes[shape].members![member] as MemberRef & { documentation?: string }).documentation;
  const forecastMetricDoc = memberDoc('GetCostForecastRequest', 'Metric') ?? '';
  const granularityDoc = memberDoc('GetCostForecastRequest', 'Granularity') ?? '';
  const groupDoc = memberDoc('GetCostAndUsageRequest', 'GroupBy') ?? '';
  const filterDoc = memberDoc('GetCostAndUsageRequest', 'Filter');
  const rules: DocumentedRules = {
    costAndUsageMetrics: documentedCodeValues(memberDoc('GetCostAndUsageRequest', 'Metrics'), /Valid values are/),
    groupByDimensions: documentedCodeValues(groupDoc, /Valid values for the <code>DIMENSION<\/code> type/),
    dimensionMatchOptions: documentedCodeValues(
      filterDoc,
      /Valid values for <code>MatchOptions<\/code> for <code>Dimensions/,
    ).filter((v) => v !== 'MatchOptions' && v !== 'Dimensions'),
    tagMatchOptions: documentedCodeValues(
      filterDoc,
      /Valid values for <code>MatchOptions<\/code> for <code>CostCategories/,
    ).filter((v) => !['MatchOptions', 'CostCategories', 'Tags'].includes(v)),
    forecastMetrics: [
      ...forecastMetricDoc.slice(forecastMetricDoc.indexOf('Valid values')).matchAll(/<p>([A-Z_]+)<\/p>/g),
    ].map((match) => match[1]),
    forecastGranularities: (granularityDoc.match(/supports only (.*?) granularities/)?.[1] ?? '')
      .match(/<code>([A-Z]+)<\/code>/g)!
      .map((code) => code.replace(/<\/?code>/g, '')),
    maxGroupBy: /up to two different groups/.test(groupDoc) ? 2 : Number.POSITIVE_INFINITY,
  };
  for (const [name, values] of Object.entries(rules)) {
    if (Array.isArray(values) && values.length === 0) {
      throw new Error(`fake-cost-explorer: could not read ${name} from ${CE_MODEL_PATH}; the model changed`);
    }
  }
  cachedRules = rules;
  return rules;
}

const YEAR_MONTH_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/;

function parseModelDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = YEAR_MONTH_DAY.exec(value);
  if (!match) return undefined;
  const [, y, m, d, hh = '00', mm = '00', ss = '00'] = match;
  const time = Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm), Number(ss));
  const back = new Date(time);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(m) - 1 || back.getUTCDate() !== Number(d)) {
    return undefined;
  }
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  return time;
}

function checkInterval(interval: unknown, where: string, problems: string[]) {
  if (!interval || typeof interval !== 'object') return;
  const { Start, End } = interval as { Start?: unknown; End?: unknown };
  const start = parseModelDate(Start);
  const end = parseModelDate(End);
  if (Start !== undefined && start === undefined)
    problems.push(`${where}.Start: ${JSON.stringify(Start)} is not a date`);
  if (End !== undefined && end === undefined) problems.push(`${where}.End: ${JSON.stringify(End)} is not a date`);
  if (start !== undefined && end !== undefined && start >= end) {
    problems.push(`${where}: Start date should be before end date (End is exclusive)`);
  }
}

function checkExpression(
  operation: string,
  expression: unknown,
  where: string,
  rules: DocumentedRules,
  problems: string[],
) {
  if (!expression || typeof expression !== 'object') return;
  const record = expression as Record<string, unknown>;
  const roots = ['And', 'Or', 'Not', 'Dimensions', 'Tags', 'CostCategories'].filter((k) => record[k] !== undefined);
  if (roots.length !== 1) {
    problems.push(
      `${where}: Expression has ${roots.length === 0 ? 'no' : 'more than one'} root. Only one root operator is allowed for each expression: And, Or, Not, Dimensions, Tags, CostCategories`,
    );
  }
  for (const key of ['And', 'Or'] as const) {
    const list = record[key];
    if (Array.isArray(list)) {
      if (list.length < 2) problems.push(`${where}.${key}: needs at least two expressions`);
      list.forEach((item, index) => {
        checkExpression(operation, item, `${where}.${key}[${index}]`, rules, problems);
      });
    }
  }
  if (record.Not !== undefined) checkExpression(operation, record.Not, `${where}.Not`, rules, problems);
  for (const key of ['Dimensions', 'Tags', 'CostCategories'] as const) {
    const values = record[key] as { Key?: unknown; Values?: unknown[]; MatchOptions?: unknown[] } | undefined;
    if (!values || typeof values !== 'object') continue;
    if (values.Key === undefined) problems.push(`${where}.${key}.Key: required`);
    const options = values.MatchOptions ?? [];
    const absent = options.includes('ABSENT');
    if (!absent && (!Array.isArray(values.Values) || values.Values.length === 0)) {
      problems.push(`${where}.${key}.Values: at least one value`);
    }
    if (operation === 'GetCostAndUsage' || operation === 'GetCostForecast') {
      const allowed = key === 'Dimensions' ? rules.dimensionMatchOptions : rules.tagMatchOptions;
      for (const option of options) {
        if (!allowed.includes(String(option))) {
          problems.push(
            `${where}.${key}.MatchOptions: ${String(option)} is not supported here (${allowed.join(', ')})`,
          );
        }
      }
    }
  }
}

/** Every problem with a request body for an operation: the model's shapes plus its documented rules. */
export function validateRequest(
  operation: string,
  body: unknown,
  model = loadCeModel(),
  options: { allowUndocumentedGroupBy?: readonly string[] } = {},
): string[] {
  const op = model.operations[operation];
  if (!op) return [`unknown operation ${operation}`];
  const problems = op.input ? validateShape(model, op.input.shape, body ?? {}, '$') : [];
  if (!body || typeof body !== 'object') return problems;
  const rules = documentedRules(model);
  const input = body as Record<string, unknown>;
  checkInterval(input.TimePeriod, '$.TimePeriod', problems);
  if (input.Filter !== undefined) checkExpression(operation, input.Filter, '$.Filter', rules, problems);
  if (operation === 'GetCostAndUsage') {
    const metrics = input.Metrics;
    if (Array.isArray(metrics)) {
      if (metrics.length === 0) problems.push('$.Metrics: at least one metric');
      for (const metric of metrics) {
        if (!rules.costAndUsageMetrics.includes(String(metric))) {
          problems.push(`$.Metrics: ${JSON.stringify(metric)} is not one of ${rules.costAndUsageMetrics.join(', ')}`);
        }
      }
    }
    const groups = input.GroupBy;
    if (Array.isArray(groups)) {
      if (groups.length > rules.maxGroupBy) problems.push(`$.GroupBy: at most ${rules.maxGroupBy} groups`);
      const seen = new Set<string>();
      groups.forEach((group: { Type?: string; Key?: string }, index) => {
        const where = `$.GroupBy[${index}]`;
        if (!group?.Type) problems.push(`${where}.Type: required`);
        if (group?.Key === undefined || group.Key === '') problems.push(`${where}.Key: required`);
        const groupable = [...rules.groupByDimensions, ...(options.allowUndocumentedGroupBy ?? [])];
        if (group?.Type === 'DIMENSION' && group.Key && !groupable.includes(group.Key)) {
          problems.push(`${where}.Key: cannot group by ${group.Key} (${rules.groupByDimensions.join(', ')})`);
        }
        const id = `${group?.Type}:${group?.Key}`;
        if (seen.has(id)) problems.push(`${where}: duplicate group definition ${id}`);
        seen.add(id);
      });
    }
  }
  if (operation === 'GetCostForecast') {
    if (input.Metric !== undefined && !rules.forecastMetrics.includes(String(input.Metric))) {
      problems.push(
        `$.Metric: ${JSON.stringify(input.Metric)} is not valid for GetCostForecast (${rules.forecastMetrics.join(', ')})`,
      );
    }
    if (input.Granularity !== undefined && !rules.forecastGranularities.includes(String(input.Granularity))) {
      problems.push(`$.Granularity: GetCostForecast supports only ${rules.forecastGranularities.join(' and ')}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------

export type FakeReply =
  | { type: 'ok'; body: Record<string, unknown> }
  | { type: 'error'; name: string; message: string; status: number; headers?: Record<string, string> }
  | { type: 'http'; status: number; body: string; contentType?: string; headers?: Record<string, string> }
  | { type: 'malformed' }
  | { type: 'drop' }
  | { type: 'drop-mid-body' }
  | { type: 'delay'; ms: number; then: FakeReply }
  | { type: 'held'; until: Promise<unknown>; then: FakeReply };

/** Errors any AWS JSON service can send besides the operation's modeled ones. */
const COMMON_AWS_ERRORS = [
  'AccessDeniedException',
  'ExpiredTokenException',
  'IncompleteSignature',
  'InternalFailure',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'ServiceUnavailable',
  'ThrottlingException',
  'UnrecognizedClientException',
  'ValidationException',
] as const;

export const reply = {
  ok: (body: Record<string, unknown>): FakeReply => ({ type: 'ok', body }),
  /** An AWS error as the service sends it: HTTP status (400 unless told) and `{"__type", "Message"}`. */
  error: (name: string, message = `${name} (scripted by the test)`, status = 400): FakeReply => ({
    type: 'error',
    name,
    message,
    status,
  }),
  /** Cost Explorer's throttle: LimitExceededException, HTTP 400. */
  throttle: (): FakeReply =>
    reply.error('LimitExceededException', 'You made too many calls in a short period of time. Try again later.'),
  /**
   * A bare HTTP 429 (as a proxy or the edge might send). Without `retryAfterSeconds` there is no
   * Retry-After, so backoff stays the client's; with it, the header asks the client to wait.
   */
  tooManyRequests: (retryAfterSeconds?: number): FakeReply => ({
    type: 'http',
    status: 429,
    body: '{"message":"Too Many Requests"}',
    contentType: 'application/json',
    ...(retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(retryAfterSeconds) } }),
  }),
  /** A 5xx with an AWS-shaped body (InternalFailure for 500, ServiceUnavailable otherwise). */
  serverError: (status = 503): FakeReply =>
    reply.error(status === 500 ? 'InternalFailure' : 'ServiceUnavailable', 'Service is unavailable', status),
  accessDenied: (operation = 'GetCostAndUsage'): FakeReply =>
    reply.error(
      'AccessDeniedException',
      `User: arn:aws:iam::123456789012:user/bot is not authorized to perform: ce:${operation} on resource: arn:aws:ce:us-east-1:123456789012:/${operation}`,
    ),
  dataUnavailable: (): FakeReply => reply.error('DataUnavailableException', 'Insufficient amount of historical data'),
  /** 200 with a body that is not JSON. */
  malformed: (): FakeReply => ({ type: 'malformed' }),
  /** Closes the connection without answering. */
  drop: (): FakeReply => ({ type: 'drop' }),
  /** Sends 200, its headers (promising more bytes) and part of the body, then destroys the socket. */
  dropMidBody: (): FakeReply => ({ type: 'drop-mid-body' }),
  slow: (ms: number, then: FakeReply): FakeReply => ({ type: 'delay', ms, then }),
  /** Answers `then` once `until` settles (the test opens a gate); until then the request is `pending`. */
  held: (until: Promise<unknown>, then: FakeReply): FakeReply => ({ type: 'held', until, then }),
};

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

/** Filter expressions as the model defines them, typed loosely enough for test matchers. */
interface CeExpression {
  And?: CeExpression[];
  Or?: CeExpression[];
  Not?: CeExpression;
  Dimensions?: { Key?: string; Values?: string[]; MatchOptions?: string[] };
  Tags?: { Key?: string; Values?: string[]; MatchOptions?: string[] };
  CostCategories?: { Key?: string; Values?: string[]; MatchOptions?: string[] };
}

/** A parsed request body: the members tests usually look at, plus whatever else was sent. */
export interface CeRequestBody {
  TimePeriod?: { Start?: string; End?: string };
  Granularity?: string;
  Metrics?: string[];
  Metric?: string;
  GroupBy?: { Type?: string; Key?: string }[];
  Filter?: CeExpression;
  NextPageToken?: string;
  [member: string]: unknown;
}

type CeOperation = 'GetCostAndUsage' | 'GetCostForecast' | 'GetDimensionValues' | (string & {});

interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  /** The X-Amz-Target header as sent. */
  target: string | undefined;
  /** The operation named by the target (undefined when the target is missing or not Cost Explorer's). */
  operation: string | undefined;
  contentType: string | undefined;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body (undefined when it was not a JSON object). */
  body: CeRequestBody | undefined;
  accessKeyId: string | undefined;
  /** From the SigV4 credential scope: `us-east-1`, `ce`. */
  signingRegion: string | undefined;
  signingService: string | undefined;
  /** The SDK's `amz-sdk-request` header, e.g. `attempt=2; max=3`. */
  sdkAttempt: string | undefined;
  /** What the fake did: the HTTP status sent, or `dropped`; `pending` while the answer is held. */
  outcome: number | 'dropped' | 'pending';
  /** The AWS error name sent, if any. */
  errorName?: string;
  /** Validation problems (set when the fake answered ValidationException because of them). */
  problems?: string[];
}

export interface FakeRequestInfo {
  operation: string;
  input: CeRequestBody;
  request: LoggedRequest;
}

type Responder = FakeReply | ((info: FakeRequestInfo) => FakeReply);

interface RouteOptions {
  /** Only requests for which this returns true use the route. */
  match?: (input: CeRequestBody, info: FakeRequestInfo) => boolean;
  /** Retire the route after this many uses (default: never). */
  times?: number;
}

interface Route {
  id: number;
  operation: string;
  match?: RouteOptions['match'];
  remaining: number;
  respond: (info: FakeRequestInfo) => FakeReply;
}

interface IssuedToken {
  routeId: number;
  nextIndex: number;
  paramsKey: string;
}

type CredentialRejection =
  | 'UnrecognizedClientException'
  | 'ExpiredTokenException'
  | 'InvalidSignatureException'
  | 'InvalidClientTokenId';

const CREDENTIAL_MESSAGES: Record<CredentialRejection, string> = {
  UnrecognizedClientException: 'The security token included in the request is invalid.',
  ExpiredTokenException: 'The security token included in the request is expired',
  InvalidSignatureException:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
  InvalidClientTokenId: 'The security token included in the request is invalid.',
};

export interface FakeCostExplorer {
  /** `http://127.0.0.1:<port>`: pass as the client's `endpoint` or AWS_ENDPOINT_URL_COST_EXPLORER. */
  readonly endpoint: string;
  /** Every request received, in order; optionally only one operation's. */
  requests(operation?: string): LoggedRequest[];
  /** Requests no route answered (answered with FakeNotScriptedException). */
  readonly unhandled: LoggedRequest[];
  /** Adds a route (most recent first). Success bodies are checked against the output shape now. */
  reply(operation: CeOperation, responder: Responder, options?: RouteOptions): void;
  /**
   * Serves `bodies` as consecutive pages: the fake adds `NextPageToken` to all but the last, and the
   * token leads to the next page only when every other parameter is unchanged.
   */
  pages(operation: CeOperation, bodies: Record<string, unknown>[], options?: Omit<RouteOptions, 'times'>): void;
  /** Requests signed with this access key id get the given credential error. */
  rejectAccessKey(accessKeyId: string, error: CredentialRejection): void;
  /** Forgets routes, tokens, rejections and the log. */
  reset(): void;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSInsightsIndexService.';
const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function paramsKey(input: Record<string, unknown>): string {
  const { NextPageToken: _ignored, ...rest } = input;
  return JSON.stringify(canonical(rest));
}

function checkScriptedReply(model: CeModel, operation: string, scripted: FakeReply): void {
  const op = model.operations[operation];
  if (!op) throw new Error(`fake-cost-explorer: ${operation} is not a Cost Explorer operation`);
  if (scripted.type === 'delay' || scripted.type === 'held') {
    checkScriptedReply(model, operation, scripted.then);
    return;
  }
  if (scripted.type === 'ok') {
    const problems = op.output ? validateShape(model, op.output.shape, scripted.body, '$') : [];
    if (problems.length > 0) {
      throw new Error(`fake-cost-explorer: scripted ${operation} body breaks the model:\n  ${problems.join('\n  ')}`);
    }
  }
  if (scripted.type === 'error') {
    const modeled = (op.errors ?? []).map((e) => e.shape);
    if (!modeled.includes(scripted.name) && !(COMMON_AWS_ERRORS as readonly string[]).includes(scripted.name)) {
      throw new Error(
        `fake-cost-explorer: ${operation} cannot fail with ${scripted.name}; modeled: ${modeled.join(', ')}; common: ${COMMON_AWS_ERRORS.join(', ')}`,
      );
    }
  }
}

function parseAuthorization(header: string | undefined) {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=[^,]+,\s*Signature=[0-9a-f]{64}$/.exec(
      header ?? '',
    );
  if (!match) return undefined;
  return { accessKeyId: match[1], region: match[3], service: match[4] };
}

export interface FakeCostExplorerOptions {
  /**
   * DIMENSION keys to accept in GroupBy beyond the twelve the model documents for GetCostAndUsage
   * (e.g. REGION, which the service is known to accept). Listing one is a decision: say why in the test.
   */
  allowUndocumentedGroupBy?: readonly string[];
}

export async function startFakeCostExplorer(options: FakeCostExplorerOptions = {}): Promise<FakeCostExplorer> {
  const model = loadCeModel();
  documentedRules(model);
  const log: LoggedRequest[] = [];
  const unhandled: LoggedRequest[] = [];
  let routes: Route[] = [];
  let nextRouteId = 1;
  const tokens = new Map<string, IssuedToken>();
  const rejectedKeys = new Map<string, CredentialRejection>();
  const timers = new Set<NodeJS.Timeout>();

  function send(res: http.ServerResponse, entry: LoggedRequest, answer: FakeReply): void {
    if (res.destroyed) {
      entry.outcome = 'dropped';
      return;
    }
    switch (answer.type) {
      case 'held': {
        const then = () => send(res, entry, answer.then);
        answer.until.then(then, then);
        return;
      }
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(res, entry, answer.then);
        }, answer.ms);
        timer.unref();
        timers.add(timer);
        return;
      }
      case 'drop':
        entry.outcome = 'dropped';
        res.socket?.destroy();
        return;
      case 'drop-mid-body':
        entry.outcome = 'dropped';
        res.writeHead(200, {
          'content-type': JSON_CONTENT_TYPE,
          'content-length': '4096',
          'x-amzn-requestid': crypto.randomUUID(),
        });
        res.write('{"ResultsByTime": [{"TimePeriod": {"Start": "2026-', () => res.socket?.destroy());
        return;
      case 'malformed':
        entry.outcome = 200;
        res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': crypto.randomUUID() });
        res.end('{"ResultsByTime": [{"TimePeriod": {"Start": "2026-');
        return;
      case 'http':
        entry.outcome = answer.status;
        res.writeHead(answer.status, {
          'content-type': answer.contentType ?? 'text/plain',
          'x-amzn-requestid': crypto.randomUUID(),
          ...answer.headers,
        });
        res.end(answer.body);
        return;
      case 'error':
        entry.outcome = answer.status;
        entry.errorName = answer.name;
        res.writeHead(answer.status, {
          'content-type': JSON_CONTENT_TYPE,
          'x-amzn-requestid': crypto.randomUUID(),
          ...answer.headers,
        });
        res.end(JSON.stringify({ __type: answer.name, Message: answer.message }));
        return;
      case 'ok': {
        entry.outcome = 200;
        res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': crypto.randomUUID() });
        res.end(JSON.stringify(answer.body));
        return;
      }
    }
  }

  const refuse = (name: string, message: string, status = 400): FakeReply => ({ type: 'error', name, message, status });

  function handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string): void {
    const target = typeof req.headers['x-amz-target'] === 'string' ? req.headers['x-amz-target'] : undefined;
    const auth = parseAuthorization(req.headers.authorization);
    let body: CeRequestBody | undefined;
    try {
      const parsed = JSON.parse(rawBody) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as CeRequestBody;
    } catch {
      body = undefined;
    }
    const operation = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
    const entry: LoggedRequest = {
      seq: log.length + 1,
      method: req.method ?? '',
      path: req.url ?? '',
      target,
      operation,
      contentType: req.headers['content-type'],
      headers: req.headers,
      rawBody,
      body,
      accessKeyId: auth?.accessKeyId,
      signingRegion: auth?.region,
      signingService: auth?.service,
      sdkAttempt: typeof req.headers['amz-sdk-request'] === 'string' ? req.headers['amz-sdk-request'] : undefined,
      outcome: 'pending',
    };
    log.push(entry);
    const answer = ((): FakeReply => {
      // Protocol first, as the service does.
      if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
        return refuse('UnknownOperationException', `${req.method} ${req.url} is not an operation`, 404);
      }
      if (!operation || !model.operations[operation]) {
        return refuse('UnknownOperationException', `Unknown X-Amz-Target ${JSON.stringify(target)}`);
      }
      if (!req.headers.authorization) {
        return refuse('MissingAuthenticationTokenException', 'Missing Authentication Token');
      }
      if (!auth) {
        return refuse('IncompleteSignature', 'Authorization header is not a SigV4 signature');
      }
      if (auth.region !== 'us-east-1' || auth.service !== model.metadata.signingName) {
        return refuse(
          'InvalidSignatureException',
          `Credential should be scoped to a valid region and service: us-east-1/ce, not ${auth.region}/${auth.service}`,
        );
      }
      const rejection = rejectedKeys.get(auth.accessKeyId);
      if (rejection) return refuse(rejection, CREDENTIAL_MESSAGES[rejection], 400);
      if (!req.headers['content-type']?.startsWith(JSON_CONTENT_TYPE)) {
        entry.problems = [`Content-Type must be ${JSON_CONTENT_TYPE}, was ${req.headers['content-type']}`];
        return refuse('SerializationException', entry.problems[0]);
      }
      if (!body) {
        entry.problems = ['body is not a JSON object'];
        return refuse('SerializationException', 'Start of structure or map found where not expected.');
      }
      const problems = validateRequest(operation, body, model, options);
      if (problems.length > 0) {
        entry.problems = problems;
        return refuse('ValidationException', problems.join('; '));
      }

      // Paging: only tokens the fake issued, only with unchanged parameters.
      let continuation: IssuedToken | undefined;
      if (typeof body.NextPageToken === 'string') {
        continuation = tokens.get(body.NextPageToken);
        if (!continuation) return refuse('InvalidNextTokenException', 'The pagination token is invalid.');
        if (continuation.paramsKey !== paramsKey(body)) {
          return refuse('RequestChangedException', 'Your request parameters changed between pages.');
        }
      }

      const info: FakeRequestInfo = { operation, input: body, request: entry };
      const route = [...routes]
        .reverse()
        .find(
          (candidate) =>
            candidate.operation === operation &&
            candidate.remaining > 0 &&
            (candidate.match ? candidate.match(body, info) : true) &&
            (!continuation || !isPagesRoute(candidate) || candidate.id === continuation.routeId),
        );
      if (!route) {
        unhandled.push(entry);
        return refuse(
          'FakeNotScriptedException',
          `fake-cost-explorer: nothing scripted for ${operation} ${JSON.stringify(body)}`,
        );
      }
      route.remaining -= 1;
      if (route.remaining <= 0) routes = routes.filter((candidate) => candidate !== route);
      const routed = route.respond(info);
      // A token in a scripted body is honoured like one from pages(): bound to this request's parameters.
      let final = routed;
      while (final.type === 'delay' || final.type === 'held') final = final.then;
      const scriptedToken = final.type === 'ok' ? final.body.NextPageToken : undefined;
      if (typeof scriptedToken === 'string' && !tokens.has(scriptedToken)) {
        tokens.set(scriptedToken, { routeId: route.id, nextIndex: 0, paramsKey: paramsKey(body) });
      }
      return routed;
    })();
    send(res, entry, answer);
  }

  const pagesRoutes = new Set<number>();
  const isPagesRoute = (route: Route) => pagesRoutes.has(route.id);

  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeCostExplorer = {
    endpoint: `http://127.0.0.1:${port}`,
    unhandled,
    requests: (operation) => (operation ? log.filter((entry) => entry.operation === operation) : [...log]),
    reply(operation, responder, options = {}) {
      if (typeof responder !== 'function') checkScriptedReply(model, operation, responder);
      const respond =
        typeof responder === 'function'
          ? (info: FakeRequestInfo) => {
              const answer = responder(info);
              checkScriptedReply(model, operation, answer);
              return answer;
            }
          : () => responder;
      routes.push({
        id: nextRouteId++,
        operation,
        match: options.match,
        remaining: options.times ?? Number.POSITIVE_INFINITY,
        respond,
      });
    },
    pages(operation, bodies, options = {}) {
      if (bodies.length === 0) throw new Error('fake-cost-explorer: pages needs at least one body');
      for (const body of bodies) {
        if ('NextPageToken' in body) throw new Error('fake-cost-explorer: the fake issues NextPageToken itself');
        checkScriptedReply(model, operation, reply.ok(body));
      }
      const id = nextRouteId++;
      pagesRoutes.add(id);
      // The token picks the page; every page but the last carries a fresh token bound to the parameters.
      const respond = (info: FakeRequestInfo): FakeReply => {
        const token = info.input.NextPageToken;
        const index = typeof token === 'string' ? (tokens.get(token)?.nextIndex ?? 0) : 0;
        const body = bodies[index];
        if (index + 1 >= bodies.length) return reply.ok(body);
        const next = `${id}-${index + 1}-${crypto.randomBytes(12).toString('base64url')}`;
        tokens.set(next, { routeId: id, nextIndex: index + 1, paramsKey: paramsKey(info.input) });
        return reply.ok({ ...body, NextPageToken: next });
      };
      const route: Route = {
        id,
        operation,
        match: (input, info) => {
          const token = input.NextPageToken;
          if (typeof token === 'string') return tokens.get(token)?.routeId === id;
          return options.match ? options.match(input, info) : true;
        },
        remaining: Number.POSITIVE_INFINITY,
        respond,
      };
      routes.push(route);
    },
    rejectAccessKey(accessKeyId, error) {
      rejectedKeys.set(accessKeyId, error);
    },
    reset() {
      routes = [];
      tokens.clear();
      rejectedKeys.clear();
      pagesRoutes.clear();
      log.length = 0;
      unhandled.length = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  return fake;
}

// ---------------------------------------------------------------------------------------------
// Body builders (plain data in the service's shape, so tests read like the data they describe)
// ---------------------------------------------------------------------------------------------

export interface DayGroups {
  /** YYYY-MM-DD; the bucket ends the next day (End is exclusive). */
  day: string;
  estimated?: boolean;
  /** Group keys (one per GroupBy) and the amount as the service sends it (a string). */
  groups: { keys: string[]; amount: string; unit?: string }[];
}

export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** A GetCostAndUsage page with DAILY buckets; `Total` is `{}` as the service sends it for grouped queries. */
export function costAndUsagePage(options: {
  metric: string;
  groupBy: { Type: 'DIMENSION' | 'TAG' | 'COST_CATEGORY'; Key: string }[];
  days: DayGroups[];
  attributes?: { Value: string; Attributes: Record<string, string> }[];
}): Record<string, unknown> {
  return {
    GroupDefinitions: options.groupBy,
    ResultsByTime: options.days.map((day) => ({
      TimePeriod: { Start: day.day, End: nextDay(day.day) },
      Total: {},
      Groups: day.groups.map((group) => ({
        Keys: group.keys,
        Metrics: { [options.metric]: { Amount: group.amount, Unit: group.unit ?? 'USD' } },
      })),
      Estimated: day.estimated ?? false,
    })),
    DimensionValueAttributes: options.attributes ?? [],
  };
}

/** Scripts the daily request by RECORD_TYPE (credits and refunds, which answers subtract) as having none. */
export function scriptNoCredits(ce: FakeCostExplorer): void {
  ce.pages(
    'GetCostAndUsage',
    [costAndUsagePage({ metric: 'UnblendedCost', groupBy: [{ Type: 'DIMENSION', Key: 'RECORD_TYPE' }], days: [] })],
    { match: (input) => input.Granularity === 'DAILY' && input.GroupBy?.[0]?.Key === 'RECORD_TYPE' },
  );
}

/**
 * A responder for any GetCostAndUsage: a daily one by SERVICE gets `perDay` (service → amount) on
 * every day of its period, in each metric asked for; anything else (credits, usage by type) a page
 * without rows. For tests that need "some spend, whatever the period".
 */
export function dailyByService(perDay: Record<string, string>): (info: FakeRequestInfo) => FakeReply {
  return (info) => {
    const input = info.input as CeRequestBody;
    const groupBy = (input.GroupBy ?? []) as { Type: string; Key: string }[];
    const metrics = input.Metrics ?? ['UnblendedCost'];
    const days: string[] = [];
    const byService = groupBy.length === 1 && groupBy[0]?.Key === 'SERVICE' && input.Granularity === 'DAILY';
    if (byService && input.TimePeriod?.Start && input.TimePeriod.End)
      for (let day = input.TimePeriod.Start; day < input.TimePeriod.End; day = nextDay(day)) days.push(day);
    const money = (amount: string) => Object.fromEntries(metrics.map((m) => [m, { Amount: amount, Unit: 'USD' }]));
    return reply.ok({
      GroupDefinitions: groupBy,
      ResultsByTime: days.map((day) => ({
        TimePeriod: { Start: day, End: nextDay(day) },
        Total: {},
        Groups: Object.entries(perDay).map(([service, amount]) => ({ Keys: [service], Metrics: money(amount) })),
        Estimated: false,
      })),
      DimensionValueAttributes: [],
    });
  };
}
