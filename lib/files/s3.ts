import crypto from 'node:crypto';
import { FileStoreConfigError } from './errors';
import { assertKey } from './keys';
import type { FileStore } from './store';

/**
 * S3-compatible object storage (AWS S3, MinIO, Ceph, R2, ...), signed with AWS Signature Version 4
 * using node:crypto and fetch, so it needs no SDK. With S3_ENDPOINT set, requests use path-style
 * addresses (`<endpoint>/<bucket>/<key>`), which every S3-compatible server accepts; without it,
 * AWS's virtual-hosted addresses.
 */
export interface S3Config {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Prefix inside the bucket, so the bucket can be shared. */
  prefix: string;
}

export function s3ConfigFromEnv(source: Record<string, string | undefined> = process.env): S3Config {
  const missing = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((k) => !source[k]);
  if (missing.length) {
    throw new FileStoreConfigError(`FILE_STORAGE=s3 needs ${missing.join(', ')} to be set`);
  }
  return {
    bucket: source.S3_BUCKET!,
    region: source.S3_REGION || 'us-east-1',
    endpoint: source.S3_ENDPOINT?.replace(/\/+$/, '') || undefined,
    accessKeyId: source.S3_ACCESS_KEY_ID!,
    secretAccessKey: source.S3_SECRET_ACCESS_KEY!,
    sessionToken: source.S3_SESSION_TOKEN || undefined,
    prefix: 'evidence/',
  };
}

const sha256Hex = (data: string | Uint8Array) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', key).update(data).digest();

function amzDate(date: Date): { stamp: string; day: string } {
  const stamp = date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return { stamp, day: stamp.slice(0, 8) };
}

/**
 * Signs one request (Signature Version 4, header form). Returns the headers to send, including
 * Authorization. Exported for its test against AWS's published example.
 */
export function signV4(req: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  payloadHash: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  date: Date;
}): Record<string, string> {
  const { stamp, day } = amzDate(req.date);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])),
    host: req.url.host,
    'x-amz-content-sha256': req.payloadHash,
    'x-amz-date': stamp,
  };
  if (req.sessionToken) headers['x-amz-security-token'] = req.sessionToken;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const query = [...req.url.searchParams.entries()]
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [req.method, req.url.pathname, query, canonicalHeaders, signedHeaders, req.payloadHash].join('\n');
  const scope = `${day}/${req.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`AWS4${req.secretAccessKey}`, day);
  const kSigning = hmac(hmac(hmac(kDate, req.region), 's3'), 'aws4_request');
  const signature = crypto.createHmac('sha256', kSigning).update(stringToSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${req.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  // fetch sets Host itself from the URL.
  delete headers.host;
  return headers;
}

export class S3FileStore implements FileStore {
  constructor(readonly config: S3Config) {}

  objectUrl(key: string): URL {
    assertKey(key);
    const c = this.config;
    const objectKey = `${c.prefix}${key}`;
    return c.endpoint
      ? new URL(`${c.endpoint}/${encodeURIComponent(c.bucket)}/${objectKey}`)
      : new URL(`https://${c.bucket}.s3.${c.region}.amazonaws.com/${objectKey}`);
  }

  private async send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Uint8Array): Promise<Response> {
    const url = this.objectUrl(key);
    const payloadHash = sha256Hex(body ?? new Uint8Array());
    const extra: Record<string, string> = body ? { 'content-type': 'application/octet-stream' } : {};
    const headers = signV4({ method, url, headers: extra, payloadHash, date: new Date(), ...this.config });
    return fetch(url, { method, headers, body: body ? Buffer.from(body) : undefined });
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const res = await this.send('PUT', key, bytes);
    if (!res.ok) throw new Error(`S3 PUT ${key} failed: ${res.status} ${await res.text().catch(() => '')}`.trim());
  }

  async get(key: string): Promise<Uint8Array | null> {
    const res = await this.send('GET', key);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`S3 GET ${key} failed: ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', key);
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key} failed: ${res.status}`);
  }
}
