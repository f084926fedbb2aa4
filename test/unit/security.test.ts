/**
 * MIM6 hygiene of subscriptions and registrations: endpoints over plain http or mqtt, and credentials written in
 * clear text. Codes, ranges and severities.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, editsForFix, parseDocument } from '../../server/src/service/index';
import { credentialKind, isCredentialName, isPlaceholder } from '../../server/src/service/ngsi-ld/security';
import { covered, problems } from '../helpers/engine';

const MIM6 = ['ngsi-ld/endpoint-insecure', 'ngsi-ld/clear-text-credential'];

/** The MIM6 problems of a payload, as "code severity covered-text". */
function found(file: string, text: string): string[] {
  return problems(file, text)
    .filter((p) => MIM6.includes(p.code))
    .map((p) => `${p.code} ${p.severity} ${covered(text, p)}`);
}

const subscription = (endpoint: string) => `{"type": "Subscription", "entities": [{"type": "Vehicle"}], "notification": {"endpoint": ${endpoint}}}`;
const registration = (members: string) => `{"type": "ContextSourceRegistration", "information": [{"entities": [{"type": "Vehicle"}]}], ${members}}`;

describe('ngsi-ld/endpoint-insecure', () => {
  it('accepts https and mqtts endpoints', () => {
    assert.deepEqual(found('s.json', subscription('{"uri": "https://receiver.example.org/notify"}')), []);
    assert.deepEqual(found('s.json', subscription('{"uri": "mqtts://broker.example.org:8883/city/vehicles"}')), []);
    assert.deepEqual(found('r.json', registration('"endpoint": "https://source.example.org/ngsi-ld"')), []);
  });

  it('warns on the scheme of an http or mqtt notification endpoint', () => {
    const http = subscription('{"uri": "http://receiver.example.org/notify"}');
    assert.deepEqual(found('s.json', http), ['ngsi-ld/endpoint-insecure warning http']);
    const mqtt = subscription('{"uri": "mqtt://broker.example.org:1883/city/vehicles"}');
    assert.deepEqual(found('s.json', mqtt), ['ngsi-ld/endpoint-insecure warning mqtt']);
    const [p] = problems('s.json', http).filter((x) => x.code === 'ngsi-ld/endpoint-insecure');
    assert.deepEqual(p!.range.start, { line: 0, character: http.indexOf('http://') });
    assert.match(p!.message, /unencrypted/);
    assert.match(p!.message, /Use https:/);
  });

  it('offers https:// (mqtts://) as a fix that Fix all leaves alone', () => {
    const text = subscription('{"uri": "mqtt://broker.example.org:1883/city"}');
    const p = problems('s.json', text).find((x) => x.code === 'ngsi-ld/endpoint-insecure')!;
    const fix = p.fixes![0]!;
    assert.equal(fix.title, 'Use mqtts://');
    assert.equal(fix.safe, false);
    const fixed = applyEdits(text, editsForFix(parseDocument('file:///work/s.json', 1, text), fix)!);
    assert.ok(fixed.includes('"mqtts://broker.example.org:1883/city"'), fixed);
  });

  it('does not report loopback hosts: that traffic stays on the machine', () => {
    for (const uri of ['http://localhost:8080/notify', 'http://127.0.0.1/notify', 'http://[::1]:9000/', 'mqtt://localhost', 'http://api.localhost/notify']) {
      assert.deepEqual(found('s.json', subscription(`{"uri": "${uri}"}`)), [], uri);
    }
    // A host inside a container network is not loopback.
    assert.deepEqual(found('s.json', subscription('{"uri": "http://quantumleap:8668/v2/notify"}')), ['ngsi-ld/endpoint-insecure warning http']);
  });

  it('warns on an http registration endpoint', () => {
    const text = registration('"endpoint": "http://source.example.org/ngsi-ld"');
    assert.deepEqual(found('r.json', text), ['ngsi-ld/endpoint-insecure warning http']);
    assert.match(problems('r.json', text).find((p) => p.code === 'ngsi-ld/endpoint-insecure')!.message, /forwarded requests/);
  });

  it('checks the update of a subscription and every subscription of a list', () => {
    const update = '{"notification": {"endpoint": {"uri": "http://receiver.example.org/notify"}}}';
    assert.deepEqual(found('s.json', update), ['ngsi-ld/endpoint-insecure warning http']);
    const list = `[${subscription('{"uri": "https://a.example.org/n"}')}, ${subscription('{"uri": "http://b.example.org/n"}')}]`;
    const hits = problems('s.json', list).filter((p) => p.code === 'ngsi-ld/endpoint-insecure');
    assert.deepEqual(hits.map((p) => p.path), [[1, 'notification', 'endpoint', 'uri']]);
  });
});

describe('ngsi-ld/clear-text-credential', () => {
  it('warns on a credential header in receiverInfo, on its value', () => {
    const text = subscription('{"uri": "https://r.example.org/n", "receiverInfo": [{"key": "Fiware-Service", "value": "city"}, {"key": "Authorization", "value": "Bearer 3f9a1c7e5b2d4f60"}]}');
    assert.deepEqual(found('s.json', text), ['ngsi-ld/clear-text-credential warning "Bearer 3f9a1c7e5b2d4f60"']);
    const p = problems('s.json', text).find((x) => x.code === 'ngsi-ld/clear-text-credential')!;
    assert.deepEqual(p.path, ['notification', 'endpoint', 'receiverInfo', 1, 'value']);
    assert.match(p.message, /"Authorization" in receiverInfo holds a Bearer token in clear text/);
    assert.ok(!p.message.includes('3f9a1c7e5b2d4f60'), 'the message does not repeat the secret');
  });

  it('knows credentials by their names and by their form', () => {
    const entries = [
      ['X-Auth-Token', 'a1b2c3d4e5f6'],
      ['x-api-key', 'k-99887766'],
      ['apikey', 'secret123'],
      ['Proxy-Authorization', 'Basic dXNlcjpwYXNzd29yZA=='],
      ['X-Custom', 'Bearer abcdefghijkl'],
      ['X-Forwarded', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl'],
    ];
    for (const [key, value] of entries) {
      const text = subscription(`{"uri": "https://r.example.org/n", "receiverInfo": [{"key": "${key}", "value": "${value}"}]}`);
      assert.deepEqual(found('s.json', text), [`ngsi-ld/clear-text-credential warning "${value}"`], key);
    }
  });

  it('leaves other headers and placeholders alone', () => {
    const values = ['${NOTIFY_TOKEN}', 'Bearer ${NOTIFY_TOKEN}', '{{token}}', '<token>', '$TOKEN', '%TOKEN%', 'env:NOTIFY_TOKEN', '****', ''];
    for (const value of values) {
      const text = subscription(`{"uri": "https://r.example.org/n", "receiverInfo": [{"key": "Authorization", "value": "${value}"}]}`);
      assert.deepEqual(found('s.json', text), [], value);
    }
    const benign = subscription('{"uri": "https://r.example.org/n", "receiverInfo": [{"key": "Fiware-ServicePath", "value": "/parking"}, {"key": "Content-Type", "value": "application/json"}], "notifierInfo": [{"key": "MQTT-QoS", "value": "1"}, {"key": "MQTT-Version", "value": "mqtt5.0"}]}');
    assert.deepEqual(found('s.json', benign), []);
  });

  it('warns on notifierInfo and on a registration\'s contextSourceInfo', () => {
    const notifier = subscription('{"uri": "mqtts://b.example.org/t", "notifierInfo": [{"key": "MQTT-Password", "value": "hunter2hunter2"}]}');
    assert.deepEqual(found('s.json', notifier), ['ngsi-ld/clear-text-credential warning "hunter2hunter2"']);
    const csr = registration('"endpoint": "https://source.example.org", "contextSourceInfo": [{"key": "Authorization", "value": "Basic dXNlcjpwYXNzd29yZA=="}]');
    assert.deepEqual(found('r.json', csr), ['ngsi-ld/clear-text-credential warning "Basic dXNlcjpwYXNzd29yZA=="']);
    const p = problems('r.json', csr).find((x) => x.code === 'ngsi-ld/clear-text-credential')!;
    assert.match(p.message, /Basic credentials/);
  });

  it('warns on a password or a token written into an endpoint URI, on that part only', () => {
    const userinfo = subscription('{"uri": "https://notifier:s3cr3tpw@r.example.org/n"}');
    assert.deepEqual(found('s.json', userinfo), ['ngsi-ld/clear-text-credential warning s3cr3tpw']);
    const query = subscription('{"uri": "https://r.example.org/n?format=json&access_token=abc123def456"}');
    assert.deepEqual(found('s.json', query), ['ngsi-ld/clear-text-credential warning abc123def456']);
    const both = registration('"endpoint": "http://u:pw@source.example.org/?apikey=k123"');
    assert.deepEqual(found('r.json', both), ['ngsi-ld/endpoint-insecure warning http', 'ngsi-ld/clear-text-credential warning pw', 'ngsi-ld/clear-text-credential warning k123']);
    // A user name without a password, and a placeholder in the query, are fine.
    assert.deepEqual(found('s.json', subscription('{"uri": "https://notifier@r.example.org/n?token=${TOKEN}"}')), []);
  });

  it('offers a placeholder as the fix, which Fix all leaves alone', () => {
    const text = subscription('{"uri": "https://r.example.org/n", "receiverInfo": [{"key": "X-Auth-Token", "value": "a1b2c3d4e5f6"}]}');
    const p = problems('s.json', text).find((x) => x.code === 'ngsi-ld/clear-text-credential')!;
    const fix = p.fixes![0]!;
    assert.equal(fix.safe, false);
    const fixed = applyEdits(text, editsForFix(parseDocument('file:///work/s.json', 1, text), fix)!);
    assert.ok(fixed.includes('"value": "${X_AUTH_TOKEN}"'), fixed);
    assert.deepEqual(found('s.json', fixed), []);
  });

  it('follows the rule settings', () => {
    const text = subscription('{"uri": "http://r.example.org/n", "receiverInfo": [{"key": "Authorization", "value": "Bearer 3f9a1c7e5b2d4f60"}]}');
    const quiet = problems('s.json', text, { rules: { 'ngsi-ld/endpoint-insecure': 'off', 'ngsi-ld/clear-text-credential': 'error' } }).filter((p) => MIM6.includes(p.code));
    assert.deepEqual(quiet.map((p) => `${p.code} ${p.severity}`), ['ngsi-ld/clear-text-credential error']);
  });

  it('classifies names, values and placeholders', () => {
    for (const name of ['Authorization', 'authorization', 'X-Auth-Token', 'x_access_token', 'token', 'X-API-Key', 'api_key', 'Ocp-Apim-Subscription-Key', 'client_secret', 'password', 'Cookie', 'sig']) {
      assert.ok(isCredentialName(name), name);
    }
    for (const name of ['Fiware-Service', 'Fiware-ServicePath', 'Content-Type', 'MQTT-QoS', 'Link', 'NGSILD-Tenant', 'keyword', 'tokenizer']) assert.ok(!isCredentialName(name), name);
    assert.equal(credentialKind('Bearer abcdefgh12'), 'a Bearer token');
    assert.equal(credentialKind('city'), undefined);
    assert.ok(isPlaceholder('${A}') && isPlaceholder('Bearer {{t}}') && !isPlaceholder('abc123'));
  });
});
