import { parseArgs } from 'node:util';
import { buildDigest, digestHtml, digestMarkdown, officeNames } from '../../sql/compliance/digest.ts';
import { almatyToday } from '../../domain/calendar.ts';
import { LANGS, type Lang } from '../../domain/labels.ts';
import { UsageError, writeLine, type CliIo } from '../io.ts';
import { withDatabase } from '../with-database.ts';

export const summary = 'the inspector\'s monthly digest: vitrina digest --month YYYY-MM [--lang ru|kk|en] [--html]';

/** vitrina digest: new cases, overdue, closed, offices behind on reporting, as Markdown (or --html). */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args, options: { month: { type: 'string' }, lang: { type: 'string', default: 'ru' }, html: { type: 'boolean', default: false } },
  });
  if (!values.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) throw new UsageError(`--month must be YYYY-MM, got "${values.month ?? ''}"`);
  if (!(LANGS as readonly string[]).includes(values.lang)) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, got "${values.lang}"`);
  const lang = values.lang as Lang;
  const month = values.month;
  return withDatabase('vitrina digest', async ({ db }) => {
    const [digest, names] = await Promise.all([buildDigest(db, month, almatyToday()), officeNames(db)]);
    writeLine(io.stdout, values.html ? digestHtml(digest, lang, names) : digestMarkdown(digest, lang, names));
    return 0;
  });
}
