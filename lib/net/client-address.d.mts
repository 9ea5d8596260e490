export declare const CLIENT_ADDRESS_HEADER: 'x-criterion-client-ip';
export declare function normaliseAddress(value: string | undefined | null): string | null;
export interface TrustedProxies {
  has(address: string): boolean;
  size: number;
}
export declare function parseTrustedProxies(value: string | undefined): TrustedProxies;
export declare function clientAddress(request: {
  remoteAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trusted: TrustedProxies;
}): string;
