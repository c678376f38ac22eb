import type { RejectCode, RejectParams } from '../../../domain/reject-reasons.ts';
import { fmtInt } from '../../i18n/format.ts';
import { t, type MessageKey } from '../../i18n/t.ts';

interface Rejection {
  reason: string | null;
  reason_code: RejectCode | null;
  reason_params: RejectParams | null;
}

/**
 * Why a file was refused, in the reader's language: the code and its parameters worded by the
 * dictionary, numbers in the reader's locale; the report's English sentence when there is no code.
 */
export function rejectionText(f: Rejection): string | null {
  if (!f.reason_code || !f.reason_params) return f.reason;
  const params = f.reason_params;
  if (f.reason_code === 'arrow_truncated' && (params.block === null || params.block === undefined)) return f.reason;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) vars[name] = typeof value === 'number' ? fmtInt(value) : String(value ?? '');
  if (typeof params.limit === 'number') vars.limitMb = fmtInt(Math.round(params.limit / (1 << 20)));
  if (typeof params.bytes === 'number') vars.mb = fmtInt(Math.round(params.bytes / (1 << 20)));
  return t(`reject.${f.reason_code}` as MessageKey, vars);
}
