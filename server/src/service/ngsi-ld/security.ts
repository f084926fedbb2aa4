/**
 * Security hygiene of subscriptions and registrations (MIM6): where notifications and forwarded requests go,
 * and what is written into the files that set them up. Such files end up in repositories and tickets, so a
 * token written there is a token shared.
 *
 * - ngsi-ld/endpoint-insecure: an endpoint over plain `http` or `mqtt`, which sends the notified entities (and
 *   any headers from receiverInfo) unencrypted. Loopback hosts (localhost, 127.0.0.0/8, ::1) are not reported:
 *   that traffic never leaves the machine.
 * - ngsi-ld/clear-text-credential: a credential in clear text: a header or property whose name says it holds one
 *   (Authorization, X-Auth-Token, an API key...) or whose value is one (a Bearer or Basic credential, a JSON Web
 *   Token), in receiverInfo, notifierInfo or contextSourceInfo; a password in an endpoint URI, or a token in its
 *   query. Placeholders that are filled in later (${TOKEN}, {{token}}, <token>, $TOKEN, %TOKEN%) are not reported.
 */
import type { CheckContext } from '../context';
import { isObject, type JsonObject, type JsonPath } from '../json/values';

/** Checks the notification endpoint of a subscription. */
export function checkSubscriptionSecurity(ctx: CheckContext, subscription: JsonObject, path: JsonPath): void {
  const notification = subscription.notification;
  if (!isObject(notification) || !isObject(notification.endpoint)) return;
  const endpoint = notification.endpoint;
  const at = [...path, 'notification', 'endpoint'];
  if (typeof endpoint.uri === 'string') checkEndpointUri(ctx, endpoint.uri, [...at, 'uri'], 'notifications');
  for (const member of ['receiverInfo', 'notifierInfo'] as const) checkKeyValues(ctx, endpoint[member], [...at, member], member);
}

/** Checks the endpoint of a context source registration and the headers sent to it. */
export function checkRegistrationSecurity(ctx: CheckContext, registration: JsonObject, path: JsonPath): void {
  if (typeof registration.endpoint === 'string') checkEndpointUri(ctx, registration.endpoint, [...path, 'endpoint'], 'forwarded requests');
  checkKeyValues(ctx, registration.contextSourceInfo, [...path, 'contextSourceInfo'], 'contextSourceInfo');
}

const INSECURE: Readonly<Record<string, string>> = { http: 'https', mqtt: 'mqtts' };

function checkEndpointUri(ctx: CheckContext, uri: string, path: JsonPath, what: string): void {
  const parsed = splitUri(uri);
  if (!parsed) return;
  const secure = INSECURE[parsed.scheme.toLowerCase()];
  if (secure && !isLoopback(parsed.host)) {
    ctx.report({
      code: 'ngsi-ld/endpoint-insecure',
      path,
      stringRange: { start: 0, end: parsed.scheme.length },
      message:
        `This endpoint uses ${parsed.scheme}:, so ${what} travel unencrypted: anyone on the way can read the entities ` +
        `and any headers sent with them, and change them. Use ${secure}: (the receiver must accept TLS).`,
      fixes: [{ kind: 'set-value', title: `Use ${secure}://`, path, value: secure + uri.slice(parsed.scheme.length), safe: false }],
    });
  }
  if (parsed.password !== undefined && parsed.password !== '' && !isPlaceholder(parsed.password)) {
    ctx.report({
      code: 'ngsi-ld/clear-text-credential',
      path,
      stringRange: { start: parsed.passwordStart, end: parsed.passwordStart + parsed.password.length },
      message:
        'The endpoint URI carries a password in clear text (user:password@host): anyone who reads this file can use it. ' +
        'Leave it out of the file (a placeholder such as ${NOTIFY_PASSWORD} filled in when the payload is sent), or authenticate another way.',
    });
  }
  for (const param of parsed.query) {
    if (!isCredentialName(param.name) || param.value === '' || isPlaceholder(param.value)) continue;
    ctx.report({
      code: 'ngsi-ld/clear-text-credential',
      path,
      stringRange: { start: param.valueStart, end: param.valueStart + param.value.length },
      message:
        `The query parameter "${param.name}" of the endpoint URI carries a credential in clear text: anyone who reads this file can use it, ` +
        'and URIs end up in logs. Leave it out of the file (a placeholder filled in when the payload is sent), or send it as a header the receiver checks.',
    });
  }
}

function checkKeyValues(ctx: CheckContext, entries: unknown, path: JsonPath, member: string): void {
  if (!Array.isArray(entries)) return;
  entries.forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.key !== 'string' || typeof entry.value !== 'string') return;
    const value = entry.value.trim();
    if (value === '' || isPlaceholder(value)) return;
    const byName = isCredentialName(entry.key);
    const kind = credentialKind(value);
    if (!byName && !kind) return;
    const what = kind ?? 'a credential';
    ctx.report({
      code: 'ngsi-ld/clear-text-credential',
      path: [...path, i, 'value'],
      message:
        `"${entry.key}" in ${member} holds ${what} in clear text: anyone who reads this file, or the repository it is kept in, can use it. ` +
        `Keep it out of the file: write a placeholder such as "\${${placeholderName(entry.key)}}" and fill it in when the payload is sent, or let the receiver authenticate the broker another way.`,
      fixes: [{ kind: 'set-value', title: `Replace with the placeholder \${${placeholderName(entry.key)}}`, path: [...path, i, 'value'], value: `\${${placeholderName(entry.key)}}`, safe: false }],
    });
  });
}

/**
 * Header, property and parameter names that hold credentials: Authorization and Proxy-Authorization, tokens
 * (X-Auth-Token, access_token, X-Token), API keys (X-API-Key, apikey), secrets, passwords, cookies, signatures.
 */
export function isCredentialName(name: string): boolean {
  const n = name.toLowerCase().replace(/[\s_.]+/g, '-');
  return (
    /^(proxy-)?authori[sz]ation$/.test(n) ||
    /(^|-)token$/.test(n) ||
    /(^|-)(access|refresh|id|bearer|session|api|auth|security)token$/.test(n) ||
    /(^|-)api-?key$/.test(n) ||
    /(^|-)(subscription|client|app|access|secret|private)-?key$/.test(n) ||
    /(^|-)(client-)?secret$/.test(n) ||
    /(^|-)pass(word|wd|phrase)?$/.test(n) ||
    /^(set-)?cookie$/.test(n) ||
    /^(sig|signature|x-amz-signature|x-goog-signature)$/.test(n) ||
    /^(key|x-key)$/.test(n)
  );
}

/** What a value is when it is a credential by its form, whatever its name: a Bearer token, Basic credentials, a JWT. */
export function credentialKind(value: string): string | undefined {
  if (/^bearer\s+\S{8,}/i.test(value)) return 'a Bearer token';
  if (/^basic\s+[A-Za-z0-9+/=]{8,}$/i.test(value)) return 'Basic credentials (a user name and password, only base64-encoded)';
  if (/^(digest|token|apikey|hmac|aws4-hmac-sha256)\s+\S{8,}/i.test(value)) return 'a credential';
  if (/^eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*$/.test(value)) return 'a JSON Web Token';
  return undefined;
}

/** A value filled in later, not a credential: ${TOKEN}, {{token}}, <token>, $TOKEN, %TOKEN%, env:TOKEN, secret:..., ****. */
export function isPlaceholder(value: string): boolean {
  const v = value.replace(/^(bearer|basic|token|apikey)\s+/i, '').trim();
  return (
    /^\$\{[^}]+\}$/.test(v) ||
    /^\$\{\{[^}]+\}\}$/.test(v) ||
    /^\{\{[^}]+\}\}$/.test(v) ||
    /^<[^<>]+>$/.test(v) ||
    /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) ||
    /^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v) ||
    /^(env|secret|vault|ssm|arn):/i.test(v) ||
    /^[*x•.]{3,}$/i.test(v) ||
    /^(redacted|changeme|change-me|placeholder|secret|token|password|your[-_ ]?\w*|xxx+)$/i.test(v)
  );
}

/** NOTIFY_AUTHORIZATION from "Authorization", X_AUTH_TOKEN from "X-Auth-Token". */
function placeholderName(key: string): string {
  const name = key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
  return name || 'SECRET';
}

function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

interface SplitUri {
  scheme: string;
  host: string;
  password?: string;
  /** Where the password starts in the URI string. */
  passwordStart: number;
  query: { name: string; value: string; valueStart: number }[];
}

/** The parts of a URI the checks need, with offsets into the string; undefined when it has no authority. */
function splitUri(uri: string): SplitUri | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(uri);
  if (!m) return undefined;
  const scheme = m[1]!;
  const authority = m[2]!;
  const authorityStart = scheme.length + 3;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.replace(/:\d*$/, '');
  const out: SplitUri = { scheme, host, passwordStart: 0, query: [] };
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    if (colon >= 0) {
      out.password = userinfo.slice(colon + 1);
      out.passwordStart = authorityStart + colon + 1;
    }
  }
  const q = uri.indexOf('?', authorityStart + authority.length);
  if (q >= 0) {
    const end = uri.indexOf('#', q);
    const query = uri.slice(q + 1, end < 0 ? undefined : end);
    let offset = q + 1;
    for (const part of query.split('&')) {
      const eq = part.indexOf('=');
      if (eq > 0) out.query.push({ name: safeDecode(part.slice(0, eq)), value: part.slice(eq + 1), valueStart: offset + eq + 1 });
      offset += part.length + 1;
    }
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
