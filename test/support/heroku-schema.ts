/**
 * The official Heroku Platform API schema (a JSON Hyper-Schema in the interagent dialect,
 * https://github.com/interagent/prmd/blob/master/docs/schemata.md), checked with ajv, so the
 * local Heroku server can only serve what the real API may send and answer only what it has.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

// From test/support under ts-jest, or dist-bench/test/support when the benchmark runs compiled.
const HEROKU_SCHEMA_PATH = ['../../../shared', '../../../../shared']
  .map((shared) => path.resolve(__dirname, shared, 'fixtures/heroku/platform-api-schema.json'))
  .find((file) => fs.existsSync(file)) as string;

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The interagent keywords in standard JSON Schema words: `strictProperties` (every declared
 * property present, no others) becomes `required` + `additionalProperties: false`, and a map of
 * `patternProperties` alone admits no other key. `dyno-size.cost` declares its fields under
 * `definitions` instead of `properties` (a quirk of the published schema): they are read as its
 * properties. The per-resource `$schema` and `id` (draft-04 words ajv does not use) are dropped.
 */
function standardise(node: unknown, at: string): unknown {
  if (Array.isArray(node)) return node.map((item, index) => standardise(item, `${at}/${index}`));
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || (key === 'id' && typeof value === 'string')) continue;
    out[key] = standardise(value, `${at}/${key}`);
  }
  if (at === '#/definitions/dyno-size/definitions/cost' && !out.properties) out.properties = out.definitions;
  if (out.strictProperties === true && isNode(out.properties)) {
    out.required = [...new Set([...((out.required as string[]) ?? []), ...Object.keys(out.properties)])];
    out.additionalProperties = false;
  }
  if (isNode(out.patternProperties) && !out.properties && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

/** RFC 3339 dates and date-times, UUIDs, e-mail addresses, absolute URIs and IPv4 addresses, as the schema's `format`s mean them. */
const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  email: /^[^@\s]+@[^@\s]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\/\/\S+$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  ipv4: /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/,
};

interface Link {
  method: string;
  href: RegExp;
}

let loaded: { ajv: Ajv; raw: { definitions: Record<string, Node> }; links: Link[] } | undefined;
const validators = new Map<string, ValidateFunction>();

/** `/apps/{(%23%2Fdefinitions%2Fapp%2Fdefinitions%2Fidentity)}/formation` → `^/apps/[^/]+/formation$`. */
function hrefPattern(href: string): RegExp {
  const parts = href.split(/\{\([^)]*\)\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/]+')}$`);
}

function schema() {
  if (loaded) return loaded;
  const raw = JSON.parse(fs.readFileSync(HEROKU_SCHEMA_PATH, 'utf8')) as { definitions: Record<string, Node> };
  // Not strict: the hyper-schema carries `links`, `example`, `stability`… beside the JSON Schema words.
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false });
  for (const [name, pattern] of Object.entries(FORMATS)) ajv.addFormat(name, pattern);
  ajv.addSchema(standardise(raw, '#') as Node, 'heroku');
  const links = Object.values(raw.definitions).flatMap((definition) =>
    ((definition.links as { method: string; href: string }[] | undefined) ?? []).map((link) => ({
      method: link.method.toUpperCase(),
      href: hrefPattern(link.href),
    })),
  );
  loaded = { ajv, raw, links };
  return loaded;
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** `/cost/cents` → `.cost.cents`, `/0/name` → `[0].name`; keys with a `/` or `~` come back unescaped. */
function where(definition: string, instancePath: string): string {
  const parts = instancePath.split('/').slice(1);
  return (
    definition +
    parts
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))
      .join('')
  );
}

/** One ajv error in the words a test reads: `app.stack: missing (strictProperties)`. */
function sentence(definition: string, error: ErrorObject): string {
  const at = where(definition, error.instancePath);
  const parent = (error.parentSchema ?? {}) as Node;
  switch (error.keyword) {
    case 'required': {
      const name = (error.params as { missingProperty: string }).missingProperty;
      return `${at}.${name}: ${parent.strictProperties === true ? 'missing (strictProperties)' : 'required'}`;
    }
    case 'additionalProperties': {
      const name = (error.params as { additionalProperty: string }).additionalProperty;
      return `${at}.${name}: ${parent.patternProperties && !parent.properties ? 'matches no pattern of the schema' : 'not in the schema'}`;
    }
    case 'type': {
      const types = Array.isArray(error.schema) ? error.schema : [error.schema];
      return `${at}: expected ${types.join('|')}, got ${typeOf(error.data)}`;
    }
    case 'enum':
      return `${at}: ${JSON.stringify(error.data)} is not one of ${JSON.stringify(error.schema)}`;
    case 'format':
      return `${at}: "${error.data}" is not a ${error.schema}`;
    case 'pattern':
      return `${at}: "${error.data}" does not match ${error.schema}`;
    case 'anyOf':
    case 'oneOf':
      return `${at}: matches none of its alternatives`;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

/**
 * Problems of `value` as a `definition` resource (`app`, `formation`, `add-on`, `dyno-size`…) of
 * the official schema: types, enums, formats, patterns, `required`, and `strictProperties`
 * (every declared property present, no others). Empty when it conforms.
 */
export function validateHerokuResource(definition: string, value: unknown): string[] {
  const { ajv, raw } = schema();
  if (!raw.definitions[definition]) throw new Error(`no definition ${definition} in the Heroku schema`);
  let validate = validators.get(definition);
  if (!validate) {
    validate = ajv.getSchema(`heroku#/definitions/${definition}`) as ValidateFunction;
    validators.set(definition, validate);
  }
  if (validate(value)) return [];
  // Where an alternative failed as a whole, the reasons its branches gave (ajv lists them just
  // before it, at or below the same place) are noise.
  const errors = validate.errors ?? [];
  const noise = new Set<number>();
  errors.forEach((error, index) => {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return;
    for (let before = index - 1; before >= 0; before -= 1) {
      const path = errors[before].instancePath;
      if (path !== error.instancePath && !path.startsWith(`${error.instancePath}/`)) break;
      noise.add(before);
    }
  });
  // A value of the wrong type is said once, as that.
  const mistyped = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  errors.forEach((error, index) => {
    if (error.keyword !== 'type' && mistyped.has(error.instancePath)) noise.add(index);
  });
  return [...new Set(errors.filter((_, index) => !noise.has(index)).map((error) => sentence(definition, error)))];
}

/** Undefined when the schema has a link for `method path`; else what is wrong with the request. */
export function herokuRequestProblem(method: string, pathname: string): string | undefined {
  const { links } = schema();
  if (links.some((link) => link.method === method && link.href.test(pathname))) return undefined;
  return `${method} ${pathname}: no link of the schema has this method and path`;
}
