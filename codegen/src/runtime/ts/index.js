// The TypeScript package's runtime: everything that does not depend on the
// catalogue, reading the catalogue's data from ./catalog.js (generated).
import { CATALOG } from "./catalog.js";

const CODES = CATALOG.codes;
const NAMES = new Map();
CODES.forEach((entry, index) => NAMES.set(entry.code, index));
for (const [alias, index] of Object.entries(CATALOG.aliases)) NAMES.set(alias, index);
const IDENTIFY = new Map(Object.entries(CATALOG.identify));
const IDENTIFY_INTEGER = new Map(Object.entries(CATALOG.identifyInteger).map(([key, index]) => [Number(key), index]));

/** Every code of the catalogue, in catalogue order. */
export const ERROR_CODES = Object.freeze(CODES.map((entry) => entry.code));
/** Every type of the catalogue. */
export const ERROR_TYPES = Object.freeze(CATALOG.types.map((type) => type.name));
/** The content-type of error responses. */
export const MEDIA_TYPE = CATALOG.envelope.mediaType;

function entry(code) {
  const index = NAMES.get(code);
  if (index === undefined || CODES[index].code !== code) throw new TypeError(`not an error code: ${code}`);
  return CODES[index];
}

export function httpStatus(code) { return entry(code).status; }
export function isRetryable(code) { return entry(code).retryable; }
export function errorType(code) { return entry(code).type; }
/**
 * The code's message; with `locale` (an Accept-Language value such as
 * "nl-BE,nl;q=0.9,en;q=0.8", or one tag), in the catalogue's language that
 * `negotiate` chooses for it.
 */
export function message(code, locale) {
  const found = entry(code);
  const chosen = locale === undefined ? 0 : negotiate(locale);
  return chosen === 0 ? found.message : found.messages[LOCALES[chosen]];
}
/** The catalogue's languages (BCP 47 tags), its own first. */
export const LOCALES = Object.freeze(CATALOG.locales ?? ["en"]);
/**
 * The position in LOCALES of the language to answer in for an
 * Accept-Language value: the range of highest quality (the earlier on a tie)
 * naming a language of the catalogue, or a shorter form of one ("nl-BE"
 * finds "nl"); 0, the catalogue's own, when none does. As the Rust crate's.
 */
export function negotiate(acceptLanguage) {
  let best;
  for (const range of String(acceptLanguage).split(",")) {
    const [rawTag, ...params] = range.split(";");
    let quality = 1000;
    for (const param of params) {
      const match = /^\s*[qQ]=(.*?)\s*$/.exec(param);
      if (!match) continue;
      // A weight as RFC 9110 writes it (`0.8`, `1`; not `.5`): any other
      // makes the range ignored.
      quality = /^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$/.test(match[1]) ? Math.round(Number(match[1]) * 1000) : NaN;
    }
    if (Number.isNaN(quality) || quality === 0 || (best && best.quality >= quality)) continue;
    const locale = lookup(rawTag.trim());
    if (locale !== undefined) best = { quality, locale };
  }
  return best ? best.locale : 0;
}
function lookup(tag) {
  if (tag === "*") return 0;
  for (let candidate = tag; candidate !== ""; candidate = candidate.includes("-") ? candidate.slice(0, candidate.lastIndexOf("-")) : "") {
    const index = LOCALES.findIndex((locale) => locale.toLowerCase() === candidate.toLowerCase());
    if (index !== -1) return index;
  }
  return undefined;
}
export function docUrl(code) { return entry(code).docUrl; }
export function isErrorCode(value) {
  const index = NAMES.get(value);
  return index !== undefined && CODES[index].code === value;
}
/**
 * The catalogue's name of a code, from its name, an alias, or its value on
 * the wire (`20101`, "20101", "RESOURCE_EXHAUSTED"), as the Rust crate's
 * `ErrorCode::from_name` and `ErrorCode::from_wire` read them.
 */
export function canonicalCode(value) {
  let index = typeof value === "string" ? NAMES.get(value) ?? IDENTIFY.get(value) : undefined;
  if (index === undefined && typeof value === "string" && /^[+-]?[0-9]+$/.test(value)) index = IDENTIFY_INTEGER.get(Number(value));
  if (index === undefined && typeof value === "number") index = IDENTIFY_INTEGER.get(value);
  return index === undefined ? undefined : CODES[index].code;
}

/** A body that is not this API's error envelope. */
export class ApiErrorParseError extends Error {
  constructor(message) {
    super(message);
    this.name = "ApiErrorParseError";
  }
}

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

function fail(message) { throw new ApiErrorParseError(message); }

// Sets a member as data: a body's "__proto__" is a member like any other,
// never the object's prototype (plain assignment would set that).
function put(object, name, value) {
  Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
}

// What serde_json, the Rust client's reader, refuses, refused here too, so
// both clients give every body the same answer: nesting deeper than 127
// arrays and objects, numbers out of range (JSON.parse makes them
// Infinity), and strings or names with a lone surrogate (`"\ud800"`).
const MAX_DEPTH = 127;

function tooDeep(text) {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > MAX_DEPTH) return true;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return false;
}

function readJson(text) {
  if (tooDeep(text)) fail(`the body nests deeper than ${MAX_DEPTH} arrays and objects`);
  try {
    return JSON.parse(text, (name, value) => {
      if (!name.isWellFormed()) fail("a member name has a lone surrogate");
      if (typeof value === "string" && !value.isWellFormed()) fail("a string has a lone surrogate");
      if (typeof value === "number" && !Number.isFinite(value)) fail("a number is out of range");
      return value;
    });
  } catch (error) {
    if (error instanceof ApiErrorParseError) throw error;
    fail(`the body is not JSON: ${error.message}`);
  }
}

/**
 * Reads an error response from its HTTP status and raw body (text, or bytes
 * that must be UTF-8), as the Rust crate's `ApiError::from_response` reads
 * it: the same body gets the same answer from both.
 */
export function parseApiErrorResponse(status, body) {
  let text = body;
  if (typeof body !== "string") {
    try {
      // A byte order mark is kept, so it is refused as serde_json refuses it.
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      fail("the body is not UTF-8");
    }
  }
  return parseApiError(status, readJson(text));
}

function readObject(members, object, found) {
  for (const member of members) {
    if (Object.hasOwn(object, member.name)) readNode(member.node, member.name, object[member.name], found);
  }
  if (members.some((member) => member.node.kind === "details" && member.node.inline)) {
    for (const [name, value] of Object.entries(object)) {
      if (!members.some((member) => member.name === name)) put(found.details, name, value);
    }
  }
}

function matchesEntry(item, entry) {
  if (item.kind !== "object") return true;
  if (!isObject(entry)) return false;
  return item.members.every((member) => member.node.kind !== "const" || entry[member.name] === member.node.value);
}

function readNode(node, name, value, found) {
  switch (node.kind) {
    case "object":
      if (!isObject(value)) fail(`\`${name}\` must be an object`);
      return readObject(node.members, value, found);
    case "array":
      if (!Array.isArray(value)) fail(`\`${name}\` must be an array`);
      for (const entry of value) {
        const item = node.items.find((candidate) => matchesEntry(candidate, entry));
        if (item) readNode(item, name, entry, found);
      }
      return;
    case "role":
      return readRole(node, name, value, found);
    case "const":
      // A constant says what kind of body this is (Slack's `"ok": false`).
      if (value !== node.value) fail(`\`${name}\` must be ${JSON.stringify(node.value)}`);
      return;
    case "value":
      if (!accepts(node.type, value)) fail(`\`${name}\` has the wrong type`);
      put(found.values, node.name, value);
      return;
    case "details":
      if (!isObject(value)) fail(`\`${name}\` must be an object`);
      for (const [member, memberValue] of Object.entries(value)) put(found.details, member, memberValue);
      return;
    case "errors":
      if (!Array.isArray(value)) fail(`\`${name}\` must be an array`);
      found.errors = value.map((entry) => readNested(node.item, entry, name));
      return;
    default:
      return;
  }
}

function readRole(node, name, value, found) {
  const text = () => (typeof value === "string" ? value : fail(`\`${name}\` must be a string`));
  switch (node.role) {
    case "code":
      // Any number: one that is no code of this catalogue is kept as sent.
      if (typeof value !== "string" && typeof value !== "number") fail(`\`${name}\` must be a string or a number`);
      found.code = String(value);
      found.codeIsNumber = typeof value === "number";
      return;
    case "status": {
      // Digits only, as the Rust client reads it: `Number(" 0x1a6")` is 422.
      const status = typeof value === "string" ? (/^[0-9]+$/.test(value) ? Number(value) : NaN) : value;
      if (!Number.isInteger(status) || status < 100 || status > 599) fail(`\`${name}\` must be an HTTP status`);
      found.status = status;
      return;
    }
    case "type": found.type = text(); return;
    case "message": found.message = text(); return;
    case "title": found.title = text(); return;
    case "doc_url": found.docUrl = text(); return;
    case "param": found.param = text(); return;
    case "locale": found.locale = text(); return;
    case "localized_message": found.localizedMessage = text(); return;
    default: return;
  }
}

function readNested(item, entry, name) {
  if (!isObject(entry)) fail(`\`${name}\` must hold objects`);
  const nested = { values: {} };
  for (const member of item) {
    if (!Object.hasOwn(entry, member.name)) continue;
    const value = entry[member.name];
    const { kind, role } = member.node;
    const wrong = () => fail(`\`${member.name}\` has the wrong type`);
    if (kind === "role" && role === "code") {
      if (typeof value !== "string" && typeof value !== "number") wrong();
      nested.code = value;
    } else if (kind === "role" && (role === "message" || role === "param")) {
      if (typeof value !== "string") wrong();
      nested[role] = value;
    } else if (kind === "value") {
      if (!accepts(member.node.type, value)) wrong();
      put(nested.values, member.node.name, value);
    }
  }
  return nested;
}

/** The code a body names: by its code member, else its link, else its title. */
function identify(found) {
  const key = CATALOG.envelope.identifiedBy === "code" ? found.code
    : CATALOG.envelope.identifiedBy === "doc_url" ? found.docUrl : found.title;
  if (CATALOG.envelope.identifiedBy === "code" && found.code === undefined) fail("the error response has no code");
  // A code is looked up in the table of its JSON type: "20101" is not 20101.
  const byNumber = CATALOG.envelope.identifiedBy === "code" && found.codeIsNumber;
  const index = key === undefined ? undefined : byNumber ? IDENTIFY_INTEGER.get(Number(key)) : IDENTIFY.get(key);
  return index === undefined ? undefined : CODES[index];
}

/**
 * Reads an error response: its HTTP status and parsed JSON body. A code this
 * version does not know is kept as sent, with retry advice from its type or
 * status.
 */
export function parseApiError(status, body) {
  if (!isObject(body)) fail("an error response is a JSON object");
  const found = { details: {}, values: {}, errors: [] };
  readObject(CATALOG.envelope.body, body, found);
  const known = identify(found);
  if (found.message === undefined && CATALOG.envelope.messageRequired) fail("the error response has no message");
  if (known) {
    for (const member of known.details) {
      const value = Object.hasOwn(found.details, member.wire) ? found.details[member.wire] : undefined;
      if (value !== undefined && !accepts(member.kind, value)) fail(`detail \`${member.wire}\` of error \`${known.code}\` has the wrong type`);
    }
    if (known.detailsMap !== undefined) {
      for (const [member, value] of Object.entries(found.details)) {
        if (!accepts(known.detailsMap, value)) fail(`detail \`${member}\` of error \`${known.code}\` has the wrong type`);
      }
    }
    return {
      code: found.code ?? known.wire, known: known.code, message: found.message ?? known.message,
      status: known.status, retryable: known.retryable, type: found.type ?? known.typeWire, title: known.title,
      docUrl: known.docUrl, param: found.param, details: found.details, values: found.values, errors: found.errors,
      ...localized(found),
    };
  }
  const type = CATALOG.types.find((candidate) => candidate.wire === found.type);
  const fallback = found.status ?? (type && type.status ? type.status : undefined) ?? status ?? 500;
  return {
    code: found.code ?? "", known: undefined, message: found.message ?? "", status: fallback,
    retryable: type ? type.retryable : [408, 429, 502, 503, 504].includes(fallback),
    type: found.type, title: found.title, docUrl: found.docUrl, param: found.param,
    details: found.details, values: found.values, errors: found.errors, ...localized(found),
  };
}

/** The language and localized message a body sent (AIP-193's LocalizedMessage), where it sent them. */
function localized(found) {
  const out = {};
  if (found.locale !== undefined) out.locale = found.locale;
  if (found.localizedMessage !== undefined) out.localizedMessage = found.localizedMessage;
  return out;
}

function accepts(kind, value) {
  switch (kind) {
    case "string": return typeof value === "string";
    case "integer": return Number.isInteger(value);
    case "number": return typeof value === "number";
    case "boolean": return typeof value === "boolean";
    case "string_map": return isObject(value) && Object.values(value).every((item) => typeof item === "string");
    case "string_list": return Array.isArray(value) && value.every((item) => typeof item === "string");
    default: return true;
  }
}
