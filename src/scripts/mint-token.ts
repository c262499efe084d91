// `npm run token`: prints a development JWT for AUTH_JWT_SECRET (the secret is read from the environment, never printed).
import { mintToken } from '../auth/mint-token';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const secret = process.env.AUTH_JWT_SECRET;
if (secret === undefined || secret === '') {
  process.stderr.write('set AUTH_JWT_SECRET to the gateway\'s secret first\n');
  process.exit(1);
}
const role = option('role') ?? 'admin';
const customerId = option('customer');
if (role === 'customer' && customerId === undefined) {
  process.stderr.write('a customer token needs --customer <customerId>\n');
  process.exit(1);
}
mintToken(secret, { sub: option('sub') ?? `${role}-dev`, role, ...(customerId === undefined ? {} : { customerId }) }, option('expires') ?? '1h')
  .then((token) => process.stdout.write(`${token}\n`));
