import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * The address of the client behind a request: the socket's peer, or the nearest address in
 * `X-Forwarded-For` that was added by one of the trusted proxies (`TRUSTED_PROXIES`: addresses,
 * CIDR ranges or proxy-addr's names such as `loopback`). A client cannot spoof the header past a
 * proxy that is not trusted. Express's `trust proxy` is given the same list, so `req.ip` agrees.
 */
export function clientAddressOf(trustedProxies: string[]): (req: IncomingMessage) => string {
  const trust = proxyAddr.compile(trustedProxies);
  return (req) => proxyAddr(req, trust);
}
