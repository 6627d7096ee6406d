// e2e for Telegram alerts: a fake Bot API, our own `vite preview` on a free port with
// TELEGRAM_UPSTREAM pointing at it, then the user's path: token + "Find my chat" + "Send test message" + log.
import { startPreview, waitUntil } from '../../scripts/preview.mjs';
import { startFakeTelegram } from '../fakes/telegram.mjs';

const TOKEN = '123456:TEST-fake-token';
const CHAT = 4242;

export async function run({ check, assert, launch }) {
  const fake = await startFakeTelegram({ tokens: [TOKEN], chats: [String(CHAT)] });
  fake.userWrites(CHAT, '/start', { first_name: 'Tester' });
  const preview = await startPreview({
    env: { TELEGRAM_UPSTREAM: fake.url },
  });
  const context = await launch();
  const page = await context.newPage();
  try {
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });

    await check('alerts: token input is masked and the UI says alerts need LiqLab open', async () => {
      const token = dialog.getByLabel('Telegram bot token');
      await token.fill(TOKEN);
      assert((await token.getAttribute('type')) === 'password', 'token input should be type=password');
      await dialog.getByLabel('Telegram API base URL').fill('/telegram');
      const text = await dialog.textContent();
      assert(/only while LiqLab is open/.test(text ?? ''), 'the open-tab limitation should be stated');
    });

    await check('alerts: "Find my chat" offers the chat that messaged the bot', async () => {
      await dialog.getByRole('button', { name: 'Find my chat' }).click();
      const use = dialog.getByRole('button', { name: /Use Tester/ });
      await use.waitFor({ timeout: 10_000 });
      await use.click();
      const chat = await dialog.getByLabel('Telegram chat ID').inputValue();
      assert(chat === String(CHAT), `chat ID should be filled with ${CHAT}, got ${chat}`);
    });

    await check('alerts: "Send test message" arrives at the fake Telegram as HTML', async () => {
      await dialog.getByRole('button', { name: 'Send test message' }).click();
      await waitUntil(
        () => fake.delivered().length === 1,
        10_000,
        'the test message at the fake Telegram',
        50,
      );
      const [msg] = fake.delivered();
      assert(msg.params.chat_id === String(CHAT), `chat_id ${msg.params.chat_id}`);
      assert(msg.params.parse_mode === 'HTML', 'parse_mode HTML');
      assert(msg.params.text.includes('<b>LiqLab test message</b>'), msg.params.text);
      assert(msg.params.text.includes(`href="${preview.url}"`), `link back to the app: ${msg.params.text}`);
      await dialog.getByText('Test message sent.').waitFor({ timeout: 5000 });
    });

    await check('alerts: the log panel shows the sent test message', async () => {
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('button', { name: 'Panels' }).click();
      await page.getByRole('tab', { name: 'Alerts' }).click();
      const log = page.getByRole('list', { name: 'Alert log' });
      await log.getByText('LiqLab test message').waitFor({ timeout: 5000 });
      assert((await log.locator('li[data-status="sent"]').count()) === 1, 'one sent entry');
    });

    await check('alerts: a bad token is reported plainly and logged as failed', async () => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await dialog.getByLabel('Telegram bot token').fill('123456:WRONG-fake-token');
      await dialog.getByRole('button', { name: 'Send test message' }).click();
      await dialog.getByText(/Bot token rejected/).waitFor({ timeout: 5000 });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      const failed = page.getByRole('list', { name: 'Alert log' }).locator('li[data-status="failed"]');
      await failed.first().waitFor({ timeout: 8000 });
      assert(/Unauthorized/.test((await failed.first().textContent()) ?? ''), 'reason shown');
      const leaked = fake.received.some((r) => JSON.stringify(r.params).includes('TEST-fake-token'));
      assert(!leaked, 'the token must never be sent as a parameter');
    });

    await check('alerts: a deep link ?t=&tf= opens the chart on that timeframe', async () => {
      const p2 = await context.newPage();
      await p2.goto(`${preview.url}?t=1722816000&tf=4h`);
      const btn = p2.getByRole('button', { name: '4h', exact: true });
      await btn.waitFor();
      await waitUntil(
        async () => (await btn.getAttribute('aria-pressed')) === 'true',
        10_000,
        'the 4h button pressed',
        50,
      );
      await p2.close();
    });
  } finally {
    await context.close();
    preview.stop();
    await fake.close();
  }
}
