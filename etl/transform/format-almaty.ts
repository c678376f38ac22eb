import { instantToWall } from './almaty-offset.ts';

/** 'YYYY-MM-DD HH:MM' on the Almaty wall clock, for details a person reads. */
export function formatAlmaty(instantMs: number): string {
  const iso = new Date(instantToWall(instantMs)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
