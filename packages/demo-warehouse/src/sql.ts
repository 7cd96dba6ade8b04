/*
 * `yarn demo:sql --as tomas.novak "SELECT count(*) FROM analytics.clinic_visits"`:
 * runs one statement in the demo warehouse as an example user's role (logged
 * in as that role, password `demo`), for machines without psql. Prints the
 * rows, or the error and exits 1.
 */
import { Client } from 'pg';
import { DEMO_PASSWORD } from './seed';

async function main(args: string[]): Promise<number> {
  const at = args.indexOf('--as');
  const role = at >= 0 ? args[at + 1] : undefined;
  const sql = args.filter((_, i) => i !== at && i !== at + 1).join(' ');
  if (!role || !sql) {
    process.stderr.write(
      'usage: yarn demo:sql --as <role> "<SQL>"   (e.g. --as tomas.novak "SELECT count(*) FROM analytics.clinic_visits")\n',
    );
    return 2;
  }
  const port = Number(process.env.DATAPACT_DEMO_WAREHOUSE_PORT ?? 5433);
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: role,
    password: DEMO_PASSWORD,
    database: 'datapact_demo_warehouse',
  });
  try {
    await client.connect();
    const { rows, fields } = await client.query(sql);
    if (fields?.length) {
      process.stdout.write(`${fields.map(f => f.name).join(' | ')}\n`);
      for (const row of rows) {
        process.stdout.write(
          `${fields.map(f => String(row[f.name])).join(' | ')}\n`,
        );
      }
      process.stdout.write(
        `(${rows.length} row${rows.length === 1 ? '' : 's'})\n`,
      );
    } else {
      process.stdout.write('OK\n');
    }
    return 0;
  } catch (error) {
    process.stdout.write(`ERROR: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await client.end().catch(() => undefined);
  }
}

main(process.argv.slice(2)).then(code => process.exit(code));
