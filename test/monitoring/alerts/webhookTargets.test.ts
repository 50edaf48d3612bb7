import {test} from 'node:test';
import assert from 'node:assert/strict';
import {alertEventNames, configSchema} from '../../../source/config/configSchema.js';
import {resolveWebhookTargets, WebhookConfigError, webhookSecrets} from '../../../source/monitoring/alerts/webhookTargets.js';
import {SecretGuard} from '../../../source/store/secretGuard.js';

const webhooks = (list: unknown[]) => configSchema.parse({alerts: {webhooks: list}}).alerts.webhooks;

const token = '7012345678:AAH-telegram-secret-token';
const slackUrl = 'https://hooks.slack.com/services/T0001/B0002/slackSecretPart';

test('secrets are taken from the environment variables the config names', () => {
  const targets = resolveWebhookTargets(
    webhooks([
      {kind: 'telegram', tokenEnv: 'TELEGRAM_BOT_TOKEN', chatId: '-1001234567890'},
      {kind: 'slack', urlEnv: 'SLACK_WEBHOOK_URL', events: ['complianceFailing', 'halted']},
      {kind: 'generic', url: 'https://ops.example.com/hooks/mexc-mm'},
    ]),
    {TELEGRAM_BOT_TOKEN: token, SLACK_WEBHOOK_URL: ` ${slackUrl}\n`},
  );
  assert.deepEqual(targets, [
    {index: 0, kind: 'telegram', events: new Set(alertEventNames), apiUrl: 'https://api.telegram.org', token, chatId: '-1001234567890'},
    {index: 1, kind: 'slack', events: new Set(['complianceFailing', 'halted']), url: slackUrl},
    {index: 2, kind: 'generic', events: new Set(alertEventNames), url: 'https://ops.example.com/hooks/mexc-mm'},
  ]);
});

test('a literal token and a Bot API address with a trailing slash (a local receiver) are used as written', () => {
  const [target] = resolveWebhookTargets(webhooks([{kind: 'telegram', url: 'http://127.0.0.1:8081/', token, chatId: 42}]), {});
  assert.deepEqual(target, {index: 0, kind: 'telegram', events: new Set(alertEventNames), apiUrl: 'http://127.0.0.1:8081', token, chatId: 42});
});

test('an unset variable is an error naming the config key and the variable', () => {
  const config = webhooks([
    {kind: 'generic', url: 'https://ops.example.com/hooks/mexc-mm'},
    {kind: 'slack', urlEnv: 'SLACK_WEBHOOK_URL'},
  ]);
  assert.throws(
    () => resolveWebhookTargets(config, {}),
    (error: unknown) => {
      assert.ok(error instanceof WebhookConfigError);
      assert.equal(error.message, 'alerts.webhooks[1].urlEnv: environment variable SLACK_WEBHOOK_URL is not set');
      assert.equal(error.key, 'alerts.webhooks[1].urlEnv');
      return true;
    },
  );
});

test('an empty variable is an error too, naming the key', () => {
  assert.throws(
    () => resolveWebhookTargets(webhooks([{kind: 'telegram', tokenEnv: 'TELEGRAM_BOT_TOKEN', chatId: 1}]), {TELEGRAM_BOT_TOKEN: '  '}),
    {name: 'WebhookConfigError', message: 'alerts.webhooks[0].tokenEnv: environment variable TELEGRAM_BOT_TOKEN is set but empty'},
  );
});

test('an address from the environment that is not an http(s) URL is refused without quoting it', () => {
  for (const value of ['not a url at all secretvalue', 'ftp://files.example.com/secretvalue']) {
    assert.throws(
      () => resolveWebhookTargets(webhooks([{kind: 'generic', urlEnv: 'HOOK_URL'}]), {HOOK_URL: value}),
      (error: unknown) => error instanceof WebhookConfigError && error.key === 'alerts.webhooks[0].urlEnv' && !error.message.includes('secretvalue'),
    );
  }
});

test('the secrets list covers tokens and addresses, so SecretGuard removes them from any text', () => {
  const targets = resolveWebhookTargets(
    webhooks([
      {kind: 'telegram', token, chatId: 1},
      {kind: 'slack', url: slackUrl},
    ]),
    {},
  );
  const secrets = webhookSecrets(targets);
  assert.ok(secrets.includes(token));
  assert.ok(secrets.includes(`https://api.telegram.org/bot${token}/sendMessage`));
  assert.ok(secrets.includes(slackUrl));
  assert.ok(secrets.includes('/services/T0001/B0002/slackSecretPart'));
  const guard = new SecretGuard(secrets);
  const text = `POST ${slackUrl} failed; GET /services/T0001/B0002/slackSecretPart; bot${token}`;
  const scrubbed = guard.scrub(text);
  assert.ok(!scrubbed.includes('slackSecretPart') && !scrubbed.includes(token), scrubbed);
});

test('no webhooks, no targets and no secrets', () => {
  assert.deepEqual(resolveWebhookTargets([], {}), []);
  assert.deepEqual(webhookSecrets([]), []);
});
