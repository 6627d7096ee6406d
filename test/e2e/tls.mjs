// Throwaway certificates for proxies that must verify Coinalyze's: a test CA signing a certificate for
// api.coinalyze.net, and a second CA that signed nothing of ours (what verification must refuse).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ssl = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Writes ca.crt, other-ca.crt, server.key and server.crt (for `name`) into `dir`; returns their paths and PEMs. */
export function makeCertificates(dir, name = 'api.coinalyze.net') {
  const p = (f) => join(dir, f);
  for (const ca of ['ca', 'other-ca'])
    ssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      p(`${ca}.key`),
      '-out',
      p(`${ca}.crt`),
      '-days',
      '2',
      '-subj',
      `/CN=LiqLab test ${ca}`,
    ]);
  ssl(['req', ...ec, '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', `/CN=${name}`]);
  writeFileSync(p('san.ext'), `subjectAltName=DNS:${name}\nextendedKeyUsage=serverAuth\n`);
  ssl([
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.crt'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    p('san.ext'),
    '-out',
    p('server.crt'),
  ]);
  return {
    caFile: p('ca.crt'),
    otherCaFile: p('other-ca.crt'),
    tls: { key: readFileSync(p('server.key')), cert: readFileSync(p('server.crt')) },
  };
}
