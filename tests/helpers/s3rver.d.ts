// The part of s3rver (a local fake S3, dev only) the storage tests use; the package ships no types.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net'
  type Options = {
    address?: string
    port?: number
    silent?: boolean
    directory: string
    configureBuckets?: { name: string; configs: unknown[] }[]
  }
  export default class S3rver {
    constructor(options: Options)
    run(): Promise<AddressInfo>
    close(): Promise<void>
  }
}
