// The part of autocannon's API bench/load.ts uses (the package ships no types).
declare module 'autocannon' {
  export interface Histogram { average: number; mean: number; p50: number; p99: number; max: number; total: number }
  export interface Result {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  }
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    setupRequest?: (req: { path?: string; headers?: Record<string, string> }) => { path?: string; headers?: Record<string, string> };
  }
  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests?: Request[];
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
