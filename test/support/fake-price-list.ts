/**
 * A local AWS Price List Query API for tests: speaks the real awsJson1_1 wire protocol (POST /,
 * `X-Amz-Target: AWSPriceListService.<Operation>`, `application/x-amz-json-1.1`, SigV4 scoped to
 * us-east-1/pricing, errors as `{"__type", "Message"}`), so the real `@aws-sdk/client-pricing`
 * client talks to it through `endpoint`.
 *
 * Requests are checked against the botocore model (shared/fixtures/aws/pricing-service-2.json):
 * the operation, required members, no unknown members, FilterType enum, at most 50 filters,
 * MaxResults 1..100. A request that breaks any of them gets `400 ValidationException`. Answers
 * are checked against `GetProductsResponse` before they are sent.
 *
 * Products are Price List items (JSON text, as AWS sends them). GetProducts filters them with
 * TERM_MATCH on `ServiceCode`/`serviceCode`, `productFamily` or any product attribute, and pages
 * them `pageSize` at a time with NextToken values the fake issues and checks.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type CeModel, validateShape } from './fake-cost-explorer';

export const PRICING_FIXTURES =
  ['../../../shared', '../../../../shared']
    .map((shared) => path.resolve(__dirname, shared, 'fixtures/aws'))
    .find((dir) => fs.existsSync(dir)) ?? path.resolve(__dirname, '../../../shared/fixtures/aws');

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

let model: CeModel | undefined;
export function loadPricingModel(): CeModel {
  model ??= JSON.parse(fs.readFileSync(path.join(PRICING_FIXTURES, 'pricing-service-2.json'), 'utf8')) as CeModel;
  return model;
}

interface PriceListRequest {
  target?: string;
  operation?: string;
  body: Record<string, unknown>;
  signingRegion?: string;
  signingService?: string;
  /** The SDK's `amz-sdk-request` header: `attempt=2; max=5` on a retry. */
  sdkAttempt?: string;
  outcome: number | string;
}

type Fault = 'throttle' | 'malformed-item' | 'empty' | 'access-denied' | 'down';

interface Filter {
  Type: string;
  Field: string;
  Value: string;
}

export interface FakePriceList {
  url: string;
  requests: PriceListRequest[];
  /** Problems with requests or answers the fake found; a passing test expects none. */
  problems: string[];
  /** Answers the next matching GetProducts (for `serviceCode`, or any) with a fault, `times` times. */
  fail(fault: Fault, options?: { times?: number; serviceCode?: string }): void;
  /** Replaces the products (a new price list published). */
  setProducts(items: readonly string[]): void;
  pageSize: number;
  close(): Promise<void>;
}

function parseAuthorization(header: string | undefined) {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=[^,]+,\s*Signature=[0-9a-f]{64}$/.exec(
      header ?? '',
    );
  return match ? { region: match[3], service: match[4] } : undefined;
}

interface ItemJson {
  serviceCode?: string;
  product?: { productFamily?: string; attributes?: Record<string, string> };
}

function fieldOf(item: ItemJson, field: string): string | undefined {
  if (field.toLowerCase() === 'servicecode') return item.serviceCode;
  if (field === 'productFamily') return item.product?.productFamily;
  return item.product?.attributes?.[field];
}

function matches(item: ItemJson, filters: readonly Filter[]): boolean {
  return filters.every((filter) => {
    const value = fieldOf(item, filter.Field);
    switch (filter.Type) {
      case 'TERM_MATCH':
      case 'EQUALS':
        return value === filter.Value;
      case 'CONTAINS':
        return value?.includes(filter.Value) ?? false;
      case 'ANY_OF':
        return filter.Value.split(',').includes(value ?? '');
      case 'NONE_OF':
        return !filter.Value.split(',').includes(value ?? '');
      default:
        return false;
    }
  });
}

export async function startFakePriceList(initial: readonly string[]): Promise<FakePriceList> {
  const pricing = loadPricingModel();
  let products = [...initial];
  const requests: PriceListRequest[] = [];
  const problems: string[] = [];
  const faults: { fault: Fault; times: number; serviceCode?: string }[] = [];
  const tokens = new Map<string, { offset: number; query: string }>();

  const fake: FakePriceList = {
    url: '',
    requests,
    problems,
    pageSize: 100,
    fail(fault, options = {}) {
      faults.push({ fault, times: options.times ?? 1, serviceCode: options.serviceCode });
    },
    setProducts(items) {
      products = [...items];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const answer = (res: http.ServerResponse, entry: PriceListRequest, status: number, body: unknown) => {
    entry.outcome = status === 200 ? 200 : String((body as { __type?: string }).__type ?? status);
    res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': crypto.randomUUID() });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: http.ServerResponse, entry: PriceListRequest, name: string, message: string, status = 400) =>
    answer(res, entry, status, { __type: name, Message: message });

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      const target = typeof req.headers['x-amz-target'] === 'string' ? req.headers['x-amz-target'] : undefined;
      const auth = parseAuthorization(req.headers.authorization);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const prefix = `${pricing.metadata.targetPrefix}.`;
      const operation = target?.startsWith(prefix) ? target.slice(prefix.length) : undefined;
      const entry: PriceListRequest = {
        target,
        operation,
        body,
        signingRegion: auth?.region,
        signingService: auth?.service,
        sdkAttempt: typeof req.headers['amz-sdk-request'] === 'string' ? req.headers['amz-sdk-request'] : undefined,
        outcome: 'pending',
      };
      requests.push(entry);
      if (req.method !== 'POST' || req.url !== '/') {
        problems.push(`${req.method} ${req.url} is not how awsJson1_1 calls an operation`);
        return refuse(res, entry, 'UnknownOperationException', 'not an operation', 404);
      }
      if (!operation || !pricing.operations[operation]) {
        problems.push(`unknown X-Amz-Target ${target}`);
        return refuse(res, entry, 'UnknownOperationException', `Unknown X-Amz-Target ${target}`);
      }
      if (!auth) return refuse(res, entry, 'MissingAuthenticationTokenException', 'Missing SigV4 Authorization');
      if (auth.region !== 'us-east-1' || auth.service !== pricing.metadata.signingName) {
        problems.push(`signed for ${auth.region}/${auth.service}`);
        return refuse(res, entry, 'InvalidSignatureException', 'Credential should be scoped to us-east-1/pricing');
      }
      if (!req.headers['content-type']?.startsWith(JSON_CONTENT_TYPE)) {
        problems.push(`content type ${req.headers['content-type']}`);
        return refuse(res, entry, 'SerializationException', `Content-Type must be ${JSON_CONTENT_TYPE}`);
      }
      const input = pricing.operations[operation].input?.shape;
      const invalid = input ? validateShape(pricing, input, body) : [];
      if (invalid.length > 0) {
        problems.push(...invalid);
        return refuse(res, entry, 'ValidationException', invalid.join('; '));
      }
      if (operation !== 'GetProducts') return refuse(res, entry, 'InvalidParameterException', 'not faked');

      const serviceCode = String(body.ServiceCode);
      const faultIndex = faults.findIndex((f) => f.times > 0 && (!f.serviceCode || f.serviceCode === serviceCode));
      const fault = faultIndex >= 0 ? faults[faultIndex] : undefined;
      if (fault) fault.times -= 1;
      if (fault?.fault === 'throttle') return refuse(res, entry, 'ThrottlingException', 'Rate exceeded');
      if (fault?.fault === 'access-denied') {
        return refuse(
          res,
          entry,
          'AccessDeniedException',
          'User is not authorized to perform: pricing:GetProducts',
          400,
        );
      }
      if (fault?.fault === 'down') return refuse(res, entry, 'InternalErrorException', 'internal error', 500);

      const filters = ((body.Filters as Filter[] | undefined) ?? []).concat({
        Type: 'TERM_MATCH',
        Field: 'ServiceCode',
        Value: serviceCode,
      });
      const query = JSON.stringify({ serviceCode, filters: body.Filters ?? [] });
      let offset = 0;
      if (typeof body.NextToken === 'string') {
        const issued = tokens.get(body.NextToken);
        if (!issued || issued.query !== query) {
          problems.push('a NextToken the fake did not issue for this query');
          return refuse(res, entry, 'InvalidNextTokenException', 'The next token is invalid');
        }
        offset = issued.offset;
      }
      const size = Math.min(Number(body.MaxResults ?? 100), fake.pageSize);
      const matching = products.filter((item) => matches(JSON.parse(item), filters));
      let page = fault?.fault === 'empty' ? [] : matching.slice(offset, offset + size);
      if (fault?.fault === 'malformed-item' && page.length > 0)
        page = [page[0].slice(0, page[0].length / 2), ...page.slice(1)];
      const output: Record<string, unknown> = { FormatVersion: 'aws_v1', PriceList: page };
      if (fault?.fault !== 'empty' && offset + size < matching.length) {
        const token = crypto.randomBytes(24).toString('base64');
        tokens.set(token, { offset: offset + size, query });
        output.NextToken = token;
      }
      const badOutput = validateShape(pricing, 'GetProductsResponse', output);
      if (badOutput.length > 0) problems.push(...badOutput.map((p) => `answer: ${p}`));
      return answer(res, entry, 200, output);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
