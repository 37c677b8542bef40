import net from 'node:net';
import { runCli } from '../../src/cli/run-cli';
import { openStore } from '../../src/store/open-store';
import { describePostgres } from '../support/databases';

/**
 * A DATABASE_URL the store cannot use says what to fix: where it pointed (host and port, never the
 * password), what went wrong in words, and the way out. The CLI prints it as it is and exits 1; it is
 * not an unexpected error.
 */

const PASSWORD = 's3cret-pw-4711';

/** A port on this machine that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function openFails(url: string): Promise<Error> {
  const error = await openStore(url).then(
    async (store) => {
      await store.close();
      throw new Error('the store opened');
    },
    (failure: unknown) => failure as Error,
  );
  expect(error.message).not.toContain(PASSWORD);
  return error;
}

test('nothing listening at the host and port: named, with the way out', async () => {
  const port = await closedPort();
  const error = await openFails(`postgres://bot:${PASSWORD}@127.0.0.1:${port}/hosting`);
  expect(error.name).toBe('StoreOpenError');
  expect(error.message).toBe(
    `Could not reach PostgreSQL at 127.0.0.1:${port} (DATABASE_URL): nothing accepts connections on that host and port (ECONNREFUSED). Check that PostgreSQL runs there and the host and port in DATABASE_URL, or unset DATABASE_URL to keep the data in the embedded SQLite file (./data/hosting-advisor.db).`,
  );
});

test('the CLI says it on stderr and exits 1, not as an unexpected error', async () => {
  const port = await closedPort();
  const printed = { out: [] as string[], err: [] as string[] };
  const io = { out: (text: string) => printed.out.push(text), err: (text: string) => printed.err.push(text) };
  const code = await runCli(['spend'], { DATABASE_URL: `postgres://bot:${PASSWORD}@127.0.0.1:${port}/hosting` }, io);
  expect(code).toBe(1);
  expect(printed.out).toEqual([]);
  const err = printed.err.join('\n');
  expect(err).toMatch(/^hosting-advisor: Could not reach PostgreSQL at 127\.0\.0\.1:\d+ \(DATABASE_URL\)/);
  expect(err).not.toContain('unexpected');
  expect(err).not.toContain(PASSWORD);
});

// Needs PostgreSQL: skipped, the reason in its name, when TEST_DATABASE_URL is unset; CI sets it.
describePostgres('a server that answers', () => {
  const server = () => new URL(process.env.TEST_DATABASE_URL!);

  test('a database that does not exist: named, and how to make it', async () => {
    const url = server();
    url.pathname = '/no_such_database_4711';
    const error = await openFails(url.toString());
    expect(error.message).toBe(
      `PostgreSQL at ${url.host} has no such database: database "no_such_database_4711" does not exist. Create it (e.g. \`createdb\` with that name) or name an existing one in DATABASE_URL.`,
    );
  });

  test('a login it refuses: its words, and what to check', async () => {
    const url = server();
    url.username = 'no_such_role_4711';
    url.password = PASSWORD;
    const error = await openFails(url.toString());
    expect(error.message).toBe(
      `PostgreSQL at ${url.host} refused the login in DATABASE_URL: role "no_such_role_4711" does not exist. Check the user name and password in DATABASE_URL, and that the server lets that user in from here (pg_hba.conf).`,
    );
  });
});
