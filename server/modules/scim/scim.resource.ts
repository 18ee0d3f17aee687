import { parse as parseFilter } from 'scim2-parse-filter';
import type { Filter } from 'scim2-parse-filter';

/** SCIM 2.0 (RFC 7643/7644) resource shapes and PATCH, with no database or HTTP. */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue';

/** An error answered in SCIM's own format: {schemas, status, scimType?, detail}. */
export class ScimError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 500,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export function scimErrorBody(error: ScimError) {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(error.status),
    ...(error.scimType && { scimType: error.scimType }),
    detail: error.detail,
  };
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** SCIM attribute names are case-insensitive: the key of `obj` matching `name`, if any. */
function keyOf(obj: Json, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(obj).find((key) => key.toLowerCase() === lower);
}

function get(obj: Json, name: string): unknown {
  const key = keyOf(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** The canonical spelling of attributes we know, so patched keys read back consistently. */
const CANONICAL = new Map(
  [
    'userName',
    'externalId',
    'displayName',
    'nickName',
    'title',
    'active',
    'emails',
    'name',
    'givenName',
    'familyName',
    'middleName',
    'formatted',
    'honorificPrefix',
    'honorificSuffix',
    'timezone',
    'locale',
    'preferredLanguage',
    'userType',
    'employeeNumber',
    'department',
    'division',
    'costCenter',
    'organization',
    'manager',
    'value',
    'type',
    'primary',
    'display',
  ].map((name) => [name.toLowerCase(), name]),
);
const canonical = (name: string) => CANONICAL.get(name.toLowerCase()) ?? name;

/** The manager instruction carried by a request. */
export type ManagerChange =
  { kind: 'unchanged' } | { kind: 'clear' } | { kind: 'set'; ref: string };

export interface ScimEmail {
  value: string;
  type?: string;
  primary?: boolean;
}

/** What a SCIM User body says, checked. */
export interface ScimUserInput {
  userName: string;
  externalId: string | null;
  /** undefined: the request left it out (PUT from Okta's wizard apps) — keep as is. */
  active: boolean | undefined;
  email: string;
  displayName: string;
  title: string;
  department: string;
  timezone: string | null;
  employeeNumber: string | null;
  manager: ManagerChange;
  /** SCIM attributes kept to answer GET faithfully. */
  attributes: StoredAttributes;
}

export interface StoredAttributes {
  name?: Json;
  displayName?: string;
  emails?: ScimEmail[];
  locale?: string;
  preferredLanguage?: string;
  timezone?: string;
  title?: string;
  enterprise?: Json;
}

const optionalString = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  throw new ScimError(400, `${field} must be a string.`, 'invalidValue');
};

/** `active` as a boolean or, as Entra ID sends it, "True"/"False" in any case. */
export function toActive(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  throw new ScimError(400, 'active must be true or false.', 'invalidValue');
}

function toManager(enterprise: Json | undefined): ManagerChange {
  if (!enterprise) return { kind: 'unchanged' };
  const key = keyOf(enterprise, 'manager');
  if (key === undefined) return { kind: 'unchanged' };
  const raw = enterprise[key];
  const value = isObject(raw) ? get(raw, 'value') : raw;
  if (value === undefined || value === null || value === '') return { kind: 'clear' };
  if (typeof value === 'string' || typeof value === 'number')
    return { kind: 'set', ref: String(value).trim() };
  throw new ScimError(400, 'manager must be an id or {"value": id}.', 'invalidValue');
}

function toEmails(value: unknown): ScimEmail[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ScimError(400, 'emails must be a list.', 'invalidValue');
  return value.flatMap((item): ScimEmail[] => {
    if (!isObject(item)) throw new ScimError(400, 'each email must be an object.', 'invalidValue');
    const address = optionalString(get(item, 'value'), 'emails.value');
    if (!address) return [];
    const type = optionalString(get(item, 'type'), 'emails.type');
    const primary = get(item, 'primary');
    return [
      {
        value: address,
        ...(type && { type }),
        ...(primary !== undefined && primary !== null && { primary: toActive(primary) === true }),
      },
    ];
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const knownTimeZones = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC']));

/** Reads a SCIM User body (POST, PUT, or a resource after PATCH). */
export function parseUser(body: unknown): ScimUserInput {
  if (!isObject(body)) throw new ScimError(400, 'The body must be a JSON object.', 'invalidSyntax');
  const userName = optionalString(get(body, 'userName'), 'userName');
  if (!userName) throw new ScimError(400, 'userName is required.', 'invalidValue');
  if (userName.length > 254)
    throw new ScimError(400, 'userName must be at most 254 characters.', 'invalidValue');
  const nameRaw = get(body, 'name');
  const name = isObject(nameRaw) ? nameRaw : undefined;
  const emails = toEmails(get(body, 'emails'));
  const chosen =
    emails.find((e) => e.primary) ??
    emails.find((e) => e.type?.toLowerCase() === 'work') ??
    emails[0];
  const email = (chosen?.value ?? (EMAIL.test(userName) ? userName : '')).toLowerCase();
  if (!EMAIL.test(email) || email.length > 254)
    throw new ScimError(
      400,
      'A valid email address is required (emails or userName).',
      'invalidValue',
    );
  const enterpriseRaw = get(body, ENTERPRISE_SCHEMA);
  const enterprise = isObject(enterpriseRaw) ? enterpriseRaw : undefined;
  const given = name ? optionalString(get(name, 'givenName'), 'name.givenName') : undefined;
  const family = name ? optionalString(get(name, 'familyName'), 'name.familyName') : undefined;
  const formatted = name ? optionalString(get(name, 'formatted'), 'name.formatted') : undefined;
  const displayNameAttr = optionalString(get(body, 'displayName'), 'displayName');
  const displayName = (
    displayNameAttr ??
    formatted ??
    ([given, family].filter(Boolean).join(' ') || userName)
  ).slice(0, 200);
  const title = optionalString(get(body, 'title'), 'title') ?? '';
  const timezoneAttr = optionalString(get(body, 'timezone'), 'timezone');
  const department = enterprise
    ? (optionalString(get(enterprise, 'department'), 'department') ?? '')
    : '';
  const employeeNumber = enterprise
    ? (optionalString(get(enterprise, 'employeeNumber'), 'employeeNumber') ?? null)
    : null;
  const storedEnterprise: Json = {};
  for (const field of ['employeeNumber', 'department', 'division', 'costCenter', 'organization']) {
    const value = enterprise
      ? optionalString(get(enterprise, field), `${ENTERPRISE_SCHEMA}:${field}`)
      : undefined;
    if (value !== undefined) storedEnterprise[field] = value;
  }
  const storedName: Json = {};
  if (name) {
    for (const field of [
      'formatted',
      'familyName',
      'givenName',
      'middleName',
      'honorificPrefix',
      'honorificSuffix',
    ]) {
      const value = optionalString(get(name, field), `name.${field}`);
      if (value !== undefined) storedName[field] = value;
    }
  }
  const locale = optionalString(get(body, 'locale'), 'locale');
  const preferredLanguage = optionalString(get(body, 'preferredLanguage'), 'preferredLanguage');
  return {
    userName,
    externalId: optionalString(get(body, 'externalId'), 'externalId') ?? null,
    active: toActive(get(body, 'active')),
    email,
    displayName,
    title: title.slice(0, 200),
    department: department.slice(0, 200),
    timezone: timezoneAttr && knownTimeZones.has(timezoneAttr) ? timezoneAttr : null,
    employeeNumber,
    manager: toManager(enterprise),
    attributes: {
      ...(Object.keys(storedName).length > 0 && { name: storedName }),
      ...(displayNameAttr && { displayName: displayNameAttr }),
      ...(emails.length > 0 && { emails }),
      ...(locale && { locale }),
      ...(preferredLanguage && { preferredLanguage }),
      ...(timezoneAttr && { timezone: timezoneAttr }),
      ...(Object.keys(storedEnterprise).length > 0 && { enterprise: storedEnterprise }),
    },
  };
}

/** Does a multi-valued element (an email) match a value filter such as `type eq "work"`? */
function matches(filter: Filter, element: unknown): boolean {
  if (!isObject(element)) return false;
  switch (filter.op) {
    case 'and':
      return 'filters' in filter && filter.filters.every((f) => matches(f, element));
    case 'or':
      return 'filters' in filter && filter.filters.some((f) => matches(f, element));
    case 'not':
      return 'filter' in filter && !matches(filter.filter, element);
    case 'pr':
      return 'attrPath' in filter && get(element, filter.attrPath) != null;
    case 'eq':
    case 'ne': {
      if (!('compValue' in filter)) return false;
      const actual = get(element, filter.attrPath);
      const expected = filter.compValue;
      const isEqual =
        typeof actual === 'string' && typeof expected === 'string'
          ? actual.toLowerCase() === expected.toLowerCase()
          : actual === expected;
      return filter.op === 'eq' ? isEqual : !isEqual;
    }
    default:
      throw new ScimError(
        400,
        `The filter operator "${filter.op}" is not supported here.`,
        'invalidFilter',
      );
  }
}

/** The attribute values an `eq` filter pins, to build a new element (`emails[type eq "work"]`). */
function pinnedBy(filter: Filter): Json {
  if (filter.op === 'eq' && 'compValue' in filter)
    return { [canonical(filter.attrPath)]: filter.compValue };
  if (filter.op === 'and' && 'filters' in filter)
    return Object.assign({}, ...filter.filters.map(pinnedBy)) as Json;
  return {};
}

const PATH = /^([A-Za-z][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z][\w$-]*))?$/;

type OpName = 'add' | 'replace' | 'remove';

function applyAt(resource: Json, op: OpName, path: string, value: unknown): void {
  let container = resource;
  let attrPath = path.trim();
  const lower = attrPath.toLowerCase();
  const enterpriseLower = ENTERPRISE_SCHEMA.toLowerCase();
  if (lower === enterpriseLower) {
    if (op === 'remove') {
      resource[ENTERPRISE_SCHEMA] = { manager: null };
      return;
    }
    if (!isObject(value))
      throw new ScimError(400, 'The extension value must be an object.', 'invalidValue');
    for (const [key, inner] of Object.entries(value))
      applyAt(resource, op, `${ENTERPRISE_SCHEMA}:${key}`, inner);
    return;
  }
  if (lower.startsWith(`${enterpriseLower}:`)) {
    const existing = get(resource, ENTERPRISE_SCHEMA);
    container = isObject(existing) ? existing : {};
    resource[keyOf(resource, ENTERPRISE_SCHEMA) ?? ENTERPRISE_SCHEMA] = container;
    attrPath = attrPath.slice(ENTERPRISE_SCHEMA.length + 1);
  } else if (lower.startsWith(`${USER_SCHEMA.toLowerCase()}:`)) {
    attrPath = attrPath.slice(USER_SCHEMA.length + 1);
  }
  const match = PATH.exec(attrPath);
  if (!match?.[1]) throw new ScimError(400, `The path "${path}" is not valid.`, 'invalidPath');
  const [, attr, filterText, sub] = match;
  const key = keyOf(container, attr) ?? canonical(attr);
  if (key.toLowerCase() === 'id' || key.toLowerCase() === 'meta' || key.toLowerCase() === 'schemas')
    throw new ScimError(400, `${attr} cannot be changed.`, 'mutability');

  if (filterText) {
    let filter: Filter;
    try {
      filter = parseFilter(filterText);
    } catch {
      throw new ScimError(400, `The filter "${filterText}" is not valid.`, 'invalidFilter');
    }
    const current = container[key];
    const list: unknown[] = Array.isArray(current) ? [...current] : [];
    const hits = list.filter((element) => matches(filter, element));
    if (op === 'remove') {
      container[key] = sub
        ? list.map((element) =>
            hits.includes(element) && isObject(element)
              ? { ...element, [keyOf(element, sub) ?? canonical(sub)]: null }
              : element,
          )
        : list.filter((element) => !hits.includes(element));
      return;
    }
    if (hits.length === 0) {
      const created = sub
        ? { ...pinnedBy(filter), [canonical(sub)]: value }
        : { ...pinnedBy(filter), ...(isObject(value) ? value : {}) };
      container[key] = [...list, created];
      return;
    }
    container[key] = list.map((element) => {
      if (!hits.includes(element) || !isObject(element)) return element;
      if (sub) return { ...element, [keyOf(element, sub) ?? canonical(sub)]: value };
      return isObject(value) ? { ...element, ...value } : element;
    });
    return;
  }

  if (sub) {
    const existing = container[key];
    const obj: Json = isObject(existing)
      ? { ...existing }
      : typeof existing === 'string' && sub.toLowerCase() === 'value'
        ? { value: existing }
        : {};
    obj[keyOf(obj, sub) ?? canonical(sub)] = op === 'remove' ? null : value;
    container[key] = obj;
    return;
  }

  if (op === 'remove') {
    container[key] = null;
    return;
  }
  const existing = container[key];
  if (op === 'add' && Array.isArray(existing) && Array.isArray(value)) {
    const seen = new Set(
      existing.map((e) => (isObject(e) ? String(get(e, 'value')).toLowerCase() : '')),
    );
    container[key] = [
      ...existing,
      ...value.filter((e) => !isObject(e) || !seen.has(String(get(e, 'value')).toLowerCase())),
    ];
  } else if (isObject(existing) && isObject(value) && key !== 'manager') {
    container[key] = { ...existing, ...value };
  } else {
    container[key] = value;
  }
}

/**
 * Applies a PatchOp body to a resource (a deep copy is changed and returned). Accepts what Okta
 * and Entra ID send: any case for `op`, path-less operations whose value has dotted or URN keys,
 * value-path filters such as `emails[type eq "work"].value`.
 */
export function applyPatch(resource: Json, body: unknown): Json {
  if (!isObject(body))
    throw new ScimError(400, 'The body must be a PatchOp JSON object.', 'invalidSyntax');
  const operations = get(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0)
    throw new ScimError(400, 'Operations must be a non-empty list.', 'invalidSyntax');
  const result = structuredClone(resource);
  for (const operation of operations) {
    if (!isObject(operation))
      throw new ScimError(400, 'Each operation must be an object.', 'invalidSyntax');
    const opName = String(get(operation, 'op') ?? '').toLowerCase();
    if (opName !== 'add' && opName !== 'replace' && opName !== 'remove')
      throw new ScimError(400, 'op must be add, replace or remove.', 'invalidSyntax');
    const path = get(operation, 'path');
    const value = get(operation, 'value');
    if (path !== undefined && path !== null && path !== '') {
      if (typeof path !== 'string')
        throw new ScimError(400, 'path must be a string.', 'invalidPath');
      applyAt(result, opName, path, value);
      continue;
    }
    if (opName === 'remove')
      throw new ScimError(400, 'A remove operation needs a path.', 'noTarget');
    if (!isObject(value))
      throw new ScimError(
        400,
        'An operation without a path needs an object value.',
        'invalidValue',
      );
    for (const [key, inner] of Object.entries(value)) applyAt(result, opName, key, inner);
  }
  return result;
}
