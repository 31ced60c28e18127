// Whether a request came over HTTPS: directly, or by the first X-Forwarded-Proto a load balancer set. One rule for
// the cookies' Secure flag and for HSTS, so the two can never disagree.
export function cameOverHttps(forwardedProto: string | null | undefined, directlyHttps: boolean): boolean {
  const forwarded = forwardedProto?.split(',')[0].trim()
  return (forwarded || (directlyHttps ? 'https' : 'http')) === 'https'
}
